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
 * A fingerprint is a number (a key): the hash with its 3 low bits replaced by its kind's slot, so
 * one numeric Map holds every kind and nothing turns hashes into strings on the hot path. Kinds:
 * `e` e-mail address, `u` URL (host and path), `n` number of 6+ digits, `a` account number
 * (IBAN-like), `t` distinctive token (letters and digits mixed), `s` run of words (shingle), `w` a
 * word a user typed, `h` a handle (`#channel`, `@someone`). Keys are exact integers below 2^53:
 * plain JSON numbers.
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
}

/** Words in a shingle. */
export const SHINGLE_WORDS = 6;
/** Characters of one text fingerprinted at most; beyond it a text is cut (bounded cost). */
export const MAX_TEXT_CHARS = 20_000;

/** cyrb53: a fast 53-bit string hash. */
export function hash53(text: string, seed: number): number {
  return hash53Range(text, 0, text.length, seed);
}

/** The seed for a secret (0 without one). */
export function seedOf(secret: string | undefined): number {
  return secret ? hash53(secret, 0x9e3779b9) % 4294967296 : 0;
}

/** The fingerprint (key) of one normalised value of a kind (`e`, `u`, `n`, `a`, `t`, `s`, `h`, `w`). */
export function fingerprint(kind: string, normalised: string, seed: number): number {
  return printKey(kind.charCodeAt(0), hash53(normalised, seed));
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
const HANDLE = /[#@][\p{L}\p{N}][\p{L}\p{N}._-]*/gu;
const BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,}={0,2}/g;
const HEX = /\b(?:[0-9a-fA-F]{2}){8,}\b/g;
const PERCENT = /%[0-9A-Fa-f]{2}/;

/** `https://Evil.example/a/b?x=1#y` → `evil.example/a/b` (query and fragment left out). */
export function normaliseUrl(url: string): string {
  // Hand-written for the common shape (every link a tool returns passes here); anything unusual
  // goes through the patterns, which define the result.
  let end = url.length;
  while (end > 0 && TRAILING_PUNCTUATION[url.charCodeAt(end - 1)] === 1) end--;
  let start = 0;
  if (startsWithIgnoreCase(url, 'https://')) start = 8;
  else if (startsWithIgnoreCase(url, 'http://')) start = 7;
  let hostEnd = start;
  let lowercase = true;
  while (hostEnd < end) {
    const code = url.charCodeAt(hostEnd);
    if (code === 47 || code === 63 || code === 35) break; // / ? #
    if (code === 58 || code >= 128) return normaliseUrlByPattern(url); // a port, or beyond ASCII
    if (code >= 65 && code <= 90) lowercase = false;
    hostEnd++;
  }
  if (hostEnd === start) return normaliseUrlByPattern(url);
  let host = url.slice(start, hostEnd);
  if (!lowercase) host = host.toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  let pathEnd = hostEnd;
  while (pathEnd < end) {
    const code = url.charCodeAt(pathEnd);
    if (code === 63 || code === 35) break;
    pathEnd++;
  }
  while (pathEnd > hostEnd && url.charCodeAt(pathEnd - 1) === 47) pathEnd--;
  return pathEnd === hostEnd ? host : host + url.slice(hostEnd, pathEnd);
}

// `.,;:!?`: what a sentence puts after a link.
const TRAILING_PUNCTUATION = new Uint8Array(128);
for (const character of '.,;:!?') TRAILING_PUNCTUATION[character.charCodeAt(0)] = 1;

function startsWithIgnoreCase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let index = 0; index < prefix.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== prefix.charCodeAt(index)) return false;
  }
  return true;
}

