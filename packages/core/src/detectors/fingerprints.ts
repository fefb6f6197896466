/**
 * Fingerprints: short one-way hashes of the values worth following through a session (e-mail
 * addresses, URLs, long numbers, account numbers, distinctive tokens, runs of words), so the
 * detectors can tell that a value seen in a tool's response reappears in a later call's
 * arguments without the session state ever holding the value itself (it may be secret).
 *
 * The hash is a 53-bit non-cryptographic hash (cyrb53) seeded from `detection.fingerprintSecret`:
 * fast enough for the decision's hot path. Without a secret, a low-entropy value (a 9-digit
 * number) can be recovered from its fingerprint by guessing; set a secret (the same on every
 * instance that shares a store) when the store is outside the process.
 *
 * Each fingerprint starts with its kind: `e` e-mail address, `u` URL (host and path), `n` number
 * of 6+ digits, `a` account number (IBAN-like), `t` distinctive token (letters and digits mixed),
 * `s` run of words (shingle), `w` a word a user typed, `h` a handle (`#channel`, `@someone`).
 */

/** Which fingerprints to take from a text. */
export interface FingerprintOptions {
  /** Seed of the hash (from `detection.fingerprintSecret`). */
  seed: number;
  /**
   * Runs of words: `sample` keeps about a third of them (for stored data: smaller state, a copy of
   * a dozen words still matches), `all` keeps each (for the arguments of a call), `none` skips.
   */
  shingles: 'sample' | 'all' | 'none';
  /** Every word of 3+ letters and every handle (for what a user typed). */
  words: boolean;
  /** Decode base64, hex and URL-encoding found in the text and fingerprint what they hold. */
  decode: boolean;
}

/** Words in a shingle. */
export const SHINGLE_WORDS = 6;
/** Characters of one text fingerprinted at most; beyond it a text is cut (bounded cost). */
export const MAX_TEXT_CHARS = 20_000;

/** cyrb53: a fast 53-bit string hash. */
export function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The seed for a secret (0 without one). */
export function seedOf(secret: string | undefined): number {
  return secret ? hash53(secret, 0x9e3779b9) % 4294967296 : 0;
}

