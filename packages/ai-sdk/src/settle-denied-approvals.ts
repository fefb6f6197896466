import { ApprovalError, findCall, hashArguments, type Oso, type SessionMetadata } from '@oso-agents/core';
import type { DeniedToolCall } from './chat-history.js';

/**
 * A person denied a call in the chat: the SDK never asks `toolApproval` again for it, so the
 * engine's pending request for that call is resolved here as denied (seen in the next request's
 * messages). Only pending requests of this session change; a denial can only make things stricter.
 * The call is then decided again, as every other way of answering an approval does, so the
 * session's timeline ends with the engine's `deny` for it (not with the `require_approval`).
 */
export async function settleDeniedApprovals(
  oso: Oso,
  sessionId: string,
  denied: readonly DeniedToolCall[],
  approver: string,
  metadata?: SessionMetadata,
): Promise<void> {
  if (denied.length === 0) return;
  const state = await oso.store.load({ agentId: oso.agentId, sessionId });
  for (const { toolCallId, reason, input } of denied) {
    const record = findCall(state, toolCallId);
    const approvalId = record?.decision.approval?.id;
    if (!record || !approvalId || state.approvals[approvalId]?.status !== 'pending') continue;
    try {
      await oso.resolveApproval(approvalId, { approved: false, by: approver, reason: reason ?? 'Denied in the chat.' });
    } catch (error) {
      // Someone answered or it expired in the meantime: that answer stands.
      if (!ApprovalError.isInstance(error)) throw error;
    }
    // Only with the exact arguments the engine decided (the history is client input): other
    // arguments under the same call id would be a different call, not this one's final answer.
    if (input !== undefined && hashArguments(input) === record.argsHash) {
      await oso.session(sessionId, metadata).authorize({ toolCallId, tool: record.decision.tool, args: input });
    }
  }
}
