import { describe, expect, it, vi } from 'vitest';
import {
  ApprovalError,
  ApprovalRequiredError,
  createOso,
  MemorySessionStore,
  OsoError,
  OsoValidationError,
  ToolDeniedError,
  type CreateOsoOptions,
  type SessionStore,
} from './index.js';

/** An engine with three single-bucket tools: web.fetch (A), drive.read_file (B), mail.send (C). */
function engine(options: Partial<CreateOsoOptions> = {}) {
  const oso = createOso({ agentId: 'agent', ...options });
  oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'] }]);
  oso.registerTools('drive', [{ name: 'read_file', capabilities: ['private_data'] }]);
  oso.registerTools('mail', [{ name: 'send', capabilities: ['external_or_state_change'] }]);
  oso.registerTools('math', [{ name: 'add', capabilities: [] }]);
  return oso;
}

const TOOL = { A: 'web.fetch', B: 'drive.read_file', C: 'mail.send' } as const;
type Letter = keyof typeof TOOL;
const PERMUTATIONS: Letter[][] = [
  ['A', 'B', 'C'], ['A', 'C', 'B'], ['B', 'A', 'C'], ['B', 'C', 'A'], ['C', 'A', 'B'], ['C', 'B', 'A'],
];

describe('session: every order of A, B and C', () => {
  it.each(PERMUTATIONS.map((order) => [order.join(' → '), order] as const))(
    'default rule, %s: only a C call after both A and B is denied',
    async (_name, order) => {
      const session = engine().session('s');
      const outcomes = [];
      for (const [index, letter] of order.entries()) {
        outcomes.push((await session.authorize({ toolCallId: `c${index}`, tool: TOOL[letter], args: {} })).outcome);
      }
      const expected = order.map((letter, index) => (letter === 'C' && index === 2 ? 'deny' : 'allow'));
      expect(outcomes).toEqual(expected);
    },
  );

  it.each(PERMUTATIONS.map((order) => [order.join(' → '), order] as const))(
    'strict Rule of Two, %s: the call completing A+B+C is denied',
    async (_name, order) => {
      const session = engine({ ruleOfTwo: 'strict' }).session('s');
      const outcomes = [];
      for (const [index, letter] of order.entries()) {
        outcomes.push((await session.authorize({ toolCallId: `c${index}`, tool: TOOL[letter], args: {} })).outcome);
      }
      expect(outcomes).toEqual(['allow', 'allow', 'deny']);
    },
  );

  it('a denied call adds nothing: a later read does not become the third bucket', async () => {
    const session = engine().session('s');
    await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    await session.authorize({ toolCallId: '2', tool: TOOL.B, args: {} });
    expect((await session.authorize({ toolCallId: '3', tool: TOOL.C, args: {} })).outcome).toBe('deny');
    expect(Object.keys(await session.exposures()).sort()).toEqual(['private_data', 'untrusted_content']);
  });

  it('ignore enforcement allows the call but records the violation in the timeline', async () => {
    const session = engine({ enforcement: 'ignore' }).session('s');
    await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    await session.authorize({ toolCallId: '2', tool: TOOL.B, args: {} });
    const decision = await session.authorize({ toolCallId: '3', tool: TOOL.C, args: {} });
    expect(decision).toMatchObject({ outcome: 'allow', rule: 'lethal_trifecta', enforcement: 'ignore' });
    const recorded = (await session.timeline()).filter((event) => event.type === 'decision');
    expect(recorded.at(-1)).toMatchObject({ decision: { rule: 'lethal_trifecta', outcome: 'allow' } });
  });

  it('development defaults to require_approval, production to deny', async () => {
    for (const [environment, outcome] of [['development', 'require_approval'], ['production', 'deny']] as const) {
      const session = engine({ environment }).session('s');
      await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
      await session.authorize({ toolCallId: '2', tool: TOOL.B, args: {} });
      expect((await session.authorize({ toolCallId: '3', tool: TOOL.C, args: {} })).outcome).toBe(outcome);
    }
  });

  it('sessions and agents do not share exposures', async () => {
    const oso = engine();
    const first = oso.session('one');
    await first.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    await first.authorize({ toolCallId: '2', tool: TOOL.B, args: {} });
    expect((await oso.session('two').authorize({ toolCallId: '3', tool: TOOL.C, args: {} })).outcome).toBe('allow');
  });
});

