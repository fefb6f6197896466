import type { DetectorContext } from '../../decide.js';
import { scanArguments } from '../argument-scan.js';
import { privateEvidence, typedByUser, untrustedEvidence, type EvidenceHit } from '../egress-evidence.js';
import { describeCall } from '../../reasons.js';

/** Which rule vouched for one destination of a call. */
export type DestinationRule = 'trusted' | 'user_named' | 'unvetted';

/** One destination argument of a call and the rule that applied to it. */
export interface DestinationMatch {
  /** The argument (`to`, `message.cc`, `url`). */
  argument: string;
  rule: DestinationRule;
  /** The `trustedDestinations` pattern that matched, for `trusted`. */
  pattern?: string;
}

/**
 * The destination check of an external call while the trifecta holds: a send whose every
 * destination is trusted or named by the user, and whose content carries nothing private and no
 * link, address or account number from untrusted content, is not egress to an attacker.
 */
export interface DestinationCheck {
  /** True when the trifecta rule was set aside for this call. */
  relaxed: boolean;
  destinations: DestinationMatch[];
  /** Why the relaxation did not hold, when it did not. */
  withheld?: string;
}

/** Compiles `trustedDestinations` patterns: `*` matches anything, case-insensitive, whole value. */
export function compileDestinationPatterns(patterns: readonly string[]): { pattern: string; regex: RegExp }[] {
  return patterns.map((pattern) => ({
    pattern,
    regex: new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 'i'),
  }));
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/** The pattern a destination value matches, if any (each address inside `Bob <bob@acme.com>` must match). */
export function matchTrusted(value: string, patterns: readonly { pattern: string; regex: RegExp }[]): string | undefined {
  if (patterns.length === 0) return undefined;
  const trimmed = value.trim();
  const emails = /^https?:\/\//i.test(trimmed) ? null : trimmed.match(EMAIL);
  const candidates = emails ?? [trimmed];
  let matched: string | undefined;
  for (const candidate of candidates) {
    const found = patterns.find(
      ({ regex }) => regex.test(candidate) || (!/^[#@]/.test(candidate) && regex.test(`#${candidate}`)),
    );
    if (!found) return undefined;
    matched ??= found.pattern;
  }
  return matched;
}

/** The destination check as the decision runs it; `undefined` when the call is not external. */
export type DestinationChecker = (context: DetectorContext) => DestinationCheck | undefined;

export function createDestinationChecker(options: { trustedDestinations: readonly string[]; seed: number }): DestinationChecker {
  const patterns = compileDestinationPatterns(options.trustedDestinations);
  return (context) => {
    if (!context.capabilities.includes('external_or_state_change')) return undefined;
    const scan = scanArguments(context.input);
    if (scan.destinations.length === 0) {
      return { relaxed: false, destinations: [], withheld: 'the call names no destination' };
    }
    const detectors = context.state.detectors;
    const destinations: DestinationMatch[] = scan.destinations.map(({ argument, value }) => {
      const pattern = matchTrusted(value, patterns);
      if (pattern) return { argument, rule: 'trusted', pattern };
      if (typedByUser(detectors, value, options.seed)) return { argument, rule: 'user_named' };
      return { argument, rule: 'unvetted' };
    });
    const unvetted = destinations.find((match) => match.rule === 'unvetted');
    if (unvetted) {
      return { relaxed: false, destinations, withheld: `the destination in "${unvetted.argument}" is neither trusted nor named by the user` };
    }
    // The private check reads the content in full; the untrusted one then reuses that reading.
    const privateHit = privateEvidence(context, options.seed).privateInContent;
    const planted = untrustedEvidence(context, options.seed).untrustedInContent;
    if (privateHit) {
      return { relaxed: false, destinations, withheld: `"${privateHit.argument}" carries private data ${from(privateHit)}` };
    }
    if (planted) {
      const found = planted;
      return { relaxed: false, destinations, withheld: `"${found.argument}" carries a ${found.kind} that came from untrusted content ${from(found)}` };
    }
    return { relaxed: true, destinations };
  };
}

/** "(from drive.read_file, call c5)" */
export function from(hit: EvidenceHit): string {
  return `(from ${describeCall(hit.source)})`;
}

/** The sentence a decision carries when the relaxation applied. */
export function relaxedReason(tool: string, check: DestinationCheck): string {
  const parts = check.destinations.map((match) =>
    match.rule === 'trusted' ? `${match.argument} is trusted (${match.pattern})` : `${match.argument} was named by the user`,
  );
  return `Allowed although the session holds untrusted content and private data: every destination of ${tool} is vetted (${parts.join('; ')}) and its content carries no private data or planted link, address or account number.`;
}
