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