describe('session: idempotency per toolCallId', () => {
  it('the same call id gets the same decision and is never counted twice', async () => {
    const session = engine().session('s');
    const first = await session.authorize({ toolCallId: 'c1', tool: TOOL.A, args: { url: 'https://x' } });
    const again = await session.authorize({ toolCallId: 'c1', tool: TOOL.A, args: { url: 'https://x' } });
    expect(again).toMatchObject({ outcome: first.outcome, repeated: true });
    const decisions = (await session.timeline()).filter((event) => event.type === 'decision');
    expect(decisions).toHaveLength(1);
    const requests = (await session.timeline()).filter((event) => event.type === 'tool_call_request');
    expect(requests).toHaveLength(1);
  });
});

/** The memory store behind promises, as a networked store would answer: every call yields. */
function asyncStore(): SessionStore & { conflicts: number } {
  const inner = new MemorySessionStore();
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setImmediate(() => resolve(value())));
  return {
    conflicts: 0,
    load: (key) => later(() => structuredClone(inner.load(key))),
    commit(key, version, patch, events) {
      return later(() => {
        const committed = inner.commit(key, version, patch, events);
        if (!committed) this.conflicts += 1;
        return committed;
      });
    },
    append: (key, events) => later(() => inner.append(key, events)),
    events: (key) => later(() => inner.events(key)),
    findApproval: (id) => later(() => inner.findApproval(id)),
  };
}

describe('session: a call id used again for another call', () => {
  it('is refused while the first call is unfinished, and the refusal is in the timeline', async () => {
    const session = engine().session('s');
    await session.authorize({ toolCallId: 'call_0', tool: TOOL.A, args: { url: 'https://a' } });
    const reused = await session.authorize({ toolCallId: 'call_0', tool: TOOL.A, args: { url: 'https://b' } });
    expect(reused).toMatchObject({ outcome: 'deny', rule: 'call_id_reused' });
    const decisions = (await session.timeline()).filter((event) => event.type === 'decision');
    expect(decisions.map((event) => event.type === 'decision' && event.decision.rule)).toEqual([undefined, 'call_id_reused']);
  });

  it('is a new call once the first has its response (servers that number calls per response)', async () => {
    const session = engine().session('s');
    await session.run({ toolCallId: 'call_0', tool: TOOL.A, args: {} }, () => 'page');
    await session.run({ toolCallId: 'call_0', tool: TOOL.B, args: {} }, () => 'file');
    const send = await session.authorize({ toolCallId: 'call_0', tool: TOOL.C, args: {} });
    // Decided afresh on the session's state: the third "call_0" completes the trifecta.
    expect(send).toMatchObject({ outcome: 'deny', rule: 'lethal_trifecta', repeated: false });
    const requests = (await session.timeline()).filter((event) => event.type === 'tool_call_request');
    expect(requests).toHaveLength(3);
  });
});

