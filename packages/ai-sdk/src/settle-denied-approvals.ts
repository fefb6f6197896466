import { ApprovalError, type Oso } from '@oso-agents/core';
import type { DeniedToolCall } from './chat-history.js';

/**
 * A person denied a call in the chat: the SDK never asks `toolApproval` again for it, so the
 * engine's pending request for that call is resolved here as denied (seen in the next request's
 * messages). Only pending requests of this session change; a denial can only make things stricter.
 */
export async function settleDeniedApprovals(
  oso: Oso,
  sessionId: string,
  denied: readonly DeniedToolCall[],
  approver: string,
): Promise<void> {
  if (denied.length === 0) return;
  const state = await oso.store.load({ agentId: oso.agentId, sessionId });
  for (const { toolCallId, reason } of denied) {
    const approvalId = state.calls[toolCallId]?.decision.approval?.id;
    if (!approvalId || state.approvals[approvalId]?.status !== 'pending') continue;
    try {
      await oso.resolveApproval(approvalId, { approved: false, by: approver, reason: reason ?? 'Denied in the chat.' });
    } catch (error) {
      // Someone answered or it expired in the meantime: that answer stands.
      if (!ApprovalError.isInstance(error)) throw error;
    }
  }
}
