import { describe, expect, it } from 'vitest';
import { detectorsOso } from './session.fixture.js';

describe('abnormal_rate', () => {
  it('pauses a loop: the same tool with the same arguments more than maxRepeats times', async () => {
    const session = detectorsOso().session('s');
    const outcomes: string[] = [];
    for (let index = 0; index < 11; index++) {
      const decision = await session.authorize({ toolCallId: `poll-${index}`, tool: 'math.add', args: { a: 1, b: 2 } });
      outcomes.push(decision.outcome);
    }
    expect(outcomes.slice(0, 10).every((outcome) => outcome === 'allow')).toBe(true);
    expect(outcomes[10]).toBe('require_approval');
    const last = await session.authorize({ toolCallId: 'poll-10', tool: 'math.add', args: { a: 1, b: 2 } });
    expect(last.rule).toBe('abnormal_rate');
    expect(last.reason).toMatch(/math\.add was called 11 times with the same arguments/);
  });

  it('does not count different arguments, nor the same call id asked again', async () => {
    const session = detectorsOso().session('s');
    for (let index = 0; index < 30; index++) {
      const decision = await session.authorize({ toolCallId: `c-${index}`, tool: 'math.add', args: { a: index, b: 2 } });
      expect(decision.outcome).toBe('allow');
    }
    for (let index = 0; index < 30; index++) {
      const decision = await session.authorize({ toolCallId: 'same', tool: 'math.add', args: { a: 1, b: 1 } });
      expect(decision.outcome).toBe('allow');
    }
  });

  it('pauses a burst beyond maxCalls per window, and lets the session go on once the window has passed', async () => {
    const oso = detectorsOso({ detection: { abnormalRate: { maxCalls: 5, windowMs: 60_000 } } });
    const session = oso.session('s');
    const outcomes: string[] = [];
    for (let index = 0; index < 6; index++) {
      outcomes.push((await session.authorize({ toolCallId: `b-${index}`, tool: 'math.add', args: { a: index } })).outcome);
    }
    expect(outcomes).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'require_approval']);
    oso.clock.now += 3 * 60_000;
    expect((await session.authorize({ toolCallId: 'later', tool: 'math.add', args: { a: 99 } })).outcome).toBe('allow');
  });

  it('is off with `abnormalRate: false`', async () => {
    const session = detectorsOso({ detection: { abnormalRate: false } }).session('s');
    for (let index = 0; index < 15; index++) {
      expect((await session.authorize({ toolCallId: `p-${index}`, tool: 'math.add', args: {} })).outcome).toBe('allow');
    }
  });

  it('keeps a fixed-size state whatever the session length', async () => {
    const oso = detectorsOso();
    const session = oso.session('s');
    for (let index = 0; index < 300; index++) await session.authorize({ toolCallId: `c-${index}`, tool: 'math.add', args: { a: index } });
    const state = await oso.store.load({ agentId: 'detectors-test', sessionId: 's' });
    expect(state.detectors?.recent?.keys.length).toBe(64);
  });
});
