import { CAPABILITIES, type Capability } from '../capabilities.js';
import type { Classification, ClassificationReason, ClassificationSource } from '../tool.js';

/** Signals for and against each bucket, each with the words that produced it. */
export class Evidence {
  readonly score: Record<Capability, number> = { untrusted_content: 0, private_data: 0, external_or_state_change: 0 };
  readonly reasons: ClassificationReason[] = [];
  usedAnnotations = false;

  add(capability: Capability, weight: number, signal: string): void {
    if (weight === 0) return;
    this.score[capability] += weight;
    this.reasons.push({ capability, present: weight > 0, signal, weight: Math.round(weight * 100) / 100 });
  }

  /** Adds the same signal to several buckets. */
  addAll(capabilities: readonly Capability[], weight: number, signal: string): void {
    for (const capability of capabilities) this.add(capability, weight, signal);
  }

  has(capability: Capability, prefix: string): boolean {
    return this.reasons.some((reason) => reason.capability === capability && reason.signal.startsWith(prefix));
  }

  /**
   * Turns the scores into a classification. A bucket is given when the evidence for it wins; it is
   * withheld only when the evidence against it reaches `threshold`; in between it is given with a
   * low confidence (a missing bucket is a security hole, an extra one only an extra approval).
   */
  finish(threshold: number, source?: ClassificationSource): Classification {
    const capabilities: Capability[] = [];
    const confidence = {} as Record<Capability, number>;
    for (const capability of CAPABILITIES) {
      const value = this.score[capability];
      if (value > 0) {
        capabilities.push(capability);
        confidence[capability] = round(Math.min(1, value));
      } else if (-value >= threshold) {
        confidence[capability] = round(Math.min(1, -value));
      } else {
        capabilities.push(capability);
        confidence[capability] = round(0.5 * (1 - -value / threshold) + 0.01);
        this.reasons.push({
          capability,
          present: true,
          signal: value === 0 ? 'no signal either way: given (recall before precision)' : 'signals against are too weak: given (recall before precision)',
          weight: 0,
        });
      }
    }
    return {
      capabilities,
      confidence,
      reasons: this.reasons,
      source: source ?? (this.usedAnnotations ? 'annotation' : 'heuristic'),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