/** `normaliseUrl` by patterns: the definition the hand-written path follows. */
export function normaliseUrlByPattern(url: string): string {
  const trimmed = url.replace(/[.,;:!?]+$/, '');
  const match = /^(?:https?:\/\/)?([^/?#]+)([^?#]*)/i.exec(trimmed);
  if (!match) return trimmed.toLowerCase();
  const host = (match[1] ?? '').toLowerCase().replace(/^www\./, '').replace(/:\d+$/, '');
  const path = (match[2] ?? '').replace(/\/+$/, '');
  return host + path;
}

/**
 * Fingerprints as numbers, in the order they are found (a value may repeat): the kind letter's
 * character code and the hash. The string form (`fingerprint()`) is the kind letter followed by
 * the hash in decimal; the detectors build it only where a fingerprint map needs it.
 */
export interface PrintList {
  kinds: number[];
  hashes: number[];
}

export const KIND_EMAIL = 101; // e
export const KIND_URL = 117; // u
export const KIND_NUMBER = 110; // n
export const KIND_ACCOUNT = 97; // a
export const KIND_TOKEN = 116; // t
export const KIND_SHINGLE = 115; // s
export const KIND_HANDLE = 104; // h
export const KIND_WORD = 119; // w

// A kind's slot in a key: its 3 low bits. e, u, n, a (the values that steer a call) are slots 0-3.
const KIND_BY_SLOT = [KIND_EMAIL, KIND_URL, KIND_NUMBER, KIND_ACCOUNT, KIND_TOKEN, KIND_SHINGLE, KIND_HANDLE, KIND_WORD];
const KIND_SLOT = new Uint8Array(128);
KIND_BY_SLOT.forEach((kind, slot) => {
  KIND_SLOT[kind] = slot;
});

/**
 * The key of a fingerprint from its kind's character code and its hash: the hash's 3 low bits
 * give way to the kind (50 bits of hash left: two values of a session collide with odds of about
 * one in 10^11 for the 4,000 fingerprints a map holds).
 */
export function printKey(kind: number, hash: number): number {
  // `hash & 7` reads the low 32 bits (ToInt32), whose 3 low bits are the hash's own.
  return hash - (hash & 7) + (KIND_SLOT[kind] as number);
}

/** The kind (its letter's character code) of a fingerprint key. */
export function kindOfKey(key: number): number {
  return KIND_BY_SLOT[key & 7] as number;
}

/** True for the kinds that steer where a call goes or whom it reaches: addresses, links, numbers, accounts. */
export function isSteeringKey(key: number): boolean {
  return (key & 7) < 4;
}

/** The long numbers of a text (dates left out), appended to `list` as kind `n` and their hashes. */
export function collectNumbers(text: string, seed: number, list: PrintList): void {
  if (countDigits(text, 6) < 6) return;
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(text); match; match = NUMBER.exec(text)) {
    if (ISO_DATE.test(match[0])) continue;
    list.kinds.push(KIND_NUMBER);
    // The digits alone, hashed where they stand (as `hash53` of the digits joined; a `replace`
    // would cost ten times the hash).
    list.hashes.push(hash53Alphanumeric(text, match.index, match.index + match[0].length, seed));
  }
}

// ASCII digits in a text, counted up to `enough` (what `\d` matches without the `u` flag).
function countDigits(text: string, enough: number): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57 && ++count >= enough) return count;
  }
  return count;
}

/** Adds the fingerprints (keys) of `text` to `out`. */
export function fingerprintText(text: string, options: FingerprintOptions, out: Set<number>): void {
  const list: PrintList = { kinds: [], hashes: [] };
  collectPrints(text, options, list);
  const { kinds, hashes } = list;
  for (let index = 0; index < kinds.length; index++) out.add(printKey(kinds[index] as number, hashes[index] as number));
}

/** The fingerprints of `text` as kinds and hashes, appended to `list` in the order found. */
export function collectPrints(text: string, options: FingerprintOptions, list: PrintList): void {
  if (text.length < 6 && !options.words) return;
  const source = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const { seed } = options;
  // Cheap tests first, so a text without digits, '@' or links skips the patterns that need them.
  const digits = countDigits(source, 10);
  if (source.includes('@')) collectEmails(source, seed, list);
  if (source.includes('://') || hasWww(source)) {
    URL_PATTERN.lastIndex = 0;
    for (let match = URL_PATTERN.exec(source); match; match = URL_PATTERN.exec(source)) {
      list.kinds.push(KIND_URL);
      list.hashes.push(hash53(normaliseUrl(match[0]), seed));
    }
  }
  if (digits >= 6) collectNumbers(source, seed, list);
  if (digits >= 10 && IBAN_START.test(source)) {
    IBAN.lastIndex = 0;
    for (let match = IBAN.exec(source); match; match = IBAN.exec(source)) {
      list.kinds.push(KIND_ACCOUNT);
      list.hashes.push(hash53Alphanumeric(source, match.index, match.index + match[0].length, seed));
    }
  }
  if (options.words && (source.includes('#') || source.includes('@'))) {
    HANDLE.lastIndex = 0;
    for (let match = HANDLE.exec(source); match; match = HANDLE.exec(source)) {
      list.kinds.push(KIND_HANDLE);
      list.hashes.push(hash53(match[0].slice(1).toLowerCase(), seed));
    }
  }
  scanWords(source, options, digits > 0 && options.tokens !== false, list);
  if (options.decode) addDecoded(source, options, list);
}