/** The fingerprint of one normalised value of a kind. */
export function fingerprint(kind: string, normalised: string, seed: number): string {
  return kind + hash53(normalised, seed).toString(36);
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// With a scheme, or a bare `www.` host (how pages and chats often write links).
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s"'<>()[\]{}`]+/gi;
// Digits with single spaces or dashes inside ("4111 1111 1111 1111", "123-45-6789").
const NUMBER = /(?<![\w.])\+?\d(?:[ -]?\d){5,33}(?![\w])/g;
// Dates and times (`2024-05-30 10:20`) are shared by everything in a calendar: not distinctive.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
// A token mixing letters and digits (an order id, a passport number, a key): distinctive.
const TOKEN = /[A-Za-z0-9_-]{6,}/g;
const HAS_LETTER = /[A-Za-z]/;
const HAS_DIGIT = /\d/;
const WORD = /[\p{L}\p{N}]+/gu;
const HANDLE = /[#@][\p{L}\p{N}][\p{L}\p{N}._-]*/gu;
const BASE64 = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
const HEX = /\b(?:[0-9a-fA-F]{2}){8,}\b/g;
const PERCENT = /%[0-9A-Fa-f]{2}/;

/** `https://Evil.example/a/b?x=1#y` → `evil.example/a/b` (query and fragment left out). */
export function normaliseUrl(url: string): string {
  const trimmed = url.replace(/[.,;:!?]+$/, '');
  const match = /^(?:https?:\/\/)?([^/?#]+)([^?#]*)/i.exec(trimmed);
  if (!match) return trimmed.toLowerCase();
  const host = (match[1] ?? '').toLowerCase().replace(/^www\./, '').replace(/:\d+$/, '');
  const path = (match[2] ?? '').replace(/\/+$/, '');
  return host + path;
}

/** Adds the fingerprints of `text` to `out`. */
export function fingerprintText(text: string, options: FingerprintOptions, out: Set<string>): void {
  if (text.length < 6 && !options.words) return;
  const source = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const { seed } = options;
  for (const match of source.matchAll(EMAIL)) out.add(fingerprint('e', match[0].toLowerCase().replace(/^[._%+-]+/, ''), seed));
  for (const match of source.matchAll(URL_PATTERN)) out.add(fingerprint('u', normaliseUrl(match[0]), seed));
  for (const match of source.matchAll(NUMBER)) {
    if (ISO_DATE.test(match[0])) continue;
    out.add(fingerprint('n', match[0].replace(/[^\d]/g, ''), seed));
  }
  for (const match of source.matchAll(IBAN)) out.add(fingerprint('a', match[0].replace(/ /g, ''), seed));
  for (const match of source.matchAll(TOKEN)) {
    const token = match[0];
    if (HAS_LETTER.test(token) && HAS_DIGIT.test(token)) out.add(fingerprint('t', token.toLowerCase(), seed));
  }
  if (options.words) {
    for (const match of source.matchAll(HANDLE)) out.add(fingerprint('h', match[0].slice(1).toLowerCase(), seed));
    for (const match of source.matchAll(WORD)) {
      if (match[0].length >= 3) out.add(fingerprint('w', match[0].toLowerCase(), seed));
    }
  }
  if (options.shingles !== 'none') addShingles(source, options, out);
  if (options.decode) addDecoded(source, options, out);
}

function addShingles(text: string, options: FingerprintOptions, out: Set<string>): void {
  const words = text.toLowerCase().match(WORD);
  if (!words || words.length < SHINGLE_WORDS) return;
  for (let start = 0; start + SHINGLE_WORDS <= words.length; start++) {
    const shingle = words.slice(start, start + SHINGLE_WORDS).join(' ');
    const hash = hash53(shingle, options.seed);
    // Sampling by the hash itself (not the position), so both sides keep the same shingles.
    if (options.shingles === 'sample' && hash % 3 !== 0) continue;
    out.add(`s${hash.toString(36)}`);
  }
}

/** Finds base64, hex and URL-encoded parts of an argument and fingerprints what they decode to. */
function addDecoded(text: string, options: FingerprintOptions, out: Set<string>): void {
  const inner: FingerprintOptions = { ...options, decode: false };
  for (const decoded of decodedTexts(text)) fingerprintText(decoded, inner, out);
}

/** What the base64, hex and URL-encoded parts of a text decode to, when they read as text. */
export function decodedTexts(text: string): string[] {
  const found: string[] = [];
  if (PERCENT.test(text)) {
    try {
      found.push(decodeURIComponent(text.replace(/\+/g, ' ')));
    } catch {
      // Malformed escapes: nothing to decode.
    }
  }
  for (const match of text.matchAll(BASE64)) {
    const decoded = printable(Buffer.from(match[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    if (decoded) found.push(decoded);
  }
  for (const match of text.matchAll(HEX)) {
    const decoded = printable(Buffer.from(match[0], 'hex').toString('utf8'));
    if (decoded) found.push(decoded);
  }
  return found;
}

// Decoded bytes count only when they read as text (most base64-looking words are not base64).
function printable(text: string): string | undefined {
  if (text.length < 4) return undefined;
  let good = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 32 && code < 127) || code === 10 || code === 13 || code === 9 || code > 160) good++;
  }
  return good / text.length > 0.9 && !text.includes('\ufffd') ? text : undefined;
}

/** Calls `visit` with every string (and number, as text) inside a JSON-like value, with its path. */
export function visitStrings(
  value: unknown,
  visit: (text: string, path: string[]) => void,
  path: string[] = [],
  depth = 0,
): void {
  if (typeof value === 'string') return visit(value, path);
  if (typeof value === 'number' || typeof value === 'bigint') return visit(String(value), path);
  if (value === null || typeof value !== 'object' || depth > 16) return;
  if (Array.isArray(value)) {
    for (const item of value) visitStrings(item, visit, path, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    visitStrings((value as Record<string, unknown>)[key], visit, [...path, key], depth + 1);
  }
}

/** The fingerprints of a whole value (a tool's output, a message). */
export function fingerprintValue(value: unknown, options: FingerprintOptions, limit: number): string[] {
  const out = new Set<string>();
  visitStrings(value, (text) => {
    if (out.size < limit) fingerprintText(text, options, out);
  });
  return [...out].slice(0, limit);
}
