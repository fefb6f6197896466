/**
 * Reading the parts of a conversation this adapter cares about, from either the SDK's
 * `ModelMessage[]` (what `toolApproval` receives) or a model's prompt (what a middleware sees):
 * both keep tool calls in assistant messages and tool results in tool messages.
 */

/** A message as both shapes have it. */
export interface MessageLike {
  role: string;
  content: unknown;
}

/** A person's answer in the chat to an approval request of the SDK. */
export interface ChatApprovalResponse {
  approvalId: string;
  approved: boolean;
  reason?: string;
}

/** A tool call whose result says its execution was denied. */
export interface DeniedToolCall {
  toolCallId: string;
  reason?: string;
  /** The call's arguments, from the assistant's tool-call part in the same history. */
  input?: unknown;
}

type Part = { type?: unknown; [key: string]: unknown };

function partsOf(message: MessageLike | undefined): Part[] {
  if (!message || !Array.isArray(message.content)) return [];
  return message.content.filter((part): part is Part => typeof part === 'object' && part !== null);
}

/**
 * The approval response the chat sent for a tool call, read like the SDK reads it: from the last
 * message when it is a tool message, paired with the approval request by approval id.
 */
export function findChatApprovalResponse(
  messages: readonly MessageLike[],
  toolCallId: string,
): ChatApprovalResponse | undefined {
  const last = messages.at(-1);
  if (last?.role !== 'tool') return undefined;
  const requestedFor = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of partsOf(message)) {
      if (part.type === 'tool-approval-request' && typeof part.approvalId === 'string' && typeof part.toolCallId === 'string') {
        requestedFor.set(part.approvalId, part.toolCallId);
      }
    }
  }
  for (const part of partsOf(last)) {
    if (part.type !== 'tool-approval-response' || typeof part.approvalId !== 'string') continue;
    if (requestedFor.get(part.approvalId) !== toolCallId) continue;
    return {
      approvalId: part.approvalId,
      approved: part.approved === true,
      ...(typeof part.reason === 'string' ? { reason: part.reason } : {}),
    };
  }
  return undefined;
}

/** Tool calls whose result in the history is `execution-denied` (by a person or a policy). */
export function findDeniedToolCalls(messages: readonly MessageLike[]): DeniedToolCall[] {
  const denied: DeniedToolCall[] = [];
  const inputs = new Map<string, unknown>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of partsOf(message)) {
        if (part.type === 'tool-call' && typeof part.toolCallId === 'string') inputs.set(part.toolCallId, part.input);
      }
    }
    if (message.role !== 'tool') continue;
    for (const part of partsOf(message)) {
      if (part.type !== 'tool-result' || typeof part.toolCallId !== 'string') continue;
      const output = part.output as { type?: unknown; reason?: unknown } | undefined;
      if (output?.type !== 'execution-denied') continue;
      denied.push({
        toolCallId: part.toolCallId,
        ...(typeof output.reason === 'string' ? { reason: output.reason } : {}),
        ...(inputs.has(part.toolCallId) ? { input: inputs.get(part.toolCallId) } : {}),
      });
    }
  }
  return denied;
}
