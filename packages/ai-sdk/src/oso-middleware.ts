import { hashArguments, type Oso, type OsoSession, type RecordableEvent } from '@oso-agents/core';
import type { LanguageModelMiddleware } from 'ai';
import { findDeniedToolCalls, type MessageLike } from './chat-history.js';
import { approverOf, type OsoMiddlewareOptions } from './options.js';
import { settleDeniedApprovals } from './settle-denied-approvals.js';
import { knownFullName } from './tool-catalog.js';

type WrapGenerate = NonNullable<LanguageModelMiddleware['wrapGenerate']>;
type WrapStream = NonNullable<LanguageModelMiddleware['wrapStream']>;
type CallOptions = Parameters<WrapGenerate>[0]['params'];
type GenerateResult = Awaited<ReturnType<WrapGenerate>>;
type StreamResult = Awaited<ReturnType<WrapStream>>;
type StreamPart = StreamResult['stream'] extends ReadableStream<infer PART> ? PART : never;
type ContentPart = GenerateResult['content'][number];

/**
 * Captures a conversation as the model sees it, without changing what flows through:
 * - `message_from_user`: the user turn(s) at the end of the prompt — new turns only, so the history
 *   resent on every step and request is not recorded again (each turn gets a `messageId` from its
 *   place and content, and the engine keeps a message seen twice once);
 * - `message_to_user`: the assistant's text, streamed or not, once per text part;
 * - `tool_call_request`: the tool calls the model makes; `tool_call_response`: the results it is
 *   given back (kept once per call id, whoever records first — the gate or this middleware).
 *
 * It also settles approvals: a call a person denied in the chat comes back as an
 * `execution-denied` result, and the engine's pending request for it is resolved as denied.
 *
 * With the engine's `detection.outputExfiltration: 'strip'` (the default), the assistant's text is
 * screened (`session.screenMessage`) while the session holds untrusted content and private data:
 * links and images that could carry data to a host outside `outputAllowlist` are removed, streamed
 * or not (a streamed text part is then held until it ends, since a link can span deltas).
 *
 * Streamed and non-streamed calls produce the same timeline: a stream's tool-call parts are held
 * until the model's `finish` part, so every event of one model call is recorded before the SDK
 * decides or runs any of its tool calls, as with `generateText`. Capture failures never break the
 * call: they go to the engine's `onError`.
 *
 * ```ts
 * const model = wrapLanguageModel({ model: openai('gpt-5'), middleware: osoMiddleware({ oso, sessionId }) });
 * ```
 */
export function osoMiddleware(options: OsoMiddlewareOptions): LanguageModelMiddleware {
  const { oso, sessionId, metadata } = options;
  const approver = approverOf(options);
  const session = () => oso.session(sessionId, metadata);
  const stripping = oso.options.detection?.outputExfiltration === 'strip';
  // Under `alert` the text is shown as written, but screened all the same so that core records
  // the finding (`output_screened`) in the timeline.
  const alerting = oso.options.detection?.outputExfiltration === 'alert';
  const toolNameOf = (modelName: string) =>
    options.integration ? `${options.integration}.${modelName}` : (knownFullName(oso, modelName) ?? modelName);

  return {
    specificationVersion: 'v4',
    async transformParams({ params }) {
      await quietly(oso, () => capturePrompt(session(), params.prompt as readonly MessageLike[]));
      await quietly(oso, () => settleDeniedApprovals(oso, sessionId, findDeniedToolCalls(params.prompt as readonly MessageLike[]), approver, metadata));
      return params;
    },
    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate();
      const target = session();
      const content = stripping || alerting ? await screenContent(target, result.content) : result.content;
      const events = contentEvents(content, result.response?.id, toolNameOf);
      await quietly(oso, () => recordAll(target, events));
      return content === result.content ? result : { ...result, content };
    },
    async wrapStream({ doStream }) {
      const result = await doStream();
      const target = session();
      const screen = stripping && (await holdsUntrustedAndPrivate(target)) ? (text: string) => screenText(target, text) : undefined;
      const report = alerting
        ? (text: string) =>
            quietly(oso, async () => {
              await target.screenMessage(text);
            })
        : undefined;
      return { ...result, stream: result.stream.pipeThrough(captureStream(oso, target, toolNameOf, screen, report)) };
    },
  };

  async function capturePrompt(target: OsoSession, prompt: readonly MessageLike[]): Promise<void> {
    // Only what is new since the model last spoke: the results it is given now (earlier ones were
    // captured on their own step) and the user turn(s) that follow everything else.
    const events: RecordableEvent[] = [];
    let lastOther = -1;
    let lastAssistant = -1;
    prompt.forEach((message, index) => {
      if (message.role !== 'user' && message.role !== 'system') lastOther = index;
      if (message.role === 'assistant') lastAssistant = index;
    });
    prompt.forEach((message, index) => {
      if (message.role === 'tool' && index > lastAssistant) events.push(...toolResultEvents(message, toolNameOf));
      if (message.role === 'user' && index > lastOther) {
        const content = userText(message);
        events.push({ type: 'message_from_user', content, messageId: `user:${index}:${hashArguments(content).slice(0, 16)}` });
      }
    });
    await recordAll(target, events);
  }
}

