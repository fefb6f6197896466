import type { DecisionInput } from '../decide.js';
import type { RegisteredTool } from '../tool.js';
import { collectNumbers, collectPrints, KIND_SHINGLE, type FingerprintOptions, type PrintList } from './fingerprints.js';

/** One string inside a call's arguments, with the argument it sits in (`to`, `message.cc`). */
export interface ArgumentValue {
  argument: string;
  value: string;
}

/** A call's arguments sorted by role, read once per decision and shared by the detectors. */
export interface ArgumentScan {
  /** Values of destination arguments (where the data goes: recipient, URL, channel, account). */
  destinations: ArgumentValue[];
  /** Values of key arguments (destinations, links, files, accounts, members): what an attacker steers. */
  keys: ArgumentValue[];
  /** Every value outside the destination arguments (the content sent). */
  content: ArgumentValue[];
  /** True when the tool declares its destination arguments (else they were inferred from names). */
  declared: boolean;
  /** The fingerprints of `keys` and `content`, read on first use (`argumentPrints`). */
  readings: { keys?: Readings; content?: Readings };
}

/** The readings of one list of argument values: in full, or only what steers a call. */
interface Readings {
  full?: ArgumentPrints;
  steering?: ArgumentPrints;
}

// Argument names (lowercase, without `_` and `-`) that pick where data goes.
const DESTINATION_NAMES = new Set([
  'to', 'cc', 'bcc', 'recipient', 'recipients', 'channel', 'channels', 'channelid', 'url', 'uri', 'endpoint',
  'webhook', 'iban', 'account', 'accountnumber', 'accountid', 'phone', 'phonenumber', 'destination', 'target',
  'invitee', 'invitees', 'attendee', 'attendees', 'participants', 'participant', 'address', 'email', 'emails',
  'host', 'sharewith', 'recipientiban', 'payee', 'beneficiary', 'conversation', 'chatid', 'room', 'user', 'users',
  'member', 'members', 'username', 'receiver', 'toemail', 'emailaddress',
]);
const DESTINATION_SUFFIXES = ['email', 'emails', 'url', 'recipient', 'recipients', 'iban', 'webhook', 'address'];
// Further arguments an injected instruction would steer: links and files.
const KEY_NAMES = new Set(['link', 'links', 'href', 'file', 'files', 'path', 'filename', 'filepath', 'repo', 'repository', 'domain', 'website']);

// Argument names recur from call to call: their normalised forms are kept (a bounded memo).
const normalisedNames = new Map<string, string>();

function normaliseName(name: string): string {
  let normalised = normalisedNames.get(name);
  if (normalised === undefined) {
    normalised = name.toLowerCase().replace(/[_-]/g, '');
    if (normalisedNames.size >= 1_024) normalisedNames.clear();
    normalisedNames.set(name, normalised);
  }
  return normalised;
}

/** True when an argument name reads as a destination (`to`, `recipient_email`, `webhookUrl`). */
export function isDestinationName(name: string): boolean {
  const normalised = normaliseName(name);
  if (DESTINATION_NAMES.has(normalised)) return true;
  return DESTINATION_SUFFIXES.some((suffix) => normalised.length > suffix.length && normalised.endsWith(suffix));
}

function isKeyName(name: string): boolean {
  return KEY_NAMES.has(normaliseName(name));
}

/** The tool's declared destination arguments: its definition's, else its classification's, if any. */
export function declaredDestinations(tool: RegisteredTool | undefined): readonly string[] | undefined {
  if (!tool) return undefined;
  const declared = tool.definition.destinations ?? (tool.classification as { destinations?: string[] }).destinations;
  return declared && declared.length > 0 ? declared : undefined;
}

// The scan of the decision in progress: a decision is synchronous, and every detector reads the
// same input (a retried decision gets a new input object). One slot, no WeakMap to keep up.
let lastInput: DecisionInput | undefined;
let lastScan: ArgumentScan | undefined;

