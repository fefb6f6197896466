import { ApprovalError, type ApprovalAnswer, type ApprovalRequest, type Oso } from '@oso-agents/core';

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

/**
 * Records a person's answer as an app does: an answer to a request that expired (or was answered
 * meanwhile) is refused by the engine with `ApprovalError`, and the engine's record stands — the
 * call, decided again, says what became of it.
 */
export async function answerApproval(oso: Oso, approvalId: string, answer: ApprovalAnswer): Promise<void> {
  try {
    await oso.resolveApproval(approvalId, answer);
  } catch (error) {
    if (!ApprovalError.isInstance(error)) throw error;
  }
}
