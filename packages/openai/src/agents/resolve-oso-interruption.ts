import { safeDenialMessage, type ApprovalAnswer, type ApprovalRequest, type Decision } from '@oso-agents/core';
import type { RunContext, RunToolApprovalItem } from '@openai/agents';
import { parseToolCallArguments } from '../tool-call-arguments.js';
import { agentToolName, sessionFor, type OsoAgentToolsOptions } from './agent-tool-options.js';

/** The parts of the SDK's `RunState` the helper uses (any agent, any context). */
export interface ApprovableRunState<TContext> {
  _context: RunContext<TContext>;
  approve(approvalItem: RunToolApprovalItem, options?: { alwaysApprove?: boolean }): void;
  reject(approvalItem: RunToolApprovalItem, options?: { alwaysReject?: boolean; message?: string }): void;
}

/** What {@link resolveOsoInterruption} did. */
export interface ResolvedInterruption {
  /** Whether the call will run when the run resumes. */
  approved: boolean;
  /** The engine's approval request as answered; absent when the interruption was not the engine's. */
  approval?: ApprovalRequest;
  /** The engine's decision for the call when it was answered. */
  decision: Decision;
}

/**
 * Answers an interruption of a run in one step: resolves the engine's approval request for the
 * call (`oso.resolveApproval`) and approves or rejects the interruption on the run state, which
 * can then be resumed (`run(agent, state)`) or serialised (`state.toString()`) first: the engine's
 * answer lives in its store, the SDK's in the run state. A rejected call never runs; the model
 * reads the engine's safe message. If the engine cannot take the approval (it expired, or someone
 * answered no first), the interruption is rejected whatever `answer` says.
 *
 * ```ts
 * for (const interruption of result.interruptions) {
 *   await resolveOsoInterruption(result.state, interruption, { approved: true, by: 'alice@example.com' }, options);
 * }
 * result = await run(agent, result.state);
 * ```
 */
export async function resolveOsoInterruption<TContext>(
  state: ApprovableRunState<TContext>,
  interruption: RunToolApprovalItem,
  answer: ApprovalAnswer,
  options: OsoAgentToolsOptions<TContext>,
): Promise<ResolvedInterruption> {
  const raw = interruption.rawItem;
  if (raw.type !== 'function_call') {
    throw new TypeError(`resolveOsoInterruption answers function tool calls; this interruption is a ${raw.type}.`);
  }
  const session = sessionFor(options, state._context);
  const call = { toolCallId: raw.callId, tool: agentToolName(options, raw.name), args: parseToolCallArguments(raw.arguments).args };
  let decision = await session.authorize(call);
  let approval: ApprovalRequest | undefined;
  if (decision.outcome === 'require_approval' && decision.approval?.status === 'pending') {
    try {
      approval = await options.oso.resolveApproval(decision.approval.id, answer);
    } catch {
      // Expired or answered already: the engine's own answer below decides.
    }
    if (!answer.approved || approval?.status !== 'approved') decision = await session.authorize(call);
  }
  const approved = answer.approved && decision.outcome !== 'deny';
  if (approved) {
    state.approve(interruption, { alwaysApprove: answer.scope === 'session' });
  } else {
    const rejected = decision.outcome === 'deny' ? decision : { ...decision, reason: answerText(answer) };
    state.reject(interruption, { message: safeDenialMessage(rejected) });
  }
  return { approved, ...(approval ? { approval } : {}), decision };
}

function answerText(answer: ApprovalAnswer): string {
  const by = answer.by ? ` by ${answer.by}` : '';
  return answer.reason ? `A person did not approve it${by}: ${answer.reason}` : `A person did not approve it${by}.`;
}
