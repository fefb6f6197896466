import { HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { MemorySaver } from '@langchain/langgraph';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { OsoCallbackHandler } from './index.js';
import { ATTACK_SCRIPT, MAIL_CAPABILITIES, mailOso, mailTools, scriptedModel, timelineLines, type ToolLog } from './mail-scenario.fixture.js';

describe('OsoCallbackHandler (capture only)', () => {
  it('records the run as it happened, session from thread_id, and blocks nothing', async () => {
    const log: ToolLog = { executed: [] };
    const oso = mailOso();
    const tools = Object.values(mailTools(log));
    const agent = createAgent({ model: scriptedModel(ATTACK_SCRIPT), tools, checkpointer: new MemorySaver() });
    const handler = new OsoCallbackHandler({ oso, tools, capabilities: MAIL_CAPABILITIES });

    await agent.invoke({ messages: [new HumanMessage('Summarise my inbox')] }, { configurable: { thread_id: 'captured' }, callbacks: [handler] });

    expect(log.executed.map((entry) => entry.tool)).toEqual(['read_inbox', 'send_email']);
    expect(timelineLines(await oso.session('captured').timeline())).toEqual([
      'message_from_user: Summarise my inbox',
      'tool_call_request langchain.read_inbox call_inbox',
      'tool_call_response langchain.read_inbox call_inbox',
      'tool_call_request langchain.send_email call_send',
      'tool_call_response langchain.send_email call_send',
      'message_to_user: I could not send that email.',
    ]);
    // The captured reads count: the session now holds untrusted content and private data.
    expect(Object.keys(await oso.session('captured').exposures()).sort()).toEqual([
      'external_or_state_change',
      'private_data',
      'untrusted_content',
    ]);
  });

  it('captures a plain tool run with a fixed session id, including a failing tool', async () => {
    const oso = mailOso();
    const log: ToolLog = { executed: [] };
    const { calculator } = mailTools(log);
    const handler = new OsoCallbackHandler({ oso, sessionId: 'plain', tools: [calculator] });
    await calculator.invoke({ id: 'c1', name: 'calculator', args: { a: 1, b: 2 }, type: 'tool_call' }, { callbacks: [handler] });
    const flaky = tool(
      async () => {
        throw new Error('service down');
      },
      { name: 'flaky', description: 'Fails', schema: z.object({}) },
    );
    await expect(flaky.invoke({ id: 'c2', name: 'flaky', args: {}, type: 'tool_call' }, { callbacks: [handler] })).rejects.toThrow('service down');

    const events = await oso.session('plain').timeline();
    expect(timelineLines(events)).toEqual([
      'tool_call_request langchain.calculator c1',
      'tool_call_response langchain.calculator c1',
      'tool_call_request langchain.flaky c2',
      'tool_call_response langchain.flaky c2 (error)',
    ]);
    const failed = events[3];
    expect(failed?.type === 'tool_call_response' && failed.error).toBe('service down');
    const response = events[1];
    expect(response?.type === 'tool_call_response' && response.output).toBe('3');
  });
});
