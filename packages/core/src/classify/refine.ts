import { z } from 'zod';
import { CAPABILITIES, type Capability } from '../capabilities.js';
import type { ClassifyToolInput } from '../classify-tool.js';
import type { Classification, ClassificationReason } from '../tool.js';
import { toolFingerprint } from './fingerprint.js';

/**
 * Model-assisted refinement, without any model library: the caller supplies a `ToolRefiner`
 * (e.g. `createModelRefiner(model)` from `@oso-agents/cli/model`, which calls an AI SDK model with
 * a structured-output schema). Only tools with a low-confidence bucket are sent; verdicts are
 * cached by tool fingerprint; a verdict never removes a bucket the deterministic classifier gave
 * with high confidence, and may always add one (recall before precision).
 */

/** A model's answer for one tool. */
export const modelVerdictSchema = z.object({
  untrusted_content: z.boolean(),
  private_data: z.boolean(),
  external_or_state_change: z.boolean(),
  /** One sentence: why. */
  reason: z.string(),
});

export type ModelVerdict = z.infer<typeof modelVerdictSchema>;

/** What a refiner is asked about one tool. */
export interface RefineRequest {
  fingerprint: string;
  tool: ClassifyToolInput;
  /** The deterministic classification, for context. */
  classification: Classification;
}

/** Classifies tools with a model: one verdict per request, same order (a missing one is skipped). */
export type ToolRefiner = (requests: readonly RefineRequest[]) => Promise<ReadonlyArray<ModelVerdict | undefined>>;

/** A cache of verdicts by fingerprint (a `Map` works; so does any store with get/set). */
export interface VerdictCache {
  get(fingerprint: string): ModelVerdict | undefined;
  set(fingerprint: string, verdict: ModelVerdict): unknown;
}

export interface RefineOptions {
  refiner: ToolRefiner;
  /** Verdicts by tool fingerprint; tools found here are not sent again. Default: a new Map. */
  cache?: VerdictCache;
  /** A tool is sent when any bucket's confidence is below this. Default 0.6. */
  threshold?: number;
  /** A verdict may remove a bucket only when its confidence is below this. Default 0.8. */
  keepAbove?: number;
  /** Tools per refiner call. Default 20. */
  batchSize?: number;
  /**
   * Called when a refiner call fails; those tools keep their deterministic classification (which
   * already leans to having an unsure bucket). Default: ignore.
   */
  onError?: (error: unknown, requests: readonly RefineRequest[]) => void;
}

/** Whether a classification has a bucket the classifier is unsure of. */
export function isLowConfidence(classification: Classification, threshold = 0.6): boolean {
  if (classification.source === 'override') return false;
  return CAPABILITIES.some((capability) => classification.confidence[capability] < threshold);
}

/**
 * Merges a model verdict into a deterministic classification:
 * - a bucket the model gives is added (with the model's reason);
 * - a bucket the model withholds is removed only when the deterministic confidence in it is below
 *   `keepAbove` (a bucket that fired with high confidence stays);
 * - overrides are never touched.
 * The result has `source: 'model'` when anything changed.
 */
export function mergeModelVerdict(classification: Classification, verdict: ModelVerdict, keepAbove = 0.8): Classification {
  if (classification.source === 'override') return classification;
  const present = new Set(classification.capabilities);
  const confidence = { ...classification.confidence };
  const reasons: ClassificationReason[] = [...classification.reasons];
  let changed = false;
  for (const capability of CAPABILITIES) {
    const says = verdict[capability];
    const has = present.has(capability);
    if (says && !has) {
      present.add(capability);
      confidence[capability] = 0.7;
      reasons.push({ capability, present: true, signal: `model: ${verdict.reason}`, weight: 0.7 });
      changed = true;
    } else if (!says && has) {
      if (classification.confidence[capability] >= keepAbove) {
        reasons.push({ capability, present: true, signal: `model would remove it; kept (deterministic confidence ${classification.confidence[capability]})`, weight: 0 });
        continue;
      }
      present.delete(capability);
      confidence[capability] = 0.7;
      reasons.push({ capability, present: false, signal: `model: ${verdict.reason}`, weight: -0.7 });
      changed = true;
    } else if (says === has) {
      reasons.push({ capability, present: has, signal: `model agrees: ${verdict.reason}`, weight: 0 });
    }
  }
  return {
    capabilities: CAPABILITIES.filter((capability) => present.has(capability)),
    confidence,
    reasons,
    source: changed ? 'model' : classification.source,
  };
}

/**
 * Refines classifications with a model: sends only the low-confidence, non-override tools whose
 * fingerprint is not cached yet (in batches), caches every verdict, and returns the merged
 * classifications in the input's order. A failed refiner call leaves those tools' deterministic
 * result and is reported to `onError`; it never throws for the model.
 */
export async function refineClassifications(
  items: ReadonlyArray<{ tool: ClassifyToolInput; classification: Classification }>,
  options: RefineOptions,
): Promise<Classification[]> {
  const cache = options.cache ?? new Map<string, ModelVerdict>();
  const threshold = options.threshold ?? 0.6;
  const keepAbove = options.keepAbove ?? 0.8;
  const batchSize = Math.max(1, options.batchSize ?? 20);
  const fingerprints = items.map((item) => toolFingerprint(item.tool));
  const pending = new Map<string, RefineRequest>();
  items.forEach((item, index) => {
    const fingerprint = fingerprints[index]!;
    if (!isLowConfidence(item.classification, threshold) || cache.get(fingerprint) || pending.has(fingerprint)) return;
    pending.set(fingerprint, { fingerprint, tool: item.tool, classification: item.classification });
  });
  const requests = [...pending.values()];
  for (let start = 0; start < requests.length; start += batchSize) {
    const batch = requests.slice(start, start + batchSize);
    try {
      const verdicts = await options.refiner(batch);
      batch.forEach((request, index) => {
        const parsed = modelVerdictSchema.safeParse(verdicts[index]);
        if (parsed.success) cache.set(request.fingerprint, parsed.data);
      });
    } catch (error) {
      options.onError?.(error, batch);
    }
  }
  return items.map((item, index) => {
    const verdict = cache.get(fingerprints[index]!);
    return verdict && isLowConfidence(item.classification, threshold) ? mergeModelVerdict(item.classification, verdict, keepAbove) : item.classification;
  });
}

/** The buckets of a verdict, for display. */
export function verdictCapabilities(verdict: ModelVerdict): Capability[] {
  return CAPABILITIES.filter((capability) => verdict[capability]);
}
