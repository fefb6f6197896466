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
  /** Distinctive tokens (letters and digits mixed). Default true. */
  tokens?: boolean;
  /**
   * With `shingles: 'all'`: the shingles' hashes are pushed here as numbers instead of being
   * added to the set as strings (the egress side looks them up in a numeric index).
   */
  shingleHashes?: number[];
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
  // Decimal: converting a 53-bit number to base 36 costs about 1 µs in V8, to decimal 30 ns.
  return kind + hash53(normalised, seed);
}

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// With a scheme, or a bare `www.` host (how pages and chats often write links).
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s"'<>()[\]{}`]+/gi;
// Digits with single spaces or dashes inside ("4111 1111 1111 1111", "123-45-6789").
const NUMBER = /(?<![\w.])\+?\d(?:[ -]?\d){5,33}(?![\w])/g;
// Dates and times (`2024-05-30 10:20`) are shared by everything in a calendar: not distinctive.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const IBAN_START = /[A-Z]{2}\d{2}/;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
// A token mixing letters and digits (an order id, a passport number, a key): distinctive.
// Each pattern that scans runs of characters starts only where a run starts (a lookbehind), so a
// scan stays linear in the text's length.
const HAS_DIGIT = /\d/;
const SIX_DIGITS = /\d(?:\D*\d){5}/;
const TEN_DIGITS = /\d(?:\D*\d){9}/;
const HANDLE = /[#@][\p{L}\p{N}][\p{L}\p{N}._-]*/gu;
const BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,}={0,2}/g;
const HEX = /\b(?:[0-9a-fA-F]{2}){8,}\b/g;
const PERCENT = /%[0-9A-Fa-f]{2}/;
const WWW = /www\./i;

