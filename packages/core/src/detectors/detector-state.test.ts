import { describe, expect, it } from 'vitest';
import { applyPatch, createSessionState } from '../session-state.js';

const BOUNDS = { maxCalls: 100, maxApprovals: 10, maxFingerprints: 50 };
const source = (id: string) => ({ tool: 'drive.read_file', toolCallId: id, at: 1 });

describe('detector state', () => {
  it('is created on first use, stays plain JSON, and keeps the first source of a fingerprint', () => {
    const state = createSessionState();
    expect(state.detectors).toBeUndefined();
    applyPatch(state, { detectors: { private: { source: source('a'), fingerprints: ['n1', 'n2'] } } }, BOUNDS);
    applyPatch(state, { detectors: { private: { source: source('b'), fingerprints: ['n2', 'n3'] } } }, BOUNDS);
    expect(state.detectors?.private).toEqual({ n1: 'a', n2: 'a', n3: 'b' });
    // The detectors' part of the state is plain JSON (the session's own call indexes are Maps).
    expect(JSON.parse(JSON.stringify(state.detectors))).toEqual(state.detectors);
  });

  it('cuts each fingerprint map back under its cap, oldest first', () => {
    const state = createSessionState();
    for (let batch = 0; batch < 10; batch++) {
      const fingerprints = Array.from({ length: 10 }, (_, index) => `t${batch * 10 + index}`);
      applyPatch(state, { detectors: { untrusted: { source: source(`c${batch}`), fingerprints }, user: fingerprints } }, BOUNDS);
    }
    const untrusted = Object.keys(state.detectors?.untrusted ?? {});
    expect(untrusted.length).toBeLessThanOrEqual(50);
    expect(untrusted).toContain('t99');
    expect(untrusted).not.toContain('t0');
    expect(Object.keys(state.detectors?.user ?? {}).length).toBeLessThanOrEqual(50);
    expect(state.detectors?.sizes.untrusted).toBe(untrusted.length);
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
    detectors.private['n01'] = 'old';
    detectors.private['x5'] = 'old';
    detectors.sizes.private += 2;
    for (let batch = 0; batch < 10; batch++) {
      const fingerprints = Array.from({ length: 10 }, (_, index) => `t${batch * 10 + index}`);
      applyPatch(state, { detectors: { private: { source: source(`c${batch}`), fingerprints: [...fingerprints, 'n1'] } } }, BOUNDS);
    }
    const keys = Object.keys(detectors.private);
    expect(keys.length).toBe(detectors.sizes.private);
    expect(keys.length).toBeLessThanOrEqual(50);
    expect(keys).toContain('t99');
    expect(keys).not.toContain('n01');
    expect(detectors.private['t99']).toBe('c9');
  });

  it('looks a fingerprint up the same way with and without its index', () => {
    const state = createSessionState();
    for (let batch = 0; batch < 3; batch++) {
      applyPatch(state, { detectors: { untrusted: { source: source(`c${batch}`), fingerprints: [`u${batch}`, 'e42'], hashes: [batch, 42] } } }, BOUNDS);
    }
    expect(state.detectors?.untrusted).toEqual({ u0: 'c0', e42: 'c0', u1: 'c1', u2: 'c2' });
    expect(JSON.parse(JSON.stringify(state.detectors))).toEqual(state.detectors);
  });
});
