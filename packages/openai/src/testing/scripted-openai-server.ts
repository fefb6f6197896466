import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A function call the scripted model makes. */
export interface ScriptedToolCall {
  /** The call's id; `call_<n>` unless set. */
  id?: string;
  name: string;
  /** An object (sent as JSON) or the raw arguments text (to script malformed JSON). */
  arguments?: Record<string, unknown> | string;
}

/** One turn of the scripted model: text for the user, function calls, or both. */
export interface ScriptedTurn {
  text?: string;
  toolCalls?: ScriptedToolCall[];
}

/** A request the server received. */
export interface ScriptedRequest {
  api: 'chat.completions' | 'responses';
  stream: boolean;
  /** The JSON body as sent by the client. */
  body: Record<string, unknown>;
}

/** A turn, or a function that writes the turn from the request (to react to tool results). */
export type ScriptedReply = ScriptedTurn | ((request: ScriptedRequest) => ScriptedTurn);

/** A local HTTP server that speaks the Chat Completions and Responses wire formats, JSON and SSE. */
export interface ScriptedOpenAIServer {
  /** Pass as `baseURL` to `new OpenAI({ baseURL, apiKey: 'test' })`. */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: readonly ScriptedRequest[];
  /** How many scripted turns are left. */
  readonly remaining: number;
  /** Adds turns to the end of the script. */
  enqueue(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/**
 * Starts a scripted OpenAI-compatible server on 127.0.0.1 (a free port). Each request to
 * `POST /chat/completions` or `POST /responses` consumes the next scripted turn and answers it in
 * that API's format, streamed as server-sent events when the request asks for `stream: true`.
 * When the script is exhausted it answers 400 (not retried by the SDK).
 */
export async function startScriptedOpenAIServer(replies: readonly ScriptedReply[] = []): Promise<ScriptedOpenAIServer> {
  const script: ScriptedReply[] = [...replies];
  const requests: ScriptedRequest[] = [];
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${++counter}`;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: { message: error instanceof Error ? error.message : String(error), type: 'server_error' } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const api = path.endsWith('/chat/completions') ? 'chat.completions' : path.endsWith('/responses') ? 'responses' : undefined;
    if (request.method !== 'POST' || !api) {
      sendJson(response, 404, { error: { message: `No scripted route for ${request.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    const received: ScriptedRequest = { api, stream: body['stream'] === true, body };
    requests.push(received);
    const reply = script.shift();
    if (!reply) {
      sendJson(response, 400, { error: { message: 'The scripted model has no turn left.', type: 'invalid_request_error' } });
      return;
    }
    const turn = typeof reply === 'function' ? reply(received) : reply;
    const calls = (turn.toolCalls ?? []).map((call) => ({
      id: call.id ?? nextId('call'),
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
    }));
    const model = typeof body['model'] === 'string' ? body['model'] : 'scripted-model';
    if (api === 'chat.completions') {
      const id = nextId('chatcmpl');
      if (received.stream) sendEvents(response, chatChunks(id, model, turn.text, calls).map((data) => ({ data })), true);
      else sendJson(response, 200, chatCompletion(id, model, turn.text, calls));
    } else {
      const output = responseOutput(turn.text, calls, nextId);
      const id = nextId('resp');
      if (received.stream) sendEvents(response, responseEvents(id, model, output), false);
      else sendJson(response, 200, responseObject(id, model, output, 'completed'));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get remaining() {
      return script.length;
    },
    enqueue: (...more) => void script.push(...more),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface WireCall {
  id: string;
  name: string;
  arguments: string;
}

const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function chatCompletion(id: string, model: string, text: string | undefined, calls: WireCall[]) {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text ?? null,
          refusal: null,
          ...(calls.length > 0
            ? { tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) }
            : {}),
        },
        finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage,
  };
}

function chatChunks(id: string, model: string, text: string | undefined, calls: WireCall[]): unknown[] {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });
  const chunks: unknown[] = [chunk({ role: 'assistant', content: '' })];
  for (const piece of halves(text ?? '')) chunks.push(chunk({ content: piece }));
  calls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of halves(call.arguments)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  chunks.push(chunk({}, calls.length > 0 ? 'tool_calls' : 'stop'));
  return chunks;
}

type OutputItem = Record<string, unknown> & { type: string; id: string };

function responseOutput(text: string | undefined, calls: WireCall[], nextId: (prefix: string) => string): OutputItem[] {
  const output: OutputItem[] = [];
  if (text !== undefined) {
    output.push({
      type: 'message',
      id: nextId('msg'),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [] }],
    });
  }
  for (const call of calls) {
    output.push({ type: 'function_call', id: nextId('fc'), call_id: call.id, name: call.name, arguments: call.arguments, status: 'completed' });
  }
  return output;
}

function responseObject(id: string, model: string, output: OutputItem[], status: 'in_progress' | 'completed') {
  return {
    id,
    object: 'response',
    created_at: 1_700_000_000,
    status,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
    usage: status === 'completed' ? { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } : null,
  };
}

function responseEvents(id: string, model: string, output: OutputItem[]): { event: string; data: unknown }[] {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const add = (type: string, data: Record<string, unknown>) => events.push({ event: type, data: { type, sequence_number: events.length, ...data } });
  add('response.created', { response: responseObject(id, model, [], 'in_progress') });
  add('response.in_progress', { response: responseObject(id, model, [], 'in_progress') });
  output.forEach((item, outputIndex) => {
    if (item.type === 'message') {
      const text = ((item['content'] as { text: string }[])[0]?.text ?? '') as string;
      add('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      add('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
      for (const piece of halves(text)) {
        add('response.output_text.delta', { item_id: item.id, output_index: outputIndex, content_index: 0, delta: piece, logprobs: [] });
      }
      add('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
      add('response.content_part.done', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
    } else {
      const argumentsText = item['arguments'] as string;
      add('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', arguments: '' } });
      for (const piece of halves(argumentsText)) {
        add('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: piece });
      }
      add('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, name: item['name'], arguments: argumentsText });
    }
    add('response.output_item.done', { output_index: outputIndex, item });
  });
  add('response.completed', { response: responseObject(id, model, output, 'completed') });
  return events;
}

/** Text in two pieces, so that clients must put streamed deltas together. */
function halves(text: string): string[] {
  if (text.length < 2) return text ? [text] : [];
  const middle = Math.floor(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)];
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_scripted_${status}` });
  response.end(JSON.stringify(body));
}

function sendEvents(response: ServerResponse, events: { event?: string; data: unknown }[], done: boolean): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_scripted_stream' });
  for (const { event, data } of events) {
    response.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
  }
  if (done) response.write('data: [DONE]\n\n');
  response.end();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
