import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
} from 'openai/resources/chat/completions';
import type { CaptureRecorder } from './capture-recorder.js';
import { inputMessageIds, shortHash } from './message-id.js';
import type { StreamObserver } from './observe-stream.js';
import { parseToolCallArguments } from './tool-call-arguments.js';

const INPUT_ROLES = new Set(['user', 'developer', 'system']);

/**
 * Records the user's and developer's new input: the messages after the model's last message in
 * the history (all of them in the first request). Every request carries the whole history; only
 * its tail is new, however the app trims older messages. Ids are anchored on that last model
 * message, so the same request sent twice is recorded once.
 */
export function recordChatRequest(recorder: CaptureRecorder, body: ChatCompletionCreateParams): Promise<void>[] {
  const history = Array.isArray(body?.messages) ? body.messages : [];
  const lastModelIndex = history.findLastIndex((message) => message?.role === 'assistant');
  const lastModel = history[lastModelIndex];
  const anchor =
    lastModel?.role === 'assistant'
      ? shortHash({ content: lastModel.content ?? null, toolCalls: (lastModel.tool_calls ?? []).map((call) => call.id) })
      : 'start';
  const messages = history.slice(lastModelIndex + 1).flatMap((message) =>
    message && INPUT_ROLES.has(message.role) ? [{ role: message.role, content: 'content' in message ? message.content : undefined }] : [],
  );
  const ids = inputMessageIds(`chat:${anchor}`, messages);
  return messages.map((message, index) => recorder.record({ type: 'message_from_user', content: message.content, messageId: ids[index] }));
}

/** One choice of a completion, as captured. */
interface CapturedChoice {
  index: number;
  content: string;
  refusal: string;
  toolCalls: { id: string; name: string; arguments: string; custom?: boolean }[];
}

/** Records what the model said to the user and the tools it asked for. */
export function recordChatCompletion(recorder: CaptureRecorder, completion: ChatCompletion): Promise<void>[] {
  const choices: CapturedChoice[] = (completion?.choices ?? []).map((choice) => ({
    index: choice.index,
    content: choice.message?.content ?? '',
    refusal: choice.message?.refusal ?? '',
    toolCalls: (choice.message?.tool_calls ?? []).map((call) =>
      call.type === 'custom'
        ? { id: call.id, name: call.custom.name, arguments: call.custom.input, custom: true }
        : { id: call.id, name: call.function.name, arguments: call.function.arguments },
    ),
  }));
  return recordChoices(recorder, completion?.id ?? 'chatcmpl', choices);
}

function recordChoices(recorder: CaptureRecorder, completionId: string, choices: CapturedChoice[]): Promise<void>[] {
  const recorded: Promise<void>[] = [];
  for (const choice of choices) {
    const text = choice.content || choice.refusal;
    if (text) {
      recorded.push(recorder.record({ type: 'message_to_user', content: text, messageId: `${completionId}:${choice.index}` }));
    }
    for (const call of choice.toolCalls) {
      if (!call.id || !call.name) continue;
      recorded.push(
        recorder.record({
          type: 'tool_call_request',
          toolCallId: call.id,
          tool: recorder.toolName(call.name),
          args: call.custom ? { input: call.arguments } : parseToolCallArguments(call.arguments).args,
        }),
      );
    }
  }
  return recorded;
}

/** Watches a streamed completion and records it, as a whole, when the stream ends. */
export function chatStreamObserver(recorder: CaptureRecorder): StreamObserver<ChatCompletionChunk> {
  let completionId = 'chatcmpl';
  const choices = new Map<number, CapturedChoice>();
  return {
    onItem(chunk) {
      try {
        if (chunk?.id) completionId = chunk.id;
        for (const choice of chunk?.choices ?? []) {
          let captured = choices.get(choice.index);
          if (!captured) {
            captured = { index: choice.index, content: '', refusal: '', toolCalls: [] };
            choices.set(choice.index, captured);
          }
          const delta = choice.delta ?? {};
          if (delta.content) captured.content += delta.content;
          if (delta.refusal) captured.refusal += delta.refusal;
          for (const part of delta.tool_calls ?? []) {
            const call = (captured.toolCalls[part.index] ??= { id: '', name: '', arguments: '' });
            if (part.id) call.id = part.id;
            if (part.function?.name) call.name = part.function.name;
            if (part.function?.arguments) call.arguments += part.function.arguments;
            if (part.custom?.name) {
              call.name = part.custom.name;
              call.custom = true;
            }
            if (part.custom?.input) call.arguments += part.custom.input;
          }
        }
      } catch (error) {
        recorder.report(error);
      }
    },
    async onEnd() {
      await Promise.all(recordChoices(recorder, completionId, [...choices.values()].map(withDenseToolCalls)));
    },
  };
}

function withDenseToolCalls(choice: CapturedChoice): CapturedChoice {
  return { ...choice, toolCalls: choice.toolCalls.filter((call) => call !== undefined) };
}