/** Sorts a call's argument values by role; computed once per decision (memoised on its input). */
export function scanArguments(input: DecisionInput): ArgumentScan {
  if (input === lastInput && lastScan) return lastScan;
  const declared = declaredDestinations(input.tool);
  const declaredSet = declared ? new Set(declared.map(normaliseName)) : undefined;
  const scan: ArgumentScan = { destinations: [], keys: [], content: [], declared: declaredSet !== undefined, readings: {} };
  const isDestination = declaredSet ? (name: string) => declaredSet.has(normaliseName(name)) : isDestinationName;
  walk(input.call.args, '', false, false, 0);
  lastInput = input;
  lastScan = scan;
  return scan;

  // Each key is classified once; a value inherits its parents' roles (`message.to[0]` is a destination).
  function walk(value: unknown, argument: string, destination: boolean, key: boolean, depth: number): void {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = typeof value === 'string' ? value : String(value);
      if (text.length === 0) return;
      const entry = { argument: argument || '(arguments)', value: text };
      if (destination) {
        scan.destinations.push(entry);
        scan.keys.push(entry);
        // A URL destination's query and fragment can carry data: they count as content too.
        const query = /^https?:\/\/[^?#]*([?#].+)$/i.exec(text)?.[1];
        if (query) scan.content.push({ argument: entry.argument, value: query });
      } else {
        scan.content.push(entry);
        if (key) scan.keys.push(entry);
      }
      return;
    }
    if (value === null || typeof value !== 'object' || depth > 16) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, argument, destination, key, depth + 1);
      return;
    }
    for (const name of Object.keys(value)) {
      const child = argument ? `${argument}.${name}` : name;
      const childDestination = destination || isDestination(name) || (declaredSet !== undefined && declaredSet.has(normaliseName(child)));
      // Undeclared destinations (inferred from names) also count as key arguments.
      const childKey = key || isKeyName(name) || (!declaredSet && isDestinationName(name));
      walk((value as Record<string, unknown>)[name], child, childDestination, childKey, depth + 1);
    }
  }
}

/**
 * The fingerprints of a list of argument values as numbers, each with the argument it came from:
 * first everything but runs of words, in the order found, then the runs of words (`shingles`).
 * The values are also read joined together, so a number split across two arguments still matches.
 */
export interface ArgumentPrints extends PrintList {
  /** The argument of each entry of `kinds`/`hashes`. */
  arguments: string[];
  /** Hashes of the runs of words, and their arguments. */
  shingles: number[];
  shingleArguments: string[];
  /** The seed the hashes were taken with. */
  seed: number;
}

/**
 * The fingerprints of a scan's `keys` or `content`, read once per decision (kept on the scan):
 * `complete` for the private-data check (runs of words, tokens, encodings decoded), else only what
 * the untrusted-content check reads (no runs of words, no tokens; a complete reading serves it too).
 */
export function argumentPrints(scan: ArgumentScan, part: 'keys' | 'content', seed: number, complete: boolean): ArgumentPrints {
  const readings = (scan.readings[part] ??= {});
  const done = readings.full?.seed === seed ? readings.full : !complete && readings.steering?.seed === seed ? readings.steering : undefined;
  if (done) return done;
  const values = scan[part];
  const options: FingerprintOptions = complete
    ? { seed, shingles: 'all', words: false, decode: true }
    : { seed, shingles: 'none', words: false, decode: true, tokens: false };
  const prints: ArgumentPrints = { kinds: [], hashes: [], arguments: [], shingles: [], shingleArguments: [], seed };
  for (const { argument, value } of values) {
    // A fresh list per value: emptying a reused array is a call into the runtime, dearer than this.
    const one: PrintList = { kinds: [], hashes: [] };
    collectPrints(value, options, one);
    for (let index = 0; index < one.kinds.length; index++) {
      const kind = one.kinds[index] as number;
      if (kind === KIND_SHINGLE) {
        prints.shingles.push(one.hashes[index] as number);
        prints.shingleArguments.push(argument);
      } else {
        prints.kinds.push(kind);
        prints.hashes.push(one.hashes[index] as number);
        prints.arguments.push(argument);
      }
    }
  }
  if (values.length > 1) addSplitNumbers(values, seed, prints);
  if (complete) readings.full = prints;
  else readings.steering = prints;
  return prints;
}

// Characters a number can hold (`NUMBER`: digits, a leading '+', single spaces or dashes).
function numberChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 32 || code === 45 || code === 43;
}

/**
 * Numbers split across arguments (an account or code in two halves): the values are read joined.
 * A number lies inside one run of number characters, and only a run that touches the seam between
 * two values can read differently joined (split, or cut short by the other value's first or last
 * character): any other run reads as it did in its own value. So only the runs at the seams are
 * read, with one character of context on each side, instead of the whole joined text.
 */
function addSplitNumbers(values: readonly ArgumentValue[], seed: number, prints: ArgumentPrints): void {
  const joined = values.map((entry) => entry.value).join('');
  let where: string | undefined;
  let seam = 0;
  let covered = 0;
  for (let index = 0; index < values.length - 1; index++) {
    seam += (values[index] as ArgumentValue).value.length;
    if (seam <= covered) continue;
    let start = seam;
    let end = seam;
    while (start > 0 && numberChar(joined.charCodeAt(start - 1))) start--;
    while (end < joined.length && numberChar(joined.charCodeAt(end))) end++;
    if (start === end) continue;
    covered = end;
    const before = prints.kinds.length;
    collectNumbers(joined.slice(Math.max(0, start - 1), end + 1), seed, prints);
    if (prints.kinds.length === before) continue;
    where ??= values.map((entry) => entry.argument).join(' + ');
    for (let added = before; added < prints.kinds.length; added++) prints.arguments.push(where);
  }
}
