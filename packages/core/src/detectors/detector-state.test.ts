import { describe, expect, it } from 'vitest';
import { applyPatch, createSessionState } from '../session-state.js';
import { fingerprint, kindOfKey, KIND_EMAIL, KIND_NUMBER, KIND_SHINGLE, KIND_TOKEN, KIND_URL, KIND_WORD, printKey } from './fingerprints.js';

const BOUNDS = { maxCalls: 100, maxApprovals: 10, maxFingerprints: 50 };
const source = (id: string) => ({ tool: 'drive.read_file', toolCallId: id, at: 1 });
// As a store writing JSON keeps the state: each Map as its entries, made a Map again on load.
const throughJson = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? { $map: [...item] } : item)),
    (_key, item: unknown) => (item !== null && typeof item === 'object' && '$map' in item ? new Map(item.$map as [unknown, unknown][]) : item),
  );
const keys = (count: number, from = 0) => Array.from({ length: count }, (_, index) => fingerprint('t', `token-${from + index}`, 0));

describe('detector state', () => {
  it('is created on first use, stays plain data, and keeps the first source of a fingerprint', () => {
    const [n1, n2, n3] = [fingerprint('n', '111111', 0), fingerprint('n', '222222', 0), fingerprint('n', '333333', 0)] as [number, number, number];
    const state = createSessionState();
    expect(state.detectors).toBeUndefined();
    applyPatch(state, { detectors: { private: { source: source('a'), fingerprints: [n1, n2] } } }, BOUNDS);
    applyPatch(state, { detectors: { private: { source: source('b'), fingerprints: [n2, n3] } } }, BOUNDS);
    expect(state.detectors?.private).toEqual(new Map([[n1, 'a'], [n2, 'a'], [n3, 'b']]));
    expect(state.detectors?.sources.get('b')).toEqual(source('b'));
    // The detectors' part of the state is plain data: structured-cloneable, and through JSON once
    // its Maps are converted (as a store writing JSON does). Keys are exact integers below 2^53.
    expect(structuredClone(state.detectors)).toEqual(state.detectors);
    expect(throughJson(state.detectors)).toEqual(state.detectors);
    for (const key of state.detectors?.private.keys() ?? []) expect(Number.isSafeInteger(key)).toBe(true);
  });

  it('cuts each fingerprint map back under its cap, oldest first', () => {
    const state = createSessionState();
    for (let batch = 0; batch < 10; batch++) {
      const fingerprints = keys(10, batch * 10);
      applyPatch(state, { detectors: { untrusted: { source: source(`c${batch}`), fingerprints }, user: fingerprints } }, BOUNDS);
    }
    const untrusted = [...(state.detectors?.untrusted.keys() ?? [])];
    expect(untrusted).toContain(keys(1, 99)[0]);
    expect(untrusted).not.toContain(keys(1, 0)[0]);
    // 100 fingerprints under a cap of 50: cut back to 90% of it (45) each time it is passed.
    expect(untrusted.length).toBe(45);
    expect(state.detectors?.user.size).toBe(45);
  });

  it('keeps the recent calls in a ring of 64', () => {
    const state = createSessionState();
    for (let index = 0; index < 70; index++) applyPatch(state, { detectors: { recent: { key: index, at: index } } }, BOUNDS);
    expect(state.detectors?.recent?.keys.length).toBe(64);
    expect(state.detectors?.recent?.keys[5]).toBe(69);
    expect(state.detectors?.recent?.next).toBe(6);
  });
});

describe('fingerprint keys', () => {
  it('carry their kind in their 3 low bits, and the same value of two kinds gives two keys', () => {
    for (const kind of [KIND_EMAIL, KIND_URL, KIND_NUMBER, KIND_TOKEN, KIND_SHINGLE, KIND_WORD]) {
      for (const hash of [0, 7, 8, 2 ** 32 - 1, 2 ** 32 + 5, 2 ** 53 - 1, 6_755_399_441_055_743]) {
        const key = printKey(kind, hash);
        expect(Number.isSafeInteger(key)).toBe(true);
        expect(kindOfKey(key)).toBe(kind);
        // Only the 3 low bits of the hash give way.
        expect(Math.abs(key - hash)).toBeLessThan(8);
      }
    }
    expect(fingerprint('w', 'bob', 0)).not.toBe(fingerprint('t', 'bob', 0));
  });
});
