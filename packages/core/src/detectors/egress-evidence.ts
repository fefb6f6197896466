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

const privateCache = new WeakMap<object, EgressEvidence>();
const untrustedCache = new WeakMap<object, EgressEvidence>();
const EMPTY: EgressEvidence = {};

/**
 * What the content of a call carries from private-data responses (`privateInContent`): every
 * argument outside the destinations, with runs of words, encodings decoded. The costly part of
 * the detectors (it grows with the arguments' length), so callers ask for it only where it can
 * matter. Memoised on the decision's input.
 */
export function privateEvidence(context: DetectorContext, seed: number): EgressEvidence {
  const cached = privateCache.get(context.input);
  if (cached) return cached;
  const detectors = context.state.detectors;
  // A state stored without size counters (written by an earlier version) is looked up anyway.
  const evidence = detectors && (detectors.sizes?.private ?? 1) > 0 ? collectPrivate(context, detectors, seed) : EMPTY;
  privateCache.set(context.input, evidence);
  return evidence;
}

/**
 * What the call carries from untrusted content and the user never wrote: in its key arguments
 * (`untrustedInKeys`) and in its content (`untrustedInContent`): addresses, links, numbers and
 * accounts only, so it stays cheap. Memoised on the decision's input.
 */
export function untrustedEvidence(context: DetectorContext, seed: number): EgressEvidence {
  const cached = untrustedCache.get(context.input);
  if (cached) return cached;
  const detectors = context.state.detectors;
  const evidence = detectors && (detectors.sizes?.untrusted ?? 1) > 0 ? collectUntrusted(context, detectors, seed) : EMPTY;
  untrustedCache.set(context.input, evidence);
  return evidence;
}

function collectPrivate(context: DetectorContext, detectors: DetectorState, seed: number): EgressEvidence {
  const scan = scanArguments(context.input);
  const index = fingerprintIndex(detectors.private);
  const shingles = { hashes: [] as number[], arguments: [] as string[] };
  const content = fingerprintArguments(scan.content, { seed, shingles: 'all', words: false, decode: true }, shingles);
  for (const [print, argument] of content) {
    const source = index ? index.get(print) : detectors.private[print];
    if (source !== undefined) return { privateInContent: hit(detectors, print, argument, source) };
  }
  for (let position = 0; position < shingles.hashes.length; position++) {
    const hash = shingles.hashes[position] as number;
    const source = index ? index.get(hash) : detectors.private[`s${hash}`];
    if (source !== undefined) return { privateInContent: hit(detectors, `s${hash}`, shingles.arguments[position] as string, source) };
  }
  return EMPTY;
}

function collectUntrusted(context: DetectorContext, detectors: DetectorState, seed: number): EgressEvidence {
  const scan = scanArguments(context.input);
  const index = fingerprintIndex(detectors.untrusted);
  const evidence: EgressEvidence = {};
  const find = (values: typeof scan.content): EvidenceHit | undefined => {
    const prints = fingerprintArguments(values, { seed, shingles: 'none', words: false, decode: true, tokens: false });
    for (const [print, argument] of prints) {
      if (!STEERING_KINDS.has(print[0] as string)) continue;
      const source = index ? index.get(print) : detectors.untrusted[print];
      if (source !== undefined && detectors.user[print] === undefined) return hit(detectors, print, argument, source);
    }
    return undefined;
  };
  const inKeys = find(scan.keys);
  if (inKeys) evidence.untrustedInKeys = inKeys;
  const inContent = find(scan.content);
  if (inContent) evidence.untrustedInContent = inContent;
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
