import { describe, expect, it } from 'vitest';
import { applyPatch, createSessionState } from '../session-state.js';

const BOUNDS = { maxCalls: 100, maxApprovals: 10, maxFingerprints: 50 };
const source = (id: string) => ({ tool: 'drive.read_file', toolCallId: id, at: 1 });
// As a store writing JSON keeps the state: each Map as an object, made a Map again on load.
const throughJson = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? { map: Object.fromEntries(item) } : item)),
    (_key, item: unknown) => (item !== null && typeof item === 'object' && 'map' in item ? new Map(Object.entries(item.map as object)) : item),
  );

describe('detector state', () => {
  it('is created on first use, stays plain data, and keeps the first source of a fingerprint', () => {
    const state = createSessionState();
    expect(state.detectors).toBeUndefined();
    applyPatch(state, { detectors: { private: { source: source('a'), fingerprints: ['n1', 'n2'] } } }, BOUNDS);
    applyPatch(state, { detectors: { private: { source: source('b'), fingerprints: ['n2', 'n3'] } } }, BOUNDS);
    expect(state.detectors?.private).toEqual(new Map([['n1', 'a'], ['n2', 'a'], ['n3', 'b']]));
    // The detectors' part of the state is plain data: structured-cloneable, and through JSON once
    // its Maps are converted (as a store writing JSON does).
    expect(structuredClone(state.detectors)).toEqual(state.detectors);
    expect(throughJson(state.detectors)).toEqual(state.detectors);
  });

  it('cuts each fingerprint map back under its cap, oldest first', () => {
    const state = createSessionState();
    for (let batch = 0; batch < 10; batch++) {
      const fingerprints = Array.from({ length: 10 }, (_, index) => `t${batch * 10 + index}`);
      applyPatch(state, { detectors: { untrusted: { source: source(`c${batch}`), fingerprints }, user: fingerprints } }, BOUNDS);
    }
    const untrusted = [...(state.detectors?.untrusted.keys() ?? [])];
    expect(untrusted.length).toBeLessThanOrEqual(50);
    expect(untrusted).toContain('t99');
    expect(untrusted).not.toContain('t0');
    expect(state.detectors?.user.size).toBeLessThanOrEqual(50);
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

describe('detector state written elsewhere', () => {
  it('keeps first sources and cuts back oldest first when a map holds keys its index cannot read', () => {
    const state = createSessionState();
    // A state from a store: a non-canonical key (`n01`) and an unknown kind (`x5`) among them.
    applyPatch(state, { detectors: { private: { source: source('a'), fingerprints: ['n1'] } } }, BOUNDS);
    const detectors = state.detectors;
    if (!detectors) throw new Error('no detector state');
    detectors.private.set('n01', 'old');
    detectors.private.set('x5', 'old');
    for (let batch = 0; batch < 10; batch++) {
      const fingerprints = Array.from({ length: 10 }, (_, index) => `t${batch * 10 + index}`);
      applyPatch(state, { detectors: { private: { source: source(`c${batch}`), fingerprints: [...fingerprints, 'n1'] } } }, BOUNDS);
    }
    const keys = [...detectors.private.keys()];
    // Over 100 fingerprints under a cap of 50, cut back to 90% of it (45) each time it is passed.
    expect(keys.length).toBe(45);
    expect(keys).toContain('t99');
    expect(keys).not.toContain('n01');
    expect(detectors.private.get('t99')).toBe('c9');
  });

  it('looks a fingerprint up the same way with and without its index', () => {
    const state = createSessionState();
    for (let batch = 0; batch < 3; batch++) {
      applyPatch(state, { detectors: { untrusted: { source: source(`c${batch}`), fingerprints: [`u${batch}`, 'e42'], hashes: [batch, 42] } } }, BOUNDS);
    }
    expect(state.detectors?.untrusted).toEqual(new Map([['u0', 'c0'], ['e42', 'c0'], ['u1', 'c1'], ['u2', 'c2']]));
    expect(structuredClone(state.detectors)).toEqual(state.detectors);
    expect(throughJson(state.detectors)).toEqual(state.detectors);
  });
});