describe('session: decisions are serialised', () => {
  it.each([
    ['the memory store', () => undefined],
    ['an asynchronous store', asyncStore],
  ])('50 parallel calls that together would complete the trifecta never all pass (%s)', async (_name, makeStore) => {
    const store = makeStore();
    const session = engine(store ? { store } : {}).session('s');
    const calls = Array.from({ length: 50 }, (_, index) => ({
      toolCallId: `p${index}`,
      tool: [TOOL.A, TOOL.B, TOOL.C][index % 3] as string,
      args: { index },
    }));
    const decisions = await Promise.all(calls.map((call) => session.authorize(call)));
    expect(decisions.some((decision) => decision.outcome === 'deny')).toBe(true);
    // Replay in decision order: every C call allowed must have come before A and B were both held.
    const ordered = [...decisions].sort((a, b) => a.decidedAt - b.decidedAt || Number(a.toolCallId.slice(1)) - Number(b.toolCallId.slice(1)));
    const held = new Set<string>();
    for (const decision of ordered) {
      if (decision.outcome !== 'allow') continue;
      if (decision.tool === TOOL.C) expect(held.has(TOOL.A) && held.has(TOOL.B)).toBe(false);
      held.add(decision.tool);
    }
    const timelineDecisions = (await session.timeline()).filter((event) => event.type === 'decision');
    expect(timelineDecisions).toHaveLength(50);
    // In one process the session's queue serialises: no decision ever raced another to the store.
    if (store) expect(store.conflicts).toBe(0);
  });

  it('two app instances sharing a store: a conflicting decision is taken again on fresh state', async () => {
    const store = asyncStore();
    const [first, second] = [engine({ store }), engine({ store })];
    const [a, b] = await Promise.all([
      first.session('shared').authorize({ toolCallId: '1', tool: TOOL.A, args: {} }),
      second.session('shared').authorize({ toolCallId: '2', tool: TOOL.B, args: {} }),
    ]);
    expect([a.outcome, b.outcome]).toEqual(['allow', 'allow']);
    expect(store.conflicts).toBeGreaterThan(0);
    const send = await first.session('shared').authorize({ toolCallId: '3', tool: TOOL.C, args: {} });
    expect(send).toMatchObject({ outcome: 'deny', rule: 'lethal_trifecta' });
  });

  it('a slow session does not hold up another session', async () => {
    const inner = new MemorySessionStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store: SessionStore = {
      load: async (key) => {
        if (key.sessionId === 'slow') await gate;
        return inner.load(key);
      },
      commit: (key, version, patch, events) => inner.commit(key, version, patch, events),
      append: (key, events) => inner.append(key, events),
      events: (key) => inner.events(key),
      findApproval: (id) => inner.findApproval(id),
    };
    const oso = engine({ store });
    const slow = oso.session('slow').authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    const fast = await oso.session('fast').authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    expect(fast.outcome).toBe('allow');
    release();
    expect((await slow).outcome).toBe('allow');
  });
});

/** A session that holds A and B, so that a send needs approval under require_approval. */
async function exposedSession(options: Partial<CreateOsoOptions> = {}) {
  const oso = engine({ enforcement: 'require_approval', ...options });
  const session = oso.session('s');
  await session.authorize({ toolCallId: 'a', tool: TOOL.A, args: {} });
  await session.authorize({ toolCallId: 'b', tool: TOOL.B, args: {} });
  return { oso, session };
}

describe('session: approvals with an awaited callback', () => {
  it('runs the call once a person approves', async () => {
    const onApproval = vi.fn(async () => ({ approved: true, by: 'alice@example.com' }));
    const { session } = await exposedSession({ onApproval });
    const execute = vi.fn(async () => 'sent');
    await expect(session.run({ toolCallId: 'c', tool: TOOL.C, args: { to: 'bob' } }, execute)).resolves.toBe('sent');
    expect(onApproval).toHaveBeenCalledWith(expect.objectContaining({ tool: TOOL.C, args: { to: 'bob' }, status: 'pending' }));
    expect(execute).toHaveBeenCalledOnce();
    const resolved = (await session.timeline()).find((event) => event.type === 'approval_resolved');
    expect(resolved).toMatchObject({ approval: { status: 'approved', resolvedBy: 'alice@example.com' } });
  });

  it('a denial never executes the tool', async () => {
    const { session } = await exposedSession({ onApproval: async () => ({ approved: false, by: 'alice', reason: 'not expected' }) });
    const execute = vi.fn();
    const error = await session.run({ toolCallId: 'c', tool: TOOL.C, args: {} }, execute).catch((caught: unknown) => caught);
    expect(ToolDeniedError.isInstance(error)).toBe(true);
    expect((error as ToolDeniedError).message).toContain('alice denied it: not expected. Ask the user');
    expect(execute).not.toHaveBeenCalled();
  });

  it('a callback that does not answer in time is a denial', async () => {
    const { session } = await exposedSession({ onApproval: () => new Promise(() => {}), approvalTimeoutMs: 20 });
    const execute = vi.fn();
    await expect(session.run({ toolCallId: 'c', tool: TOOL.C, args: {} }, execute)).rejects.toBeInstanceOf(ToolDeniedError);
    expect(execute).not.toHaveBeenCalled();
    const resolved = (await session.timeline()).find((event) => event.type === 'approval_resolved');
    expect(resolved).toMatchObject({ approval: { status: 'denied', resolution: 'no answer within 20 ms' } });
  });

  it('a callback that throws is a denial', async () => {
    const { session } = await exposedSession({
      onApproval: async () => {
        throw new Error('approval service down');
      },
    });
    await expect(session.run({ toolCallId: 'c', tool: TOOL.C, args: {} }, () => 'ran')).rejects.toBeInstanceOf(ToolDeniedError);
  });
});

