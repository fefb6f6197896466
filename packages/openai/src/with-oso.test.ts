import { createOso, MemorySessionStore, type OsoEvent } from '@oso-agents/core';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { osoTools } from './oso-tools.js';
import { startScriptedOpenAIServer, type ScriptedOpenAIServer, type ScriptedReply } from './testing/scripted-openai-server.js';
import { withOso } from './with-oso.js';

let server: ScriptedOpenAIServer;

afterEach(async () => {
  await server?.close();
});

async function setup(turns: ScriptedReply[], options: { integration?: string; onError?: (error: unknown) => void } = {}) {
  server = await startScriptedOpenAIServer(turns);
  const oso = createOso({ agentId: 'capture-agent', environment: 'production', ...(options.onError ? { onError: options.onError } : {}) });
  const plain = new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 });
  const client = withOso(plain, { oso, sessionId: 'session-1', ...(options.integration ? { integration: options.integration } : {}) });
  const timeline = async () => summarise(await oso.session('session-1').timeline());
  return { oso, plain, client, timeline };
}

/** The timeline as short lines, for readable assertions. */
function summarise(events: OsoEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case 'message_from_user':
      case 'message_to_user':
        return `${event.type}: ${typeof event.content === 'string' ? event.content : JSON.stringify(event.content)}`;
      case 'tool_call_request':
        return `tool_call_request: ${event.tool} ${event.toolCallId} ${JSON.stringify(event.args)}`;
      case 'tool_call_response':
        return `tool_call_response: ${event.tool} ${event.toolCallId}`;
      case 'decision':
        return `decision: ${event.decision.tool} ${event.decision.outcome}`;
      default:
        return event.type;
    }
  });
}

describe('withOso with Chat Completions', () => {
  it('returns a client of the same class whose results are unchanged', async () => {
    const { client, plain } = await setup([{ text: 'Hello there' }, { text: 'Hello there' }]);
    expect(client).toBeInstanceOf(OpenAI);
    const wrapped = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    const direct = await plain.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect({ ...wrapped, id: 'x' }).toEqual({ ...direct, id: 'x' });
    expect(wrapped._request_id).toBe('req_scripted_200');
    expect(client.baseURL).toBe(plain.baseURL);
  });

  it('keeps the APIPromise helpers: withResponse() and asResponse()', async () => {
    const { client, timeline } = await setup([{ text: 'one' }, { text: 'two' }]);
    const { data, response, request_id } = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'first' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toBe('one');
    expect(response.status).toBe(200);
    expect(request_id).toBe('req_scripted_200');
    const raw = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'second' }] }).asResponse();
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(await timeline()).toEqual(['message_from_user: first', 'message_to_user: one', 'message_from_user: second']);
  });

  it('records new user and developer input once, the replies and the tool calls, in order, across a tool loop', async () => {
    const { oso, client, timeline } = await setup([
      { text: 'Let me add that.', toolCalls: [{ id: 'call_1', name: 'add', arguments: { a: 2, b: 3 } }] },
      { text: 'It is 5.' },
      { text: 'You are welcome.' },
    ]);
    const tools = osoTools({
      oso,
      sessionId: 'session-1',
      tools: { add: { description: 'Add two numbers', parameters: z.object({ a: z.number(), b: z.number() }), capabilities: [], execute: ({ a, b }) => a + b } },
    });
    const messages: ChatCompletionMessageParam[] = [
      { role: 'developer', content: 'You are a calculator.' },
      { role: 'user', content: 'What is 2 + 3?' },
    ];
    const first = await client.chat.completions.create({ model: 'm', messages, tools: tools.chatCompletions });
    messages.push(first.choices[0]!.message, ...(await tools.handle(first.choices[0]!.message.tool_calls)));
    const second = await client.chat.completions.create({ model: 'm', messages, tools: tools.chatCompletions });
    messages.push(second.choices[0]!.message, { role: 'user', content: 'Thanks!' });
    await client.chat.completions.create({ model: 'm', messages });

    expect(await timeline()).toEqual([
      'message_from_user: You are a calculator.',
      'message_from_user: What is 2 + 3?',
      'message_to_user: Let me add that.',
      'tool_call_request: openai.add call_1 {"a":2,"b":3}',
      'decision: openai.add allow',
      'tool_call_response: openai.add call_1',
      'message_to_user: It is 5.',
      'message_from_user: Thanks!',
      'message_to_user: You are welcome.',
    ]);
  });

  it('records each input message once even when old messages are dropped from the history, and the same words said again', async () => {
    const { client, timeline } = await setup([{ text: 'A' }, { text: 'B' }, { text: 'C' }]);
    const history: ChatCompletionMessageParam[] = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'yes' }];
    await client.chat.completions.create({ model: 'm', messages: history });
    history.push({ role: 'assistant', content: 'A' }, { role: 'user', content: 'tell me more' });
    await client.chat.completions.create({ model: 'm', messages: history });
    // The app keeps the system prompt and the last two messages, and the user says "yes" again.
    await client.chat.completions.create({
      model: 'm',
      messages: [history[0]!, history[2]!, history[3]!, { role: 'assistant', content: 'B' }, { role: 'user', content: 'yes' }],
    });
    expect(await timeline()).toEqual([
      'message_from_user: Be brief.',
      'message_from_user: yes',
      'message_to_user: A',
      'message_from_user: tell me more',
      'message_to_user: B',
      'message_from_user: yes',
      'message_to_user: C',
    ]);
  });

  it('records a streamed completion when the stream ends, leaving the stream and its chunks as the SDK gives them', async () => {
    const { client, timeline } = await setup([
      { text: 'Checking the weather.', toolCalls: [{ id: 'call_w', name: 'weather', arguments: { city: 'Paris' } }] },
    ], { integration: 'web' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'Weather?' }], stream: true });
    expect(stream.constructor.name).toBe('Stream');
    expect(typeof stream.toReadableStream).toBe('function');
    let text = '';
    let argumentsText = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      argumentsText += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    }
    expect(chunks).toBe(7);
    expect(text).toBe('Checking the weather.');
    expect(argumentsText).toBe('{"city":"Paris"}');
    expect(await timeline()).toEqual([
      'message_from_user: Weather?',
      'message_to_user: Checking the weather.',
      'tool_call_request: web.weather call_w {"city":"Paris"}',
    ]);
  });

  it('captures through the SDK helpers built on create: chat.completions.stream()', async () => {
    const { client, timeline } = await setup([{ text: 'Streamed by the helper.' }]);
    const runner = client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'Use the helper' }] });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]!.message.content).toBe('Streamed by the helper.');
    expect(await timeline()).toEqual(['message_from_user: Use the helper', 'message_to_user: Streamed by the helper.']);
  });

  it('observes the first branch of tee() and toReadableStream(), and keeps the wrapper through withOptions()', async () => {
    const { client, timeline } = await setup([{ text: 'Teed reply.' }, { text: 'Readable reply.' }, { text: 'Options reply.' }]);
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'tee' }], stream: true });
    const [first, second] = stream.tee();
    const read = async (branch: AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>) => {
      let text = '';
      for await (const chunk of branch) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    expect(await Promise.all([read(first), read(second)])).toEqual(['Teed reply.', 'Teed reply.']);

    const readable = (await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'readable' }], stream: true })).toReadableStream();
    const reader = readable.getReader();
    let lines = '';
    for (let part = await reader.read(); !part.done; part = await reader.read()) lines += new TextDecoder().decode(part.value as Uint8Array);
    expect(lines.split('\n').filter(Boolean)).toHaveLength(4);

    const configured = client.withOptions({ timeout: 5_000 });
    expect(configured.timeout).toBe(5_000);
    await configured.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'options' }] });

    expect(await timeline()).toEqual([
      'message_from_user: tee',
      'message_to_user: Teed reply.',
      'message_from_user: readable',
      'message_to_user: Readable reply.',
      'message_from_user: options',
      'message_to_user: Options reply.',
    ]);
  });

  it('never fails the request when recording fails: the error goes to onError', async () => {
    server = await startScriptedOpenAIServer([{ text: 'fine' }, { text: 'still fine' }]);
    const errors: unknown[] = [];
    class BrokenStore extends MemorySessionStore {
      override commit(): never {
        throw new Error('store down');
      }
    }
    const oso = createOso({ agentId: 'capture-agent', environment: 'production', store: new BrokenStore(), onError: (error) => errors.push(error) });
    const client = withOso(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 }), { oso, sessionId: 's' });

    const response = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.choices[0]!.message.content).toBe('fine');
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'again' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('still fine');
    expect(errors.map((error) => (error as Error).message)).toEqual(['store down', 'store down', 'store down', 'store down']);
  });
});

