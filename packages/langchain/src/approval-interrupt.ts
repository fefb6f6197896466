import type { ApprovalAnswer, ApprovalRequest } from '@oso-agents/core';

/** One action awaiting review, in LangChain's human-in-the-loop shape. */
export interface OsoActionRequest {
  /** The tool's LangChain name. */
  name: string;
  /** The arguments, secrets masked. */
  args: Record<string, unknown>;
  /** Why a person is asked, in a sentence. */
  description: string;
}

/** How an action may be answered, in LangChain's human-in-the-loop shape. */
export interface OsoReviewConfig {
  actionName: string;
  /** The gate accepts `approve` and `reject` (editing the arguments is not offered). */
  allowedDecisions: Array<'approve' | 'reject'>;
}

/**
 * The value of the interrupt `osoMiddleware` raises when tool calls need a person's approval
 * (`result.__interrupt__[0].value`). It is a LangChain `HITLRequest` (`actionRequests`,
 * `reviewConfigs`), so approval UIs built for `humanInTheLoopMiddleware` show it unchanged, plus the
 * engine's own requests in the same order.
 */
export interface OsoApprovalInterrupt {
  /** Marks the interrupt as oso's: `'oso-agents'`. */
  source: 'oso-agents';
  actionRequests: OsoActionRequest[];
  reviewConfigs: OsoReviewConfig[];
  /** The engine's approval requests (id, tool, arguments, reason, expiry), one per action. */
  approvals: ApprovalRequest[];
}

/**
 * What a person answers, passed as `new Command({ resume })`: either one answer for every pending
 * request (`{ approved, by?, reason?, scope? }`) or LangChain's HITL response with one decision per
 * action, in order (`{ decisions: [{ type: 'approve' }, { type: 'reject', message? }] }`).
 */
export type OsoApprovalResume =
  | ApprovalAnswer
  | { decisions: Array<{ type: 'approve' } | { type: 'reject'; message?: string } | { type: string; [key: string]: unknown }> };

/** Builds the interrupt value for pending approval requests. `toolNames` maps each to its LangChain name. */
export function approvalInterrupt(approvals: readonly ApprovalRequest[], toolNames: readonly string[]): OsoApprovalInterrupt {
  return {
    source: 'oso-agents',
    actionRequests: approvals.map((approval, index) => ({
      name: toolNames[index] ?? approval.tool,
      args: isRecord(approval.args) ? approval.args : { value: approval.args },
      description: `${approval.reason} (approval ${approval.id})`,
    })),
    reviewConfigs: approvals.map((approval, index) => ({
      actionName: toolNames[index] ?? approval.tool,
      allowedDecisions: ['approve', 'reject'],
    })),
    approvals: [...approvals],
  };
}

/** True when an interrupt value is oso's approval request. */
export function isOsoApprovalInterrupt(value: unknown): value is OsoApprovalInterrupt {
  return isRecord(value) && value['source'] === 'oso-agents' && Array.isArray(value['approvals']);
}

/**
 * One answer per pending request from a resume value. Anything not understood — a missing
 * decision, an `edit`, a malformed value — is a refusal: the gate fails closed.
 */
export function answersFromResume(resume: unknown, count: number): ApprovalAnswer[] {
  if (isRecord(resume) && Array.isArray(resume['decisions'])) {
    const decisions: unknown[] = resume['decisions'];
    return Array.from({ length: count }, (_, index) => answerFromDecision(decisions[index]));
  }
  if (isRecord(resume) && typeof resume['approved'] === 'boolean') {
    const answer: ApprovalAnswer = { approved: resume['approved'] };
    if (typeof resume['by'] === 'string') answer.by = resume['by'];
    if (typeof resume['reason'] === 'string') answer.reason = resume['reason'];
    if (resume['scope'] === 'call' || resume['scope'] === 'session') answer.scope = resume['scope'];
    return Array.from({ length: count }, () => ({ ...answer }));
  }
  return Array.from({ length: count }, () => ({ approved: false, reason: 'the resume value was not an approval answer' }));
}

function answerFromDecision(decision: unknown): ApprovalAnswer {
  if (!isRecord(decision)) return { approved: false, reason: 'no decision was given for this action' };
  const by = typeof decision['by'] === 'string' ? { by: decision['by'] } : {};
  if (decision['type'] === 'approve') return { approved: true, ...by };
  if (decision['type'] === 'reject') {
    const message = decision['message'];
    return { approved: false, ...by, ...(typeof message === 'string' ? { reason: message } : {}) };
  }
  return { approved: false, ...by, reason: `the decision "${String(decision['type'])}" is not supported by the security gate` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