function contentEvents(
  content: readonly ContentPart[],
  responseId: string | undefined,
  toolNameOf: (modelName: string) => string,
): RecordableEvent[] {
  const events: RecordableEvent[] = [];
  let textIndex = 0;
  for (const part of content) {
    if (part.type === 'text') {
      if (part.text.length > 0) events.push(assistantText(part.text, responseId, textIndex));
      textIndex++;
    } else if (part.type === 'tool-call') {
      events.push({ type: 'tool_call_request', toolCallId: part.toolCallId, tool: toolNameOf(part.toolName), args: parseInput(part.input) });
    } else if (part.type === 'tool-result') {
      events.push(providerToolResult(part, toolNameOf));
    }
  }
  return events;
}

/** `output_exfiltration` on a generated result's text parts. */
async function screenContent(session: OsoSession, content: ContentPart[]): Promise<ContentPart[]> {
  let changed = false;
  const screened: ContentPart[] = [];
  for (const part of content) {
    if (part.type !== 'text') {
      screened.push(part);
      continue;
    }
    const text = await screenText(session, part.text);
    changed ||= text !== part.text;
    screened.push(text === part.text ? part : { ...part, text });
  }
  return changed ? screened : content;
}

/**
 * The text to show the user: links and images that could carry data out removed while the session
 * holds untrusted content and private data. If screening fails, the text is withheld (fail closed).
 */
async function screenText(session: OsoSession, text: string): Promise<string> {
  try {
    return (await session.screenMessage(text)).content;
  } catch {
    return text.includes('http') ? '[message withheld: it could not be checked for links that leak data]' : text;
  }
}

/** Only such a session can leak through a message; if the store cannot say, assume it can. */
async function holdsUntrustedAndPrivate(session: OsoSession): Promise<boolean> {
  try {
    const exposures = await session.exposures();
    return Boolean(exposures.untrusted_content && exposures.private_data);
  } catch {
    return true;
  }
}

/**
 * Records a stream's events as they pass; tool calls are held until the model finishes. With
 * `screen` (link stripping on, and the session holds untrusted content and private data) each
 * text part is held until it ends and sent screened as one delta: a link can span deltas.
 */
