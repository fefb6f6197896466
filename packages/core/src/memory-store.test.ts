import { describe, expect, it } from 'vitest';
import { createOso } from './create-oso.js';
import { MemorySessionStore } from './memory-store.js';

const event = (content: string) => ({ type: 'message_from_user' as const, content, agentId: 'a', sessionId: 's', timestamp: 1 });

describe('MemorySessionStore', () => {
  it('keeps at most maxSessions, dropping the least recently used (to the second)', () => {
    let now = 0;
    const store = new MemorySessionStore({ maxSessions: 3, now: () => now });
    for (const id of ['1', '2', '3']) store.append({ agentId: 'a', sessionId: id }, [event(id)]);
    now = 2_000;
    store.load({ agentId: 'a', sessionId: '1' }); // 1 is now the most recently used
    store.append({ agentId: 'a', sessionId: '4' }, [event('4')]);
    expect(store.size).toBe(3);
    expect(store.events({ agentId: 'a', sessionId: '2' })).toEqual([]);
    expect(store.events({ agentId: 'a', sessionId: '1' })).toHaveLength(1);
  });

  it('drops a session unused for longer than its TTL', () => {
    let now = 0;
    const store = new MemorySessionStore({ sessionTtlMs: 1_000, now: () => now });
    store.append({ agentId: 'a', sessionId: 'old' }, [event('x')]);
    now = 5_000;
    store.append({ agentId: 'a', sessionId: 'new' }, [event('y')]);
    expect(store.size).toBe(1);
    expect(store.events({ agentId: 'a', sessionId: 'old' })).toEqual([]);
  });

  it('caps the events of a session, oldest first, and counts what it dropped', () => {
    const store = new MemorySessionStore({ maxEventsPerSession: 100 });
    const key = { agentId: 'a', sessionId: 's' };
    for (let index = 0; index < 1_000; index++) store.append(key, [event(String(index))]);
    const events = store.events(key);
    expect(events.length).toBeLessThanOrEqual(100);
    expect(events.at(-1)).toMatchObject({ content: '999', seq: 1_000 });
    expect(store.droppedEvents(key)).toBe(1_000 - events.length);
  });

  it('keeps the calls remembered for idempotency bounded in a long session', async () => {
    const store = new MemorySessionStore({ maxCallsPerSession: 100 });
    // 1,000 calls in a moment is a burst by design: the rate detector only records it here.
    const oso = createOso({ agentId: 'a', store, rules: { abnormal_rate: 'ignore' } });
    oso.registerTools('math', [{ name: 'add', capabilities: [] }]);
    const session = oso.session('s');
    for (let index = 0; index < 1_000; index++) await session.authorize({ toolCallId: `c${index}`, tool: 'math.add', args: { index } });
    const state = store.load({ agentId: 'a', sessionId: 's' });
    expect(state.calls.size + (state.olderCalls?.size ?? 0)).toBeLessThanOrEqual(100);
    // The most recent calls are remembered: asked again, c999 is answered, not decided anew.
    expect((await session.authorize({ toolCallId: 'c999', tool: 'math.add', args: { index: 999 } })).repeated).toBe(true);
    expect(state.callCount).toBe(1_000);
  });

  it('forgets a deleted session, and its approvals with it', async () => {
    const store = new MemorySessionStore();
    const oso = createOso({ agentId: 'a', store, enforcement: 'require_approval' });
    oso.registerTools('t', [{ name: 'all', capabilities: ['untrusted_content', 'private_data', 'external_or_state_change'] }]);
    const pending = await oso.session('s').authorize({ toolCallId: 'c', tool: 't.all', args: {} });
    expect(pending.outcome).toBe('require_approval');
    store.delete({ agentId: 'a', sessionId: 's' });
    expect(store.size).toBe(0);
    expect(await oso.getApproval(pending.approval!.id)).toBeUndefined();
  });

  it('a version conflict changes nothing', () => {
    const store = new MemorySessionStore();
    const key = { agentId: 'a', sessionId: 's' };
    expect(store.commit(key, 7, { allowedCalls: 1 }, [event('x')])).toBe(false);
    expect(store.load(key).callCount).toBe(0);
    expect(store.events(key)).toEqual([]);
  });
});