/** `https://Evil.example/a/b?x=1#y` → `evil.example/a/b` (query and fragment left out). */
export function normaliseUrl(url: string): string {
  const trimmed = url.replace(/[.,;:!?]+$/, '');
  const match = /^(?:https?:\/\/)?([^/?#]+)([^?#]*)/i.exec(trimmed);
  if (!match) return trimmed.toLowerCase();
  const host = (match[1] ?? '').toLowerCase().replace(/^www\./, '').replace(/:\d+$/, '');
  const path = (match[2] ?? '').replace(/\/+$/, '');
  return host + path;
}

/** The fingerprints of the long numbers in a text (dates left out). */
export function fingerprintNumbers(text: string, seed: number): string[] {
  const prints: string[] = [];
  if (!SIX_DIGITS.test(text)) return prints;
  for (const match of text.matchAll(NUMBER)) {
    if (ISO_DATE.test(match[0])) continue;
    prints.push(fingerprint('n', match[0].replace(/[^\d]/g, ''), seed));
  }
  return prints;
}

/** Adds the fingerprints of `text` to `out`. */
export function fingerprintText(text: string, options: FingerprintOptions, out: Set<string>): void {
  if (text.length < 6 && !options.words) return;
  const source = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const { seed } = options;
  // Cheap tests first, so a text without digits, '@' or links skips the patterns that need them.
  const digits = SIX_DIGITS.test(source) ? (TEN_DIGITS.test(source) ? 10 : 6) : HAS_DIGIT.test(source) ? 1 : 0;
  if (source.includes('@')) for (const match of source.matchAll(EMAIL)) out.add(fingerprint('e', match[0].toLowerCase().replace(/^[._%+-]+/, ''), seed));
  if (source.includes('://') || WWW.test(source)) for (const match of source.matchAll(URL_PATTERN)) out.add(fingerprint('u', normaliseUrl(match[0]), seed));
  if (digits >= 6) for (const print of fingerprintNumbers(source, seed)) out.add(print);
  if (digits >= 10 && IBAN_START.test(source)) for (const match of source.matchAll(IBAN)) out.add(fingerprint('a', match[0].replace(/ /g, ''), seed));
  if (options.words) for (const match of source.matchAll(HANDLE)) out.add(fingerprint('h', match[0].slice(1).toLowerCase(), seed));
  scanWords(source, options, digits > 0 && options.tokens !== false, out);
  if (options.decode) addDecoded(source, options, out);
}

/**
 * One pass over the text's characters for what runs of them give: distinctive tokens (letters and
 * digits mixed, 6+ of `[a-z0-9_-]`), words (for a user's message), and runs of words (shingles).
 * Written as a loop rather than patterns: it is the part of fingerprinting that grows with the
 * text, and on the decision's hot path.
 */
function scanWords(text: string, options: FingerprintOptions, tokens: boolean, out: Set<string>): void {
  const { seed, words } = options;
  const shingles = options.shingles !== 'none';
  if (!tokens && !words && !shingles) return;
  const lower = text.toLowerCase();
  const length = lower.length;
  const hashes: number[] = [];
  let wordStart = -1;
  let wordHash = 0;
  let tokenStart = -1;
  let tokenDigit = false;
  let tokenLetter = false;
  for (let index = 0; index <= length; index++) {
    const code = index < length ? lower.charCodeAt(index) : 32;
    const digit = code >= 48 && code <= 57;
    const ascii = code >= 97 && code <= 122;
    // Word characters: ASCII letters and digits, and anything beyond ASCII (letters of other scripts).
    if (digit || ascii || code > 127) {
      if (wordStart < 0) {
        wordStart = index;
        wordHash = 0x811c9dc5 ^ seed;
      }
      wordHash = Math.imul(wordHash ^ code, 16777619);
    } else if (wordStart >= 0) {
      if (shingles) hashes.push(wordHash >>> 0);
      if (words && index - wordStart >= 3) out.add(fingerprint('w', lower.slice(wordStart, index), seed));
      wordStart = -1;
    }
    if (!tokens) continue;
    if (digit || ascii || code === 95 || code === 45) {
      if (tokenStart < 0) {
        tokenStart = index;
        tokenDigit = false;
        tokenLetter = false;
      }
      if (digit) tokenDigit = true;
      else if (ascii) tokenLetter = true;
    } else if (tokenStart >= 0) {
      if (tokenDigit && tokenLetter && index - tokenStart >= 6) out.add(fingerprint('t', lower.slice(tokenStart, index), seed));
      tokenStart = -1;
    }
  }
  if (shingles) addShingles(hashes, options, out);
}

/** Runs of `SHINGLE_WORDS` words, each hash mixing its words' hashes (no strings joined). */
function addShingles(hashes: readonly number[], options: FingerprintOptions, out: Set<string>): void {
  for (let start = 0; start + SHINGLE_WORDS <= hashes.length; start++) {
    let h1 = 0x2545f491 ^ options.seed;
    let h2 = 0x9e3779b9;
    for (let offset = 0; offset < SHINGLE_WORDS; offset++) {
      const word = hashes[start + offset] as number;
      h1 = Math.imul(h1 ^ word, 2654435761);
      h2 = Math.imul(h2 ^ word, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    // Sampling by the hash itself (not the position), so both sides keep the same shingles.
    if (options.shingles === 'sample' && hash % 3 !== 0) continue;
    if (options.shingleHashes) options.shingleHashes.push(hash);
    else out.add(`s${hash}`);
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
  // Encoded data shows as a long run without spaces or as %XX escapes; prose has neither.
  if (longestRun(text) < 12 && !text.includes('%')) return found;
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

/** The longest run of characters without whitespace, quotes or brackets. */
function longestRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code <= 32 || code === 34 || code === 39 || code === 40 || code === 41 || code === 60 || code === 62) {
      if (run > longest) longest = run;
      run = 0;
    } else run++;
  }
  return run > longest ? run : longest;
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
  visitText(value, (text) => {
    if (out.size < limit) fingerprintText(text, options, out);
  }, 0);
  return out.size > limit ? [...out].slice(0, limit) : [...out];
}

// `visitStrings` without the paths (no allocation per key): for whole outputs and messages.
function visitText(value: unknown, visit: (text: string) => void, depth: number): void {
  if (typeof value === 'string') return visit(value);
  if (typeof value === 'number' || typeof value === 'bigint') return visit(String(value));
  if (value === null || typeof value !== 'object' || depth > 16) return;
  if (Array.isArray(value)) {
    for (const item of value) visitText(item, visit, depth + 1);
    return;
  }
  for (const key in value) visitText((value as Record<string, unknown>)[key], visit, depth + 1);
}