describe('session: out-of-band approvals', () => {
  it('throws ApprovalRequiredError carrying the persisted request, then runs once after approval', async () => {
    const { oso, session } = await exposedSession();
    const execute = vi.fn(async () => 'sent');
    const call = { toolCallId: 'c', tool: TOOL.C, args: { to: 'bob', body: 'hi' } };
    const error = await session.run(call, execute).catch((caught: unknown) => caught);
    expect(ApprovalRequiredError.isInstance(error)).toBe(true);
    const approval = (error as ApprovalRequiredError).approval;
    expect(approval).toMatchObject({ tool: TOOL.C, toolCallId: 'c', status: 'pending', rule: 'lethal_trifecta' });
    expect(await oso.getApproval(approval.id)).toMatchObject({ id: approval.id, status: 'pending' });
    expect(execute).not.toHaveBeenCalled();

    // Asked again before anyone answered: still waiting, same request.
    const waiting = await session.authorize(call);
    expect(waiting).toMatchObject({ outcome: 'require_approval', approval: { id: approval.id } });

    await oso.resolveApproval(approval.id, { approved: true, by: 'alice' });
    await expect(session.run(call, execute)).resolves.toBe('sent');
    expect(execute).toHaveBeenCalledOnce();
    // A session gets its exposures only when the call is allowed.
    expect((await session.exposures()).external_or_state_change?.toolCallId).toBe('c');
  });

  it('binds the approval to the exact arguments and to one use', async () => {
    const { oso, session } = await exposedSession();
    const first = await session.authorize({ toolCallId: 'c1', tool: TOOL.C, args: { to: 'bob' } });
    await oso.resolveApproval(first.approval!.id, { approved: true });

    // Other arguments under a new call id: a new request, not the approved one.
    const other = await session.authorize({ toolCallId: 'c2', tool: TOOL.C, args: { to: 'mallory' } });
    expect(other.outcome).toBe('require_approval');
    expect(other.approval?.id).not.toBe(first.approval!.id);

    // The same tool and arguments retried under a new call id (a re-run loop): runs once.
    const retried = await session.authorize({ toolCallId: 'c3', tool: TOOL.C, args: { to: 'bob' } });
    expect(retried).toMatchObject({ outcome: 'allow', approvedBy: { approvalId: first.approval!.id, scope: 'call' } });

    // A second use of the same approval is refused: the original call id is told it was used.
    const secondUse = await session.authorize({ toolCallId: 'c1', tool: TOOL.C, args: { to: 'bob' } });
    expect(secondUse.outcome).toBe('deny');
    const thirdUse = await session.authorize({ toolCallId: 'c4', tool: TOOL.C, args: { to: 'bob' } });
    expect(thirdUse.outcome).toBe('require_approval');
  });

  it('refuses an expired approval', async () => {
    let now = 1_000_000;
    const { oso, session } = await exposedSession({ now: () => now, approvalTtlMs: 1_000 });
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    now += 5_000;
    await expect(oso.resolveApproval(pending.approval!.id, { approved: true })).rejects.toMatchObject({ code: 'approval_error', reason: 'expired' });
    const after = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    expect(after.outcome).toBe('deny');
    expect(after.reason).toContain('expired');
  });

  it('records an approval found expired when the call is asked again, as resolveApproval does', async () => {
    let now = 1_000_000;
    const { session } = await exposedSession({ now: () => now, approvalTtlMs: 1_000 });
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    now += 5_000;
    const after = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    expect(after.outcome).toBe('deny');
    const tail = (await session.timeline()).slice(-2);
    expect(tail.map((event) => event.type)).toEqual(['approval_resolved', 'decision']);
    expect(tail[0]?.type === 'approval_resolved' && tail[0].approval).toMatchObject({ id: pending.approval!.id, status: 'expired' });
    // Asked once more: nothing new to record.
    await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    expect((await session.timeline()).filter((event) => event.type === 'approval_resolved')).toHaveLength(1);
  });

  it('an approval approved in time but used after it expired is refused', async () => {
    let now = 1_000_000;
    const { oso, session } = await exposedSession({ now: () => now, approvalTtlMs: 1_000 });
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    await oso.resolveApproval(pending.approval!.id, { approved: true });
    now += 5_000;
    const retried = await session.authorize({ toolCallId: 'c2', tool: TOOL.C, args: {} });
    expect(retried.outcome).toBe('require_approval');
  });

  it('scope "session" approves the tool for the rest of the session', async () => {
    const { oso, session } = await exposedSession();
    const pending = await session.authorize({ toolCallId: 'c1', tool: TOOL.C, args: { n: 1 } });
    await oso.resolveApproval(pending.approval!.id, { approved: true, by: 'alice', scope: 'session' });
    const later = await session.authorize({ toolCallId: 'c2', tool: TOOL.C, args: { n: 2 } });
    expect(later).toMatchObject({ outcome: 'allow', approvedBy: { scope: 'session', by: 'alice' } });
    // Only that tool: another session is not affected.
    const other = oso.session('other');
    await other.authorize({ toolCallId: 'a', tool: TOOL.A, args: {} });
    await other.authorize({ toolCallId: 'b', tool: TOOL.B, args: {} });
    expect((await other.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} })).outcome).toBe('require_approval');
  });

  it('a denied approval denies the call', async () => {
    const { oso, session } = await exposedSession();
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    await oso.resolveApproval(pending.approval!.id, { approved: false, by: 'alice', reason: 'not expected' });
    const after = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    expect(after.outcome).toBe('deny');
    expect(after.reason).toContain('not expected');
  });

  it('resolving twice, or an unknown id, is a typed error', async () => {
    const { oso, session } = await exposedSession();
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    await oso.resolveApproval(pending.approval!.id, { approved: false });
    await expect(oso.resolveApproval(pending.approval!.id, { approved: true })).rejects.toMatchObject({ reason: 'already_resolved' });
    const unknown = await oso.resolveApproval('apr_nope', { approved: true }).catch((caught: unknown) => caught);
    expect(ApprovalError.isInstance(unknown)).toBe(true);
    expect(unknown).toMatchObject({ code: 'approval_error', reason: 'not_found' });
    await expect(oso.resolveApproval(pending.approval!.id, { approved: 'yes' } as never)).rejects.toBeInstanceOf(OsoValidationError);
  });
});