function captureStream(
  oso: Oso,
  session: OsoSession,
  toolNameOf: (modelName: string) => string,
  screen?: (text: string) => Promise<string>,
  report?: (text: string) => Promise<unknown>,
): TransformStream<StreamPart, StreamPart> {
  const texts = new Map<string, string>();
  const heldToolCalls: StreamPart[] = [];
  let responseId: string | undefined;
  let textIndex = 0;
  const record = (event: RecordableEvent) => quietly(oso, () => session.record(event));
  const release = (controller: TransformStreamDefaultController<StreamPart>) => {
    for (const part of heldToolCalls.splice(0)) controller.enqueue(part);
  };

  return new TransformStream<StreamPart, StreamPart>({
    async transform(part, controller) {
      switch (part.type) {
        case 'response-metadata':
          responseId ??= part.id;
          break;
        case 'text-start':
          texts.set(part.id, '');
          break;
        case 'text-delta':
          texts.set(part.id, (texts.get(part.id) ?? '') + part.delta);
          if (screen) return;
          break;
        case 'text-end': {
          let text = texts.get(part.id) ?? '';
          texts.delete(part.id);
          if (screen) {
            text = await screen(text);
            if (text.length > 0) controller.enqueue({ type: 'text-delta', id: part.id, delta: text });
          }
          else if (report && text.length > 0) await report(text);
          if (text.length > 0) await record(assistantText(text, responseId, textIndex));
          textIndex++;
          break;
        }
        case 'tool-call':
          await record({ type: 'tool_call_request', toolCallId: part.toolCallId, tool: toolNameOf(part.toolName), args: parseInput(part.input) });
          heldToolCalls.push(part);
          return;
        case 'tool-result':
          await record(providerToolResult(part, toolNameOf));
          break;
        case 'finish':
          release(controller);
          break;
      }
      controller.enqueue(part);
    },
    flush(controller) {
      // A stream cut short: text held for screening is dropped rather than sent unchecked.
      release(controller);
    },
  });
}

function assistantText(text: string, responseId: string | undefined, index: number): RecordableEvent {
  return { type: 'message_to_user', content: text, ...(responseId ? { messageId: `assistant:${responseId}:${index}` } : {}) };
}

function providerToolResult(
  part: { toolCallId: string; toolName: string; result: unknown; isError?: boolean },
  toolNameOf: (modelName: string) => string,
): RecordableEvent {
  const base = { type: 'tool_call_response' as const, toolCallId: part.toolCallId, tool: toolNameOf(part.toolName) };
  return part.isError ? { ...base, error: typeof part.result === 'string' ? part.result : JSON.stringify(part.result) } : { ...base, output: part.result };
}

function toolResultEvents(message: MessageLike, toolNameOf: (modelName: string) => string): RecordableEvent[] {
  if (!Array.isArray(message.content)) return [];
  const events: RecordableEvent[] = [];
  for (const part of message.content as Array<Record<string, unknown>>) {
    if (part?.type !== 'tool-result' || typeof part.toolCallId !== 'string' || typeof part.toolName !== 'string') continue;
    const output = part.output as { type?: string; value?: unknown } | undefined;
    // A denied call never ran: its decision is in the timeline already, and it has no result.
    if (!output || output.type === 'execution-denied') continue;
    const base = { type: 'tool_call_response' as const, toolCallId: part.toolCallId, tool: toolNameOf(part.toolName) };
    if (output.type === 'error-text' || output.type === 'error-json') {
      events.push({ ...base, error: typeof output.value === 'string' ? output.value : JSON.stringify(output.value) });
    } else {
      events.push({ ...base, output: output.value });
    }
  }
  return events;
}

function userText(message: MessageLike): string {
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return (message.content as Array<Record<string, unknown>>)
    .map((part) => {
      if (part?.type === 'text' && typeof part.text === 'string') return part.text;
      if (part?.type === 'file') return `[file ${String(part.filename ?? part.mediaType ?? '')}]`;
      return '';
    })
    .filter((text) => text.length > 0)
    .join('\n');
}

function parseInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

async function recordAll(session: OsoSession, events: readonly RecordableEvent[]): Promise<void> {
  for (const event of events) await session.record(event);
}

async function quietly(oso: Oso, capture: () => Promise<void>): Promise<void> {
  try {
    await capture();
  } catch (error) {
    // Capture is a side channel: it never blocks or changes the model call.
    oso.options.onError?.(error);
  }
}
