import type { DetectorContext } from '../decide.js';
import { fingerprintArguments, scanArguments } from './argument-scan.js';
import { fingerprintIndex, type DataSource, type DetectorState } from './detector-state.js';
import { fingerprint, normaliseUrl } from './fingerprints.js';

/** A value in a call's arguments that the session saw before, and where it saw it. */
export interface EvidenceHit {
  /** The argument holding it (`body`, `to`, `subject + body` when split across arguments). */
  argument: string;
  /** What kind of value: `e-mail address`, `link`, `number`, `account number`, `token`, `text`. */
  kind: string;
  /** The response it came from. */
  source: DataSource;
}

/** What a call's arguments carry from earlier in the session; computed once per decision. */
export interface EgressEvidence {
  /** A private-data fingerprint in the content (non-destination) arguments. */
  privateInContent?: EvidenceHit;
  /** A link, address or account number from untrusted content (and not typed by the user) in the content. */
  untrustedInContent?: EvidenceHit;
  /** A key argument (destination, link, file, account) whose value came from untrusted content and not from the user. */
  untrustedInKeys?: EvidenceHit;
}

const KIND_WORDS: Record<string, string> = {
  e: 'e-mail address',
  u: 'link',
  n: 'number',
  a: 'account number',
  t: 'token',
  s: 'text',
  h: 'handle',
  w: 'word',
};
// Kinds of untrusted values that steer where something goes or who is reached.
const STEERING_KINDS = new Set(['e', 'u', 'n', 'a']);

const cache = new WeakMap<object, EgressEvidence>();
const EMPTY: EgressEvidence = {};

/** The evidence for one decision (memoised on its input, shared by the detectors and the relaxation). */
export function egressEvidence(context: DetectorContext, seed: number): EgressEvidence {
  const cached = cache.get(context.input);
  if (cached) return cached;
  const detectors = context.state.detectors;
  let evidence = EMPTY;
  if (detectors && (detectors.sizes.private > 0 || detectors.sizes.untrusted > 0)) {
    evidence = collect(context, detectors, seed);
  }
  cache.set(context.input, evidence);
  return evidence;
}

function collect(context: DetectorContext, detectors: DetectorState, seed: number): EgressEvidence {
  const scan = scanArguments(context.input);
  const evidence: EgressEvidence = {};
  const shingles = { hashes: [] as number[], arguments: [] as string[] };
  const content = fingerprintArguments(scan.content, { seed, shingles: 'all', words: false, decode: true }, shingles);
  const lookPrivate = detectors.sizes.private > 0;
  const lookUntrusted = detectors.sizes.untrusted > 0;
  const privateIndex = lookPrivate ? fingerprintIndex(detectors.private) : undefined;
  const untrustedIndex = lookUntrusted ? fingerprintIndex(detectors.untrusted) : undefined;
  for (const [print, argument] of content) {
    if (lookPrivate && !evidence.privateInContent) {
      const privateSource = privateIndex ? privateIndex.get(print) : detectors.private[print];
      if (privateSource !== undefined) evidence.privateInContent = hit(detectors, print, argument, privateSource);
    }
    // Untrusted content is fingerprinted for its steering values only (addresses, links, numbers).
    if (lookUntrusted && !evidence.untrustedInContent && STEERING_KINDS.has(print[0] as string)) {
      const untrustedSource = untrustedIndex ? untrustedIndex.get(print) : detectors.untrusted[print];
      if (untrustedSource !== undefined && detectors.user[print] === undefined) {
        evidence.untrustedInContent = hit(detectors, print, argument, untrustedSource);
      }
    }
    if (evidence.privateInContent && evidence.untrustedInContent) break;
  }
  if (lookPrivate && !evidence.privateInContent && shingles.hashes.length > 0) {
    for (let position = 0; position < shingles.hashes.length; position++) {
      const hash = shingles.hashes[position] as number;
      const source = privateIndex ? privateIndex.get(hash) : detectors.private[`s${hash}`];
      if (source !== undefined) {
        evidence.privateInContent = hit(detectors, `s${hash}`, shingles.arguments[position] as string, source);
        break;
      }
    }
  }
  if (lookUntrusted) {
    const keys = fingerprintArguments(scan.keys, { seed, shingles: 'none', words: false, decode: true });
    for (const [print, argument] of keys) {
      const source = untrustedIndex ? untrustedIndex.get(print) : detectors.untrusted[print];
      if (source !== undefined && STEERING_KINDS.has(print[0] as string) && detectors.user[print] === undefined) {
        evidence.untrustedInKeys = hit(detectors, print, argument, source);
        break;
      }
    }
  }
  return evidence;
}

function hit(detectors: DetectorState, print: string, argument: string, toolCallId: string): EvidenceHit {
  return {
    argument,
    kind: KIND_WORDS[print[0] as string] ?? 'value',
    source: detectors.sources[toolCallId] ?? { tool: 'an earlier tool', toolCallId, at: 0 },
  };
}

/** True when the user typed this value (or each of its words) in this session. */
export function typedByUser(detectors: DetectorState | undefined, value: string, seed: number): boolean {
  if (!detectors) return false;
  const user = detectors.user;
  const prints = new Set<string>();
  // Entities first: an address or link must itself have been typed.
  const trimmed = value.trim();
  const emails = trimmed.match(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi);
  if (emails) for (const email of emails) prints.add(fingerprint('e', email.toLowerCase(), seed));
  else {
    const words = trimmed.replace(/^[#@]/, '').toLowerCase().match(/[\p{L}\p{N}]+/gu);
    if (!words) return false;
    if (/^(?:https?:\/\/|www\.)/i.test(trimmed)) prints.add(fingerprint('u', normaliseUrl(trimmed), seed));
    else if (/^[#@]/.test(trimmed) && words.length > 0) {
      prints.add(fingerprint('h', trimmed.slice(1).toLowerCase(), seed));
    } else {
      for (const word of words) prints.add(fingerprint('w', word, seed));
    }
  }
  for (const print of prints) if (user[print] === undefined) return false;
  return prints.size > 0;
}