describe('session: run', () => {
  it('a denied call never executes, and the error is safe to show a model', async () => {
    const session = engine().session('s');
    await session.run({ toolCallId: '1', tool: TOOL.A, args: {} }, () => 'page');
    await session.run({ toolCallId: '2', tool: TOOL.B, args: {} }, () => 'secret file');
    const execute = vi.fn();
    const error = await session.run({ toolCallId: '3', tool: TOOL.C, args: {} }, execute).catch((caught: unknown) => caught);
    expect(execute).not.toHaveBeenCalled();
    expect(ToolDeniedError.isInstance(error)).toBe(true);
    const message = (error as ToolDeniedError).message;
    expect(message).toMatch(/^The action "mail.send" was blocked by the security policy: /);
    expect(message).toContain('Ask the user to confirm or do it another way.');
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('records the response, and the tool error when the tool fails', async () => {
    const session = engine().session('s');
    await session.run({ toolCallId: '1', tool: TOOL.A, args: {} }, () => ({ html: '<p>hi</p>' }));
    await expect(
      session.run({ toolCallId: '2', tool: TOOL.B, args: {} }, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    const responses = (await session.timeline()).filter((event) => event.type === 'tool_call_response');
    expect(responses).toMatchObject([
      { toolCallId: '1', output: { html: '<p>hi</p>' } },
      { toolCallId: '2', error: 'disk full' },
    ]);
  });
});

describe('session: bad input', () => {
  it('a malformed event is a typed error naming the field, and changes nothing', async () => {
    const session = engine().session('s');
    await session.record({ type: 'message_from_user', content: 'hi' });
    const before = await session.timeline();
    const error = await session.record({ type: 'tool_call_response', tool: TOOL.A } as never).catch((caught: unknown) => caught);
    expect(OsoValidationError.isInstance(error)).toBe(true);
    expect((error as OsoValidationError).issues[0]?.path).toBe('toolCallId');
    expect((error as OsoError).message).toContain('toolCallId');
    await expect(session.record({ type: 'nonsense' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await session.timeline()).toEqual(before);
  });

  it('a call without an id is a typed error; malformed arguments are still gated', async () => {
    const session = engine().session('s');
    await expect(session.authorize({ tool: TOOL.A, args: {} } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await session.authorize({ toolCallId: '1', tool: TOOL.A, args: '{"url": broken json' });
    await session.authorize({ toolCallId: '2', tool: TOOL.B, args: [1, 2, 3] });
    const decision = await session.authorize({ toolCallId: '3', tool: TOOL.C, args: undefined });
    expect(decision.outcome).toBe('deny');
  });

  it('bad options are a typed error naming the option', () => {
    expect(() => createOso({ agentId: '' })).toThrow(OsoValidationError);
    expect(() => createOso({ agentId: 'a', enforcement: 'maybe' as never })).toThrow(/enforcement/);
  });

  it('an invalid tool definition registers nothing', () => {
    const oso = engine();
    expect(() => oso.registerTools('x', [{ name: 'ok' }, { name: '' }])).toThrow(OsoValidationError);
    expect(oso.getTool('x.ok')).toBeUndefined();
  });
});

describe('session: failing closed', () => {
  const broken: SessionStore = {
    load: () => {
      throw new Error('ECONNREFUSED');
    },
    commit: () => false,
    append: () => {},
    events: () => [],
    findApproval: () => undefined,
  };

  it('an unreachable store is a denial with rule engine_error', async () => {
    const onError = vi.fn();
    const session = engine({ store: broken, onError }).session('s');
    const decision = await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    expect(decision).toMatchObject({ outcome: 'deny', rule: 'engine_error' });
    expect(onError).toHaveBeenCalledOnce();
    const execute = vi.fn();
    await expect(session.run({ toolCallId: '2', tool: TOOL.A, args: {} }, execute)).rejects.toBeInstanceOf(ToolDeniedError);
    expect(execute).not.toHaveBeenCalled();
  });

  it('a store that hangs is a denial after decisionTimeoutMs', async () => {
    const hanging: SessionStore = { ...broken, load: () => new Promise(() => {}) };
    const session = engine({ store: hanging, decisionTimeoutMs: 20 }).session('s');
    const decision = await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    expect(decision).toMatchObject({ outcome: 'deny', rule: 'engine_error' });
    expect(decision.reason).toContain('20 ms');
  });

  it('failureMode "open" lets the call run when the user chose so', async () => {
    const session = engine({ store: broken, failureMode: 'open' }).session('s');
    const decision = await session.authorize({ toolCallId: '1', tool: TOOL.A, args: {} });
    expect(decision).toMatchObject({ outcome: 'allow', rule: 'engine_error', enforcement: 'ignore' });
  });

  it('an unknown tool is denied by default, and never runs', async () => {
    const session = engine().session('s');
    const execute = vi.fn();
    await expect(session.run({ toolCallId: '1', tool: 'shell.exec', args: { cmd: 'ls' } }, execute)).rejects.toMatchObject({
      decision: { rule: 'unexpected_tool' },
    });
    expect(execute).not.toHaveBeenCalled();
  });
});

describe('session: capture', () => {
  it('masks secrets in arguments, outputs and messages in the timeline', async () => {
    const session = engine().session('s', { user: { id: 'u1', email: 'a@b.c', scopes: [] } });
    await session.record({ type: 'message_from_user', content: 'my key is sk-proj-abcdefghijklmnopqrstuvwx123' });
    await session.run({ toolCallId: '1', tool: TOOL.A, args: { headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } } }, () => ({
      body: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      password: 'hunter2',
    }));
    const text = JSON.stringify(await session.timeline());
    for (const secret of ['sk-proj-abcdefghijklmnopqrstuvwx123', 'abcdefghijklmnopqrstuvwxyz', 'ghp_abcdefghij', 'hunter2']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
    const events = await session.timeline();
    expect(events[0]).toMatchObject({ type: 'message_from_user', agentId: 'agent', sessionId: 's', seq: 1, metadata: { user: { id: 'u1' } } });
  });

  it('capture "metadata" keeps no content, "full" keeps it as is', async () => {
    const metadataOnly = engine({ capture: { content: 'metadata' } }).session('s');
    await metadataOnly.record({ type: 'message_from_user', content: 'summarise my inbox' });
    await metadataOnly.run({ toolCallId: '1', tool: TOOL.A, args: { url: 'https://x' } }, () => 'page text');
    const text = JSON.stringify(await metadataOnly.timeline());
    expect(text).not.toContain('summarise');
    expect(text).not.toContain('https://x');
    expect(text).not.toContain('page text');

    const full = engine({ capture: { content: 'full' } }).session('s');
    await full.record({ type: 'message_from_user', content: 'password=hunter22' });
    expect(JSON.stringify(await full.timeline())).toContain('hunter22');
  });

  it('the timeline holds events, decisions and approvals in order', async () => {
    const { oso, session } = await exposedSession();
    await session.record({ type: 'message_from_user', content: 'send it', messageId: 'm1' });
    await session.record({ type: 'message_from_user', content: 'send it', messageId: 'm1' });
    const pending = await session.authorize({ toolCallId: 'c', tool: TOOL.C, args: {} });
    await oso.resolveApproval(pending.approval!.id, { approved: true });
    await session.run({ toolCallId: 'c', tool: TOOL.C, args: {} }, () => 'ok');
    const events = await session.timeline();
    expect(events.map((event) => event.type)).toEqual([
      'tool_call_request', 'decision', 'tool_call_request', 'decision',
      'message_from_user',
      'tool_call_request', 'decision', 'approval_requested', 'approval_resolved', 'decision', 'tool_call_response',
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('a response to a call the engine never decided still brings the tool\'s buckets', async () => {
    const session = engine().session('s');
    await session.record({ type: 'tool_call_request', toolCallId: 'x1', tool: TOOL.A, args: {} });
    await session.record({ type: 'tool_call_response', toolCallId: 'x1', tool: TOOL.A, output: 'page' });
    await session.record({ type: 'tool_call_response', toolCallId: 'x2', tool: TOOL.B, output: 'file' });
    expect((await session.authorize({ toolCallId: 'x3', tool: TOOL.C, args: {} })).outcome).toBe('deny');
    // The request recorded by capture is not recorded again by the gate.
    const requests = (await session.timeline()).filter((event) => event.type === 'tool_call_request');
    expect(requests.map((event) => 'toolCallId' in event && event.toolCallId)).toEqual(['x1', 'x3']);
  });
});

describe('registerTools', () => {
  it('returns each tool with its classification, and keeps a manual override on re-registration', () => {
    const oso = createOso({ agentId: 'a' });
    const [send] = oso.registerTools('gmail', [{ name: 'send_email', description: 'Send an email', capabilities: ['external_or_state_change', 'private_data'] }]);
    expect(send).toMatchObject({ fullName: 'gmail.send_email', capabilities: ['private_data', 'external_or_state_change'], classification: { source: 'override' } });
    const [again] = oso.registerTools('gmail', [{ name: 'send_email', description: 'Send an email (v2)' }]);
    expect(again?.capabilities).toEqual(['private_data', 'external_or_state_change']);
    expect(again?.definition.description).toBe('Send an email (v2)');
    const [replaced] = oso.registerTools('gmail', [{ name: 'send_email', capabilities: ['external_or_state_change'] }]);
    expect(replaced?.capabilities).toEqual(['external_or_state_change']);
  });

  it("keeps the app's required scopes, destinations and annotations when an adapter registers the tool again", async () => {
    const oso = createOso({ agentId: 'a' });
    oso.registerTools('gmail', [
      { name: 'send_email', requiredScopes: ['mail.send'], destinations: ['recipient'], annotations: { destructiveHint: true } },
    ]);
    // An adapter registering the same tool from the framework's definition, which has none of them.
    const [again] = oso.registerTools('gmail', [{ name: 'send_email', description: 'Send an email', inputSchema: { type: 'object' } }]);
    expect(again?.definition).toMatchObject({ requiredScopes: ['mail.send'], destinations: ['recipient'], annotations: { destructiveHint: true } });
    const session = oso.session('s', { user: { id: 'u', scopes: ['mail'] } });
    const decision = await session.authorize({ toolCallId: 'c1', tool: 'gmail.send_email', args: { recipient: 'bob@example.com' } });
    expect([decision.outcome, decision.rule]).toEqual(['deny', 'missing_scope']);
    // Given again, they are replaced.
    const [replaced] = oso.registerTools('gmail', [{ name: 'send_email', requiredScopes: [] }]);
    expect(replaced?.definition.requiredScopes).toEqual([]);
  });
});
