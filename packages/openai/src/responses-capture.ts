import type {
  Response,
  ResponseCreateParams,
  ResponseOutputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import type { CaptureRecorder } from './capture-recorder.js';
import { inputMessageId } from './message-id.js';
import type { StreamObserver } from './observe-stream.js';
import { parseToolCallArguments } from './tool-call-arguments.js';

const INPUT_ROLES = new Set(['user', 'developer', 'system']);

/**
 * Records the instructions and the user's and developer's input messages of a request that were
 * not recorded before. With `previous_response_id` (or a conversation) each request carries only
 * the new input, so positions are scoped to it.
 */
export function recordResponsesRequest(recorder: CaptureRecorder, body: ResponseCreateParams): Promise<void>[] {
  const recorded: Promise<void>[] = [];
  if (!body) return recorded;
  const conversation = typeof body.conversation === 'string' ? body.conversation : body.conversation?.id;
  const scope = `responses:${body.previous_response_id ?? conversation ?? 'start'}`;
  if (typeof body.instructions === 'string' && body.instructions) {
    recorded.push(
      recorder.record({
        type: 'message_from_user',
        content: body.instructions,
        messageId: inputMessageId('responses:instructions', 0, 'developer', body.instructions),
      }),
    );
  }
  if (typeof body.input === 'string') {
    recorded.push(recorder.record({ type: 'message_from_user', content: body.input, messageId: inputMessageId(scope, 0, 'user', body.input) }));
    return recorded;
  }
  (Array.isArray(body.input) ? body.input : []).forEach((item, index) => {
    if (!item || !('role' in item) || !INPUT_ROLES.has(item.role)) return;
    if ('type' in item && item.type !== undefined && item.type !== 'message') return;
    const content = 'content' in item ? item.content : undefined;
    recorded.push(recorder.record({ type: 'message_from_user', content, messageId: inputMessageId(scope, index, item.role, content) }));
  });
  return recorded;
}

/** Records the assistant's messages and the function calls of a response's output. */
export function recordResponse(recorder: CaptureRecorder, response: Pick<Response, 'id' | 'output'>): Promise<void>[] {
  return recordOutput(recorder, response?.id ?? 'resp', response?.output ?? []);
}

function recordOutput(recorder: CaptureRecorder, responseId: string, output: readonly ResponseOutputItem[]): Promise<void>[] {
  const recorded: Promise<void>[] = [];
  output.forEach((item, index) => {
    if (!item) return;
    if (item.type === 'message' && item.role === 'assistant') {
      const text = (item.content ?? [])
        .map((part) => (part.type === 'output_text' ? part.text : part.type === 'refusal' ? part.refusal : ''))
        .join('');
      if (text) recorded.push(recorder.record({ type: 'message_to_user', content: text, messageId: item.id || `${responseId}:${index}` }));
    } else if (item.type === 'function_call') {
      recorded.push(
        recorder.record({
          type: 'tool_call_request',
          toolCallId: item.call_id,
          tool: recorder.toolName(item.name),
          args: parseToolCallArguments(item.arguments).args,
        }),
      );
    } else if (item.type === 'custom_tool_call') {
      recorded.push(
        recorder.record({ type: 'tool_call_request', toolCallId: item.call_id, tool: recorder.toolName(item.name), args: { input: item.input } }),
      );
    }
  });
  return recorded;
}

/**
 * Watches a streamed response and records it when the stream ends: from the final response the
 * `response.completed` (or `.incomplete`/`.failed`) event carries, or else from the items that
 * were finished before the caller stopped reading.
 */
export function responsesStreamObserver(recorder: CaptureRecorder): StreamObserver<ResponseStreamEvent> {
  let responseId = 'resp';
  let final: Pick<Response, 'id' | 'output'> | undefined;
  const finished: ResponseOutputItem[] = [];
  return {
    onItem(event) {
      try {
        switch (event?.type) {
          case 'response.created':
          case 'response.in_progress':
            responseId = event.response.id;
            break;
          case 'response.output_item.done':
            finished[event.output_index] = event.item;
            break;
          case 'response.completed':
          case 'response.incomplete':
          case 'response.failed':
            final = event.response;
            break;
        }
      } catch (error) {
        recorder.report(error);
      }
    },
    async onEnd() {
      const recorded = final
        ? recordResponse(recorder, final)
        : recordOutput(recorder, responseId, finished.filter((item) => item !== undefined));
      await Promise.all(recorded);
    },
  };
}
