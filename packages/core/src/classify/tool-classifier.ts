import { classifyTool, type ClassifyToolInput, type ClassifyToolOptions } from '../classify-tool.js';
import type { Classification } from '../tool.js';
import type { ToolClassifier } from '../tool-registry.js';
import { toolFingerprint } from './fingerprint.js';
import { OverrideSet, type ClassificationOverride, type OverrideFunction } from './overrides.js';
import { mergeModelVerdict, type ModelVerdict, type VerdictCache } from './refine.js';

export interface ToolClassifierOptions extends ClassifyToolOptions {
  /** Manual corrections as data (from a JSON/YAML file through `parseOverrides`) or code. */
  overrides?: readonly ClassificationOverride[] | OverrideSet;
  /** Overrides in code, applied after the data overrides. */
  overrideFunctions?: readonly OverrideFunction[];
  /**
   * Model verdicts by tool fingerprint (filled by `refineClassifications`): a tool whose
   * fingerprint is there gets the verdict merged (never lowering a confident bucket).
   */
  verdicts?: VerdictCache;
  /** A model verdict may remove a bucket only when the classifier's confidence in it is below this. Default 0.8. */
  keepAbove?: number;
}

/**
 * A classifier for `createOso({ classifier })` and `ToolRegistry`: the deterministic classifier,
 * then cached model verdicts, then the overrides. A tool registered with its own `capabilities`
 * keeps them (the manual override of the registry wins over everything).
 */
export function createToolClassifier(options: ToolClassifierOptions = {}): ToolClassifier {
  const overrides = options.overrides instanceof OverrideSet ? options.overrides : new OverrideSet(options.overrides ?? [], options.overrideFunctions ?? []);
  const keepAbove = options.keepAbove ?? 0.8;
  const threshold = options.threshold ?? 0.6;
  return (input: ClassifyToolInput): Classification => {
    if (input.capabilities) return classifyTool(input, { threshold });
    let classification = classifyTool(input, { threshold });
    const verdict: ModelVerdict | undefined = options.verdicts?.get(toolFingerprint(input));
    if (verdict) classification = mergeModelVerdict(classification, verdict, keepAbove);
    return overrides.size > 0 ? overrides.apply({ name: input.name, ...(input.integration ? { integration: input.integration } : {}) }, classification) : classification;
  };
}

/** A classified tool of a catalogue. */
export interface ClassifiedTool {
  /** `integration.name` (or the name alone when the tool has no integration). */
  fullName: string;
  tool: ClassifyToolInput;
  classification: Classification;
}

/** Classifies many tools with one classifier (overrides compiled once). */
export function classifyTools(tools: readonly ClassifyToolInput[], options: ToolClassifierOptions = {}): ClassifiedTool[] {
  const classify = createToolClassifier(options);
  return tools.map((tool) => ({
    fullName: tool.integration ? `${tool.integration}.${tool.name}` : tool.name,
    tool,
    classification: classify(tool),
  }));
}
