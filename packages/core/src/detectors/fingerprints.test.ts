import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintText, fingerprintValue, hash53, KIND_NUMBER, kindOfKey, normaliseUrl, normaliseUrlByPattern, seedOf } from './fingerprints.js';

const ALL = { seed: 0, shingles: 'all', words: false, decode: true } as const;
function prints(text: string, options: Parameters<typeof fingerprintText>[1] = ALL): Set<number> {
  const out = new Set<number>();
  fingerprintText(text, options, out);
  return out;
}

describe('fingerprints', () => {
  it('hashes deterministically, and differently under another secret', () => {
    expect(hash53('463820', 0)).toBe(hash53('463820', 0));
    expect(fingerprint('n', '463820', seedOf('secret-a'))).not.toBe(fingerprint('n', '463820', seedOf('secret-b')));
  });

  it('takes e-mail addresses, links, long numbers, account numbers and mixed tokens', () => {
    const found = prints('Mail Mark.Black@Gmail.com, see https://www.Evil.example/c?x=1, code 463 820 and 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00, passport HGK137803.');
    expect(found).toContain(fingerprint('e', 'mark.black@gmail.com', 0));
    expect(found).toContain(fingerprint('u', 'evil.example/c', 0));
    expect(found).toContain(fingerprint('n', '463820', 0));
    expect(found).toContain(fingerprint('n', '4111111111111111', 0));
    expect(found).toContain(fingerprint('a', 'DE89370400440532013000', 0));
    expect(found).toContain(fingerprint('t', 'hgk137803', 0));
  });

  it('reads bare www links and leaves out the query of a link', () => {
    expect(normaliseUrl('www.secure-systems-252.com')).toBe('secure-systems-252.com');
    expect(normaliseUrl('https://Hooks.acme.com/ci/?token=1#x')).toBe('hooks.acme.com/ci');
    expect(prints('visit www.secure-systems-252.com now')).toContain(fingerprint('u', 'secure-systems-252.com', 0));
  });

  it('does not take dates and times as numbers, nor short numbers', () => {
    const found = prints('Meet on 2024-05-30 10:20 in room 12345.');
    expect([...found].filter((print) => kindOfKey(print) === KIND_NUMBER)).toEqual([]);
  });

  it('decodes base64, hex and URL-encoding where a value hides', () => {
    const code = fingerprint('n', '463820', 0);
    expect(prints(`ref ${Buffer.from('code 463820').toString('base64')}`)).toContain(code);
    expect(prints(`ref ${Buffer.from('code 463820').toString('hex')}`)).toContain(code);
    expect(prints(`https://x.example/?c=${encodeURIComponent('code: 463-820')}`)).toContain(code);
    expect(prints(`ref ${Buffer.from('code 463820').toString('base64')}`, { ...ALL, decode: false })).not.toContain(code);
  });

  it('samples runs of words so that a copied passage still matches', () => {
    const passage = 'The quarterly numbers are confidential and must not leave the finance team before the board meeting on Thursday';
    const stored = new Set(fingerprintValue(passage, { seed: 0, shingles: 'sample', words: false, decode: false }, 100));
    const sent = prints(`FYI: ${passage.toLowerCase()}!`);
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(prints(passage).size);
    expect([...stored].some((print) => sent.has(print))).toBe(true);
  });

  it('keeps no raw value: every fingerprint is a number', () => {
    const found = fingerprintValue({ note: 'Passport HGK137803, mail jane@corp.example' }, { seed: 7, shingles: 'sample', words: true, decode: false }, 100);
    expect(found.length).toBeGreaterThan(3);
    for (const print of found) expect(Number.isSafeInteger(print)).toBe(true);
    expect(new Set(found).size).toBe(found.length);
    expect(JSON.stringify(found)).not.toMatch(/HGK|jane|corp/i);
  });

  it('normalises links by hand exactly as the patterns that define it do', () => {
    // The hand-written path must give the same fingerprints: generated links with schemes in any
    // case, ports, users, trailing punctuation and slashes, queries, fragments, non-ASCII hosts.
    const parts = ['http://', 'https://', 'HTTPS://', 'www.', 'WWW.', 'Ex', 'ample', '.com', ':8080', '/', '//', '?', '#', 'a', 'B', '.', ',', '!', ';', ':', 'é', ' ', '@', 'user:pw@', '%20', '-', '0', 'http:', 'https:/'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % parts.length;
    const differing: string[] = [];
    for (let round = 0; round < 50_000; round++) {
      let url = '';
      for (let count = 1 + (next() % 8); count > 0; count--) url += parts[next()];
      if (normaliseUrl(url) !== normaliseUrlByPattern(url)) differing.push(url);
    }
    expect(differing).toEqual([]);
    expect(normaliseUrl('HTTPS://WWW.Evil.Example:8443/Path//?q=1')).toBe('evil.example/Path');
  });

  it('reads ASCII text lowercased as it goes exactly as it reads text beyond ASCII, lowercased first', () => {
    // Two paths: ASCII is lowercased character by character, other text as a whole. The same
    // words and tokens give the same fingerprints whichever path read them.
    const options = { seed: 3, shingles: 'all', words: true, decode: false } as const;
    const ascii = 'Order AB12CD34 for Dana Kim: invoice INV-2024-777x, Quarterly Budget Review Meeting Notes www.Example.com';
    const asciiPrints = prints(ascii, options);
    const mixed = prints(`${ascii} — café`, options);
    for (const print of asciiPrints) expect(mixed).toContain(print);
    expect(prints(ascii.toUpperCase(), options)).toEqual(prints(ascii.toLowerCase(), options));
    expect(mixed).toContain(fingerprint('w', 'café', 3));
    expect(asciiPrints).toContain(fingerprint('t', 'ab12cd34', 3));
  });
});