/** What `/www\./i.test(text)` says, found from the dots (no pattern run on every text). */
function hasWww(text: string): boolean {
  for (let dot = text.indexOf('.', 3); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if ((text.charCodeAt(dot - 1) | 32) === 119 && (text.charCodeAt(dot - 2) | 32) === 119 && (text.charCodeAt(dot - 3) | 32) === 119) return true;
  }
  return false;
}

// `EMAIL` anchored at each '@': the local part of a match is the whole run of its characters
// before the '@' (the lookbehind), so the match can only start there. Same matches as
// `source.matchAll(EMAIL)`, without trying the pattern at every word of the text.
const EMAIL_AT = new RegExp(EMAIL.source, 'iy');

function isLocalPart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function collectEmails(source: string, seed: number, list: PrintList): void {
  let from = 0;
  for (let at = source.indexOf('@'); at >= 0; at = source.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalPart(source.charCodeAt(start - 1))) start--;
    if (start === at || start < from) continue;
    EMAIL_AT.lastIndex = start;
    const match = EMAIL_AT.exec(source);
    if (!match) continue;
    from = EMAIL_AT.lastIndex;
    list.kinds.push(KIND_EMAIL);
    // Lowercased, leading `._%+-` left out, hashed where it stands (the match is ASCII).
    let first = match.index;
    const end = first + match[0].length;
    while (first < end && LEADING_EMAIL_PUNCTUATION[source.charCodeAt(first)] === 1) first++;
    list.hashes.push(hash53LowerAscii(source, first, end, seed));
  }
}

const LEADING_EMAIL_PUNCTUATION = new Uint8Array(128);
for (const character of '._%+-') LEADING_EMAIL_PUNCTUATION[character.charCodeAt(0)] = 1;

/** `hash53` of `text.slice(start, end).toLowerCase()` for ASCII text, without building that string. */
function hash53LowerAscii(text: string, start: number, end: number, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = start; index < end; index++) {
    let code = text.charCodeAt(index);
    if (code >= 65 && code <= 90) code += 32;
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return finishHash53(h1, h2);
}

/**
 * `hash53` of the ASCII letters and digits of `text.slice(start, end)` joined, without building that
 * string: a number's digits without its spaces, dashes and `+`, an account number without its spaces.
 */
function hash53Alphanumeric(text: string, start: number, end: number, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    const letter = code | 32;
    if (!(code >= 48 && code <= 57) && !(letter >= 97 && letter <= 122)) continue;
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return finishHash53(h1, h2);
}

function finishHash53(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `hash53` of `text.slice(start, end)`, without the slice. */
export function hash53Range(text: string, start: number, end: number, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return finishHash53(h1, h2);
}

// Word hashes of the text being scanned (reused: one scan at a time).
let wordHashes: Int32Array = new Int32Array(256);

// Character classes of the scan (lowercase text), as bits: a word character (ASCII letters and
// digits, and anything beyond ASCII: letters of other scripts), a token character
// (`[a-z0-9_-]`), a digit, a letter. Beyond ASCII: a word character only.
const WORD_CHAR = 1;
const TOKEN_CHAR = 2;
const DIGIT_CHAR = 4;
const LETTER_CHAR = 8;
const CHAR_CLASS = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const digit = code >= 48 && code <= 57;
  const letter = code >= 97 && code <= 122;
  CHAR_CLASS[code] = (digit || letter ? WORD_CHAR | TOKEN_CHAR : 0) | (code === 95 || code === 45 ? TOKEN_CHAR : 0) | (digit ? DIGIT_CHAR : 0) | (letter ? LETTER_CHAR : 0);
}

function growWordHashes(): Int32Array {
  const grown = new Int32Array(wordHashes.length * 2);
  grown.set(wordHashes);
  wordHashes = grown;
  return grown;
}

/**
 * One pass over the text's characters for what runs of them give: distinctive tokens (letters and
 * digits mixed, 6+ of `[a-z0-9_-]`), words (for a user's message), and runs of words (shingles).
 * Written as a loop over a table of character classes rather than patterns: it is the part of
 * fingerprinting that grows with the text, and on the decision's hot path.
 */
