import type { DetectorContext } from '../decide.js';
import { argumentPrints, scanArguments, type ArgumentScan } from './argument-scan.js';
import type { DataSource, DetectorState } from './detector-state.js';
import { hash53, KIND_ACCOUNT, KIND_EMAIL, KIND_HANDLE, KIND_NUMBER, KIND_SHINGLE, KIND_URL, KIND_WORD, normaliseUrl, printKey } from './fingerprints.js';

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
function steering(kind: number): boolean {
  return kind === KIND_EMAIL || kind === KIND_URL || kind === KIND_NUMBER || kind === KIND_ACCOUNT;
}

// The evidence of the decision in progress (one slot: a decision is synchronous, and a retried
// decision gets a new input object).
let lastInput: object | undefined;
let lastPrivate: EgressEvidence | undefined;
let lastUntrusted: EgressEvidence | undefined;
const EMPTY: EgressEvidence = {};

function forInput(input: object): void {
  if (input === lastInput) return;
  lastInput = input;
  lastPrivate = undefined;
  lastUntrusted = undefined;
}

/**
 * What the content of a call carries from private-data responses (`privateInContent`): every
 * argument outside the destinations, with runs of words, encodings decoded. The costly part of
 * the detectors (it grows with the arguments' length), so callers ask for it only where it can
 * matter. Memoised on the decision's input.
 */
export function privateEvidence(context: DetectorContext, seed: number): EgressEvidence {
  forInput(context.input);
  if (lastPrivate) return lastPrivate;
  const detectors = context.state.detectors;
  lastPrivate = detectors && detectors.private.size > 0 ? collectPrivate(context, detectors, seed) : EMPTY;
  return lastPrivate;
}

/**
 * What the call carries from untrusted content and the user never wrote: in its key arguments
 * (`untrustedInKeys`) and in its content (`untrustedInContent`): addresses, links, numbers and
 * accounts only, so it stays cheap. Memoised on the decision's input.
 */
export function untrustedEvidence(context: DetectorContext, seed: number): EgressEvidence {
  forInput(context.input);
  if (lastUntrusted) return lastUntrusted;
  const detectors = context.state.detectors;
  lastUntrusted = detectors && detectors.untrusted.size > 0 ? collectUntrusted(context, detectors, seed) : EMPTY;
  return lastUntrusted;
}

function collectPrivate(context: DetectorContext, detectors: DetectorState, seed: number): EgressEvidence {
  const scan = scanArguments(context.input);
  const map = detectors.private;
  const prints = argumentPrints(scan, 'content', seed, true);
  for (let position = 0; position < prints.kinds.length; position++) {
    const kind = prints.kinds[position] as number;
    const source = map.get(printKey(kind, prints.hashes[position] as number));
    if (source !== undefined) return { privateInContent: hit(detectors, kind, prints.arguments[position] as string, source) };
  }
  for (let position = 0; position < prints.shingles.length; position++) {
    const source = map.get(printKey(KIND_SHINGLE, prints.shingles[position] as number));
    if (source !== undefined) return { privateInContent: hit(detectors, KIND_SHINGLE, prints.shingleArguments[position] as string, source) };
  }
  return EMPTY;
}

function collectUntrusted(context: DetectorContext, detectors: DetectorState, seed: number): EgressEvidence {
  const scan = scanArguments(context.input);
  const evidence: EgressEvidence = {};
  const inKeys = findUntrusted(detectors, scan, 'keys', seed);
  if (inKeys) evidence.untrustedInKeys = inKeys;
  const inContent = findUntrusted(detectors, scan, 'content', seed);
  if (inContent) evidence.untrustedInContent = inContent;
  return evidence;
}

function findUntrusted(detectors: DetectorState, scan: ArgumentScan, part: 'keys' | 'content', seed: number): EvidenceHit | undefined {
  if (scan[part].length === 0) return undefined;
  const { untrusted, user } = detectors;
  const prints = argumentPrints(scan, part, seed, false);
  for (let position = 0; position < prints.kinds.length; position++) {
    const kind = prints.kinds[position] as number;
    if (!steering(kind)) continue;
    const key = printKey(kind, prints.hashes[position] as number);
    const source = untrusted.get(key);
    if (source === undefined) continue;
    if (!user.has(key)) return hit(detectors, kind, prints.arguments[position] as string, source);
  }
  return undefined;
}

function hit(detectors: DetectorState, kind: number, argument: string, toolCallId: string): EvidenceHit {
  return {
    argument,
    kind: KIND_WORDS[String.fromCharCode(kind)] ?? 'value',
    source: detectors.sources.get(toolCallId) ?? { tool: 'an earlier tool', toolCallId, at: 0 },
  };
}

/** True when the user typed this value (or each of its words) in this session. */
export function typedByUser(detectors: DetectorState | undefined, value: string, seed: number): boolean {
  if (!detectors) return false;
  const user = detectors.user;
  // Entities first: an address or link must itself have been typed.
  const trimmed = value.trim();
  const emails = trimmed.match(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi);
  if (emails) {
    for (const email of emails) if (!typed(user, KIND_EMAIL, email.toLowerCase(), seed)) return false;
    return true;
  }
  const words = trimmed.replace(/^[#@]/, '').toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return false;
  if (/^(?:https?:\/\/|www\.)/i.test(trimmed)) return typed(user, KIND_URL, normaliseUrl(trimmed), seed);
  if (/^[#@]/.test(trimmed)) return typed(user, KIND_HANDLE, trimmed.slice(1).toLowerCase(), seed);
  for (const word of words) if (!typed(user, KIND_WORD, word, seed)) return false;
  return true;
}

// Whether the user's fingerprints hold this value of this kind.
function typed(user: Map<number, 1>, kind: number, normalised: string, seed: number): boolean {
  return user.has(printKey(kind, hash53(normalised, seed)));
}
