import { randomUUID } from 'node:crypto';
import type {
  Response,
  ResponseCreateParams,
  ResponseOutputItem,
  ResponseStreamEvent,
} from 'openai/resources/responses/responses';
import type { CaptureRecorder } from './capture-recorder.js';
import { inputMessageIds, shortHash } from './message-id.js';
import type { StreamObserver } from './observe-stream.js';
import { parseToolCallArguments } from './tool-call-arguments.js';

const INPUT_ROLES = new Set(['user', 'developer', 'system']);

/**
 * Records the instructions (once per wording) and the user's and developer's new input. With
 * `previous_response_id` or a server-side conversation every request's input is new; otherwise the
 * whole history comes back each turn and only the items after the model's last item are new.
 */
export function recordResponsesRequest(recorder: CaptureRecorder, body: ResponseCreateParams): Promise<void>[] {
  const recorded: Promise<void>[] = [];
  if (!body) return recorded;
  const conversation = typeof body.conversation === 'string' ? body.conversation : body.conversation?.id;
  let items: readonly unknown[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? body.input : [];
  let scope: string;
  if (body.previous_response_id) {
    scope = `responses:${body.previous_response_id}`;
  } else if (conversation) {
    // Even the same words again are new input in a server-side conversation.
    scope = `responses:${conversation}:${randomUUID()}`;
  } else {
    const lastModelIndex = items.findLastIndex(isModelItem);
    scope = `responses:${lastModelIndex < 0 ? 'start' : shortHash(items[lastModelIndex])}`;
    items = items.slice(lastModelIndex + 1);
  }
  if (typeof body.instructions === 'string' && body.instructions) {
    const [id] = inputMessageIds('responses:instructions', [{ role: 'developer', content: body.instructions }]);
    recorded.push(recorder.record({ type: 'message_from_user', content: body.instructions, messageId: id }));
  }
  const messages = items.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { role, type, content } = item as { role?: unknown; type?: unknown; content?: unknown };
    if (typeof role !== 'string' || !INPUT_ROLES.has(role)) return [];
    if (type !== undefined && type !== 'message') return [];
    return [{ role, content }];
  });
  const ids = inputMessageIds(scope, messages);
  messages.forEach((message, index) => {
    recorded.push(recorder.record({ type: 'message_from_user', content: message.content, messageId: ids[index] }));
  });
  return recorded;
}

/** An item the model produced (its message, a call, its reasoning), sent back as history. */
function isModelItem(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const { role, type } = item as { role?: unknown; type?: unknown };
  return role === 'assistant' || (typeof type === 'string' && MODEL_ITEM_TYPES.has(type));
}

const MODEL_ITEM_TYPES = new Set(['function_call', 'custom_tool_call', 'reasoning', 'web_search_call', 'file_search_call', 'computer_call', 'code_interpreter_call', 'image_generation_call', 'local_shell_call', 'shell_call', 'apply_patch_call', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'tool_search_call']);

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