function scanWords(text: string, options: FingerprintOptions, tokens: boolean, list: PrintList): void {
  const { seed, words } = options;
  const shingles = options.shingles !== 'none';
  if (!tokens && !words && !shingles) return;
  const lower = text.toLowerCase();
  const length = lower.length;
  let hashes: Int32Array = wordHashes;
  let count = 0;
  let wordStart = -1;
  let wordHash = 0;
  let tokenStart = -1;
  let tokenClasses = 0;
  // One step past the end (a space), so the last word and token end like the others.
  for (let index = 0; index <= length; index++) {
    const code = index < length ? lower.charCodeAt(index) : 32;
    const classes = code < 128 ? (CHAR_CLASS[code] as number) : WORD_CHAR;
    if ((classes & WORD_CHAR) !== 0) {
      if (wordStart < 0) {
        wordStart = index;
        wordHash = 0x811c9dc5 ^ seed;
      }
      wordHash = Math.imul(wordHash ^ code, 16777619);
    } else if (wordStart >= 0) {
      if (shingles) {
        if (count === hashes.length) hashes = growWordHashes();
        hashes[count++] = wordHash;
      }
      if (words && index - wordStart >= 3) {
        list.kinds.push(KIND_WORD);
        list.hashes.push(hash53Range(lower, wordStart, index, seed));
      }
      wordStart = -1;
    }
    if (!tokens) continue;
    if ((classes & TOKEN_CHAR) !== 0) {
      if (tokenStart < 0) {
        tokenStart = index;
        tokenClasses = 0;
      }
      tokenClasses |= classes;
    } else if (tokenStart >= 0) {
      if ((tokenClasses & (DIGIT_CHAR | LETTER_CHAR)) === (DIGIT_CHAR | LETTER_CHAR) && index - tokenStart >= 6) {
        list.kinds.push(KIND_TOKEN);
        list.hashes.push(hash53Range(lower, tokenStart, index, seed));
      }
      tokenStart = -1;
    }
  }
  if (shingles) addShingles(hashes, count, options, list);
}

