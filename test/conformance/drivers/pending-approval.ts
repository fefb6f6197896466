import type { ApprovalRequest, Oso } from '@oso-agents/core';

/**
 * The engine's pending approval request for a call, read from the session's timeline: what a
 * review UI shows a person when a framework paused a call with only the framework's own ids.
 */
export async function pendingApproval(oso: Oso, sessionId: string, toolCallId: string): Promise<ApprovalRequest> {
  const events = await oso.session(sessionId).timeline();
  for (const event of events.toReversed()) {
    if (event.type === 'approval_requested' && event.approval.toolCallId === toolCallId) return event.approval;
  }
  throw new Error(`The engine asked for no approval of ${toolCallId}`);
}