describe('withOso with the Responses API', () => {
  it('records instructions, input, output text and function calls; a turn with previous_response_id adds only its new input', async () => {
    const { client, timeline } = await setup([
      { toolCalls: [{ id: 'call_r', name: 'lookup', arguments: { id: 7 } }] },
      { text: 'Order 7 ships tomorrow.' },
    ]);
    const first = await client.responses.create({ model: 'm', instructions: 'Be brief.', input: 'Where is order 7?' });
    expect(first.output[0]).toMatchObject({ type: 'function_call', call_id: 'call_r' });
    const second = await client.responses.create({
      model: 'm',
      instructions: 'Be brief.',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: 'call_r', output: 'ships tomorrow' }],
    });
    expect(second.output_text).toBe('Order 7 ships tomorrow.');
    expect(await timeline()).toEqual([
      'message_from_user: Be brief.',
      'message_from_user: Where is order 7?',
      'tool_call_request: openai.lookup call_r {"id":7}',
      'message_to_user: Order 7 ships tomorrow.',
    ]);
  });

  it('records every input of a server-side conversation, even the same words again', async () => {
    const { client, timeline } = await setup([{ text: 'Hi!' }, { text: 'Hi again!' }]);
    await client.responses.create({ model: 'm', conversation: 'conv_1', input: 'hello' });
    await client.responses.create({ model: 'm', conversation: 'conv_1', input: 'hello' });
    expect(await timeline()).toEqual(['message_from_user: hello', 'message_to_user: Hi!', 'message_from_user: hello', 'message_to_user: Hi again!']);
  });

  it('records a streamed response from its completed event, with the events unchanged', async () => {
    const { client, timeline } = await setup([{ text: 'Streaming works.', toolCalls: [{ id: 'call_s', name: 'save', arguments: { note: 'x' } }] }]);
    const stream = await client.responses.create({ model: 'm', input: [{ role: 'user', content: 'Stream please' }], stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((type) => type === 'response.output_text.delta')).toHaveLength(2);
    expect(await timeline()).toEqual([
      'message_from_user: Stream please',
      'message_to_user: Streaming works.',
      'tool_call_request: openai.save call_s {"note":"x"}',
    ]);
  });

  it('records what was finished when the caller stops reading a stream early', async () => {
    const { client, timeline } = await setup([{ text: 'Partial answer here.', toolCalls: [{ id: 'call_p', name: 'save', arguments: {} }] }]);
    const stream = await client.responses.create({ model: 'm', input: 'Stop early', stream: true });
    for await (const event of stream) {
      if (event.type === 'response.output_item.done') break;
    }
    expect(await timeline()).toEqual(['message_from_user: Stop early', 'message_to_user: Partial answer here.']);
  });
});