/** Runs of `SHINGLE_WORDS` words, each hash mixing its words' hashes (no strings joined). */
function addShingles(hashes: Int32Array, count: number, options: FingerprintOptions, list: PrintList): void {
  const sample = options.shingles === 'sample';
  for (let start = 0; start + SHINGLE_WORDS <= count; start++) {
    let h1 = 0x2545f491 ^ options.seed;
    let h2 = 0x9e3779b9;
    for (let offset = 0; offset < SHINGLE_WORDS; offset++) {
      // The unsigned word hash, as the mixing reads it (its 32 bits are the same).
      const word = hashes[start + offset] as number;
      h1 = Math.imul(h1 ^ word, 2654435761);
      h2 = Math.imul(h2 ^ word, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const high = 2097151 & h2;
    const low = h1 >>> 0;
    // Sampling by the hash itself (not the position), so both sides keep the same shingles:
    // hash % 3 === 0, with hash = high·2³² + low and 2³² ≡ 1 (mod 3), in integers.
    if (sample && ((high % 3) + (low % 3)) % 3 !== 0) continue;
    list.kinds.push(KIND_SHINGLE);
    list.hashes.push(4294967296 * high + low);
  }
}

/** Finds base64, hex and URL-encoded parts of an argument and fingerprints what they decode to. */
function addDecoded(text: string, options: FingerprintOptions, list: PrintList): void {
  const found = decodedTexts(text);
  if (found.length === 0) return;
  const inner: FingerprintOptions = { ...options, decode: false };
  for (const decoded of found) collectPrints(decoded, inner, list);
}

/** What the base64, hex and URL-encoded parts of a text decode to, when they read as text. */
export function decodedTexts(text: string): readonly string[] {
  // A decision reads the same arguments for fingerprints and for credentials: the last few
  // answers are kept (a call has a handful of string arguments).
  for (let slot = 0; slot < DECODED_SLOTS; slot++) if (decodedInputs[slot] === text) return decodedOutputs[slot] as readonly string[];
  const found = decode(text);
  decodedInputs[decodedNext] = text;
  decodedOutputs[decodedNext] = found;
  decodedNext = (decodedNext + 1) % DECODED_SLOTS;
  return found;
}

const DECODED_SLOTS = 4;
const decodedInputs: (string | undefined)[] = [undefined, undefined, undefined, undefined];
const decodedOutputs: (readonly string[] | undefined)[] = [undefined, undefined, undefined, undefined];
let decodedNext = 0;
const NOTHING_DECODED: readonly string[] = Object.freeze([]);

function decode(text: string): readonly string[] {
  // Encoded data shows as %XX escapes or as a run of 12+ base64 characters (a hex match, 16+ hex
  // digits, is such a run too); prose has neither.
  if (!text.includes('%') && !hasBase64Run(text)) return NOTHING_DECODED;
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

// Characters of `BASE64` (`[A-Za-z0-9+/_-]`).
const BASE64_CHAR = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  BASE64_CHAR[code] = letter || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 95 || code === 45 ? 1 : 0;
}

/** True when the text has a run of 12 or more base64 characters: where `BASE64` and `HEX` can match. */
function hasBase64Run(text: string): boolean {
  let run = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 128 && BASE64_CHAR[code] === 1) {
      if (++run >= 12) return true;
    } else run = 0;
  }
  return false;
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

/** The fingerprints (keys) of a whole value (a tool's output, a message), without repeats, in the order found; `limit` at most. */
export function fingerprintValue(value: unknown, options: FingerprintOptions, limit: number): number[] {
  const keys: number[] = [];
  try {
    visitValue(value, options, limit, keys, 0);
  } finally {
    clearSeen();
  }
  return keys;
}

// The repeats check of `fingerprintValue`: an open-addressing table of the keys seen, reused from
// one value to the next and cleared slot by slot, so a response's fingerprints are deduplicated
// without a Set built and grown per response.
let seenKeys = new Float64Array(1_024);
let seenUsed = new Int32Array(512);
let seenCount = 0;
// Slot marks: `seenMark[slot] === seenEpoch` when taken (bumped per value: clearing is one increment
// unless the counter wraps).
let seenMark = new Uint32Array(1_024);
let seenEpoch = 1;

function clearSeen(): void {
  seenCount = 0;
  if (++seenEpoch === 0xffffffff) {
    seenMark.fill(0);
    seenEpoch = 1;
  }
}

/** Marks a key seen; false when it was already. */
function markSeen(key: number): boolean {
  if (seenCount * 2 >= seenUsed.length) growSeen();
  const mask = seenKeys.length - 1;
  // The key's low 32 bits pick the slot (a double's ToUint32 is its value modulo 2^32); its 3
  // lowest are the kind, so they are shifted out.
  for (let slot = (key >>> 3) & mask; ; slot = (slot + 1) & mask) {
    if (seenMark[slot] !== seenEpoch) {
      seenKeys[slot] = key;
      seenMark[slot] = seenEpoch;
      seenUsed[seenCount++] = slot;
      return true;
    }
    if (seenKeys[slot] === key) return false;
  }
}

function growSeen(): void {
  const keys = seenKeys;
  const used = seenUsed.subarray(0, seenCount);
  seenKeys = new Float64Array(keys.length * 2);
  seenMark = new Uint32Array(keys.length * 2);
  const grown = new Int32Array(seenUsed.length * 2);
  const mask = seenKeys.length - 1;
  let count = 0;
  for (const old of used) {
    const key = keys[old] as number;
    let slot = (key >>> 3) & mask;
    while (seenMark[slot] === seenEpoch) slot = (slot + 1) & mask;
    seenKeys[slot] = key;
    seenMark[slot] = seenEpoch;
    grown[count++] = slot;
  }
  seenUsed = grown;
  seenCount = count;
}

// Walks the value's strings (and numbers, as text).
function visitValue(value: unknown, options: FingerprintOptions, limit: number, keys: number[], depth: number): void {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    if (keys.length >= limit) return;
    // A fresh list: emptying a reused array (`length = 0`) is a call into the runtime, dearer
    // than a young allocation.
    const list: PrintList = { kinds: [], hashes: [] };
    collectPrints(typeof value === 'string' ? value : String(value), options, list);
    for (let index = 0; index < list.kinds.length && keys.length < limit; index++) {
      const key = printKey(list.kinds[index] as number, list.hashes[index] as number);
      if (markSeen(key)) keys.push(key);
    }
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 16) return;
  if (Array.isArray(value)) {
    for (const item of value) visitValue(item, options, limit, keys, depth + 1);
    return;
  }
  for (const key in value) visitValue((value as Record<string, unknown>)[key], options, limit, keys, depth + 1);
}
