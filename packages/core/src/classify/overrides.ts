import { z } from 'zod';
import { CAPABILITIES, capabilitySchema, type Capability } from '../capabilities.js';
import type { Classification, ClassificationReason } from '../tool.js';
import { parseWith } from '../validate.js';
import { globToRegExp, isGlob } from './glob.js';

/**
 * A manual correction of the classifier, as data (JSON or YAML) or code. It matches by tool
 * (`create_issue`, the full name `github.create_issue`, or a glob over the full name such as
 * `github.*_issue*`), by integration (a name or glob), or both. It either replaces the buckets
 * (`capabilities`) or adds and removes some (`add`, `remove`).
 */
export const classificationOverrideSchema = z
  .object({
    tool: z.string().min(1).optional(),
    integration: z.string().min(1).optional(),
    capabilities: z.array(capabilitySchema).optional(),
    add: z.array(capabilitySchema).optional(),
    remove: z.array(capabilitySchema).optional(),
    /** Why: shown in the classification's reasons. */
    reason: z.string().optional(),
  })
  .strict()
  .refine((rule) => rule.tool !== undefined || rule.integration !== undefined, {
    message: 'an override needs "tool" or "integration"',
  })
  .refine((rule) => rule.capabilities !== undefined || rule.add !== undefined || rule.remove !== undefined, {
    message: 'an override needs "capabilities", "add" or "remove"',
  });

export type ClassificationOverride = z.infer<typeof classificationOverrideSchema>;

/** An overrides file: `{ overrides: [...] }` or a bare list. */
export const overridesFileSchema = z.union([
  z.object({ overrides: z.array(classificationOverrideSchema) }).strict(),
  z.array(classificationOverrideSchema),
]);

/** The tool an override is matched against. */
export interface OverrideTarget {
  integration?: string;
  name: string;
}

/**
 * An override in code: return the buckets the tool must have, or undefined to leave it alone.
 * It sees the classifier's own result (after the data overrides).
 */
export type OverrideFunction = (tool: OverrideTarget, classification: Classification) => readonly Capability[] | undefined;

/** Parses overrides from already-parsed data (a JSON or YAML document); errors name the field. */
export function parseOverrides(value: unknown, what = 'classification overrides'): ClassificationOverride[] {
  // Pick the shape first, so an error names the rule's field (`overrides.2.add.0`), not the union.
  if (Array.isArray(value)) return parseWith(z.array(classificationOverrideSchema), value, what);
  return parseWith(z.object({ overrides: z.array(classificationOverrideSchema) }).strict(), value, what).overrides;
}

interface CompiledRule {
  rule: ClassificationOverride;
  index: number;
  specificity: number;
  matches: (tool: OverrideTarget) => boolean;
}

function fullNameOf(tool: OverrideTarget): string {
  return tool.integration ? `${tool.integration}.${tool.name}` : tool.name;
}

function compile(rule: ClassificationOverride, index: number): CompiledRule {
  const toolPattern = rule.tool;
  const integrationPattern = rule.integration;
  const integrationTest = integrationPattern
    ? isGlob(integrationPattern)
      ? (value: string | undefined) => value !== undefined && globToRegExp(integrationPattern).test(value)
      : (value: string | undefined) => value === integrationPattern
    : () => true;
  let toolTest: (tool: OverrideTarget) => boolean = () => true;
  // More specific rules apply later, so they win: integration < glob < exact name.
  let specificity = 0;
  if (toolPattern) {
    if (isGlob(toolPattern)) {
      const pattern = globToRegExp(toolPattern);
      toolTest = (tool) => pattern.test(fullNameOf(tool)) || pattern.test(tool.name);
      specificity = 1;
    } else {
      toolTest = (tool) => toolPattern === tool.name || toolPattern === fullNameOf(tool);
      specificity = 2;
    }
  }
  return { rule, index, specificity, matches: (tool) => integrationTest(tool.integration) && toolTest(tool) };
}

/** Overrides compiled once, applied to many tools. */
export class OverrideSet {
  private readonly rules: CompiledRule[];

  constructor(
    overrides: readonly ClassificationOverride[] = [],
    private readonly functions: readonly OverrideFunction[] = [],
  ) {
    this.rules = overrides
      .map((rule, index) => compile(parseWith(classificationOverrideSchema, rule, `classification override #${index}`), index))
      .sort((left, right) => left.specificity - right.specificity || left.index - right.index);
  }

  get size(): number {
    return this.rules.length + this.functions.length;
  }

  /**
   * Applies every matching override, least specific first (integration, then glob, then exact
   * name; file order within a level), then the code overrides. A changed result has
   * `source: 'override'`, confidence 1 on each bucket an override decided, and a reason naming the
   * rule; the classifier's own reasons stay for the other buckets.
   */
  apply(tool: OverrideTarget, classification: Classification): Classification {
    let buckets = new Set(classification.capabilities);
    const decided = new Map<Capability, string>();
    for (const compiled of this.rules) {
      if (!compiled.matches(tool)) continue;
      const { rule } = compiled;
      const label = `override ${describe(rule)}${rule.reason ? `: ${rule.reason}` : ''}`;
      if (rule.capabilities) {
        buckets = new Set(rule.capabilities);
        for (const capability of CAPABILITIES) decided.set(capability, label);
      }
      for (const capability of rule.add ?? []) {
        buckets.add(capability);
        decided.set(capability, label);
      }
      for (const capability of rule.remove ?? []) {
        buckets.delete(capability);
        decided.set(capability, label);
      }
    }
    for (const [index, override] of this.functions.entries()) {
      const partial: Classification = { ...classification, capabilities: CAPABILITIES.filter((capability) => buckets.has(capability)) };
      const result = override(tool, partial);
      if (!result) continue;
      buckets = new Set(result);
      for (const capability of CAPABILITIES) decided.set(capability, `override function #${index}`);
    }
    if (decided.size === 0) return classification;
    const reasons: ClassificationReason[] = [
      ...classification.reasons.filter((reason) => !decided.has(reason.capability)),
      ...[...decided].map(([capability, signal]) => ({ capability, present: buckets.has(capability), signal, weight: 1 })),
    ];
    const confidence = { ...classification.confidence };
    for (const capability of decided.keys()) confidence[capability] = 1;
    return {
      capabilities: CAPABILITIES.filter((capability) => buckets.has(capability)),
      confidence,
      reasons,
      source: 'override',
    };
  }
}

function describe(rule: ClassificationOverride): string {
  const parts: string[] = [];
  if (rule.integration) parts.push(`integration "${rule.integration}"`);
  if (rule.tool) parts.push(`tool "${rule.tool}"`);
  return parts.join(' ');
}
