import { safeDenialMessage, type Decision, type Oso, type OsoSession, type ToolCallInput } from '@oso-agents/core';
import type { ModelMessage, ToolApprovalStatus, ToolSet } from 'ai';
import { findChatApprovalResponse, findDeniedToolCalls, type ChatApprovalResponse } from './chat-history.js';
import { approverOf, type OsoToolApprovalOptions } from './options.js';
import { settleDeniedApprovals } from './settle-denied-approvals.js';
import { ensureRegistered, guardedToolInfo, knownFullName } from './tool-catalog.js';

/** What the SDK passes to a generic `toolApproval` function, as far as this adapter reads it. */
export interface ToolApprovalContext {
  toolCall: { toolCallId: string; toolName: string; input: unknown };
  tools?: ToolSet | undefined;
  messages: ModelMessage[];
}

/** A generic `toolApproval` function for `generateText`, `streamText` and `ToolLoopAgent`. */
export type OsoToolApproval = (context: ToolApprovalContext) => Promise<ToolApprovalStatus>;

const ENGINE_FAILURE = 'The security policy could not decide, so the action was not run.';

/**
 * The engine as the SDK's own `toolApproval` setting: every tool call the model makes is decided
 * before it runs, and the decision is said in the SDK's words — allow → `not-applicable`, deny →
 * `denied` with the reason (the model is told why), require_approval → `user-approval` with the
 * reason for the approver (so `useChat`'s approval parts drive the human step), or, when the
 * engine has an `onApproval` callback, that callback's answer as `approved` / `denied`.
 *
 * When the chat sends the person's approval back, the SDK asks again for that call: the engine's
 * own pending request for the same call id, tool and arguments is resolved as approved and the call
 * runs. An approval in the client's history that the engine never asked for (a forged or replayed
 * history, other arguments, a call it denied) is `denied`. A person's denial is seen in the next
 * request's messages and resolves the engine's request as denied.
 *
 * Never throws (a throw there would fail the whole generation): an engine failure is `denied`.
 */
export function osoToolApproval(options: OsoToolApprovalOptions): OsoToolApproval {
  const { oso, sessionId, metadata } = options;
  const approver = approverOf(options);
  const approvalsFrom = options.approvals ?? 'chat';

  return async ({ toolCall, tools, messages }) => {
    try {
      const session = oso.session(sessionId, metadata);
      await settleDeniedApprovals(oso, sessionId, findDeniedToolCalls(messages), approver, metadata);
      const tool = await resolveToolName(oso, options, toolCall.toolName, tools);
      const call: ToolCallInput = { toolCallId: toolCall.toolCallId, tool, args: toolCall.input };
      const decision = await session.authorize(call);
      const chatAnswer = findChatApprovalResponse(messages, toolCall.toolCallId);
      if (chatAnswer?.approved) return await honourChatApproval(session, call, decision, chatAnswer);
      return await statusOf(session, call, decision, oso);
    } catch (error) {
      oso.options.onError?.(error);
      return { type: 'denied', reason: ENGINE_FAILURE };
    }
  };

  /**
   * The SDK is re-validating an approval found in the client's history. It runs the call unless
   * told `denied`, so anything but the engine's own allow is `denied`.
   */
  async function honourChatApproval(
    session: OsoSession,
    call: ToolCallInput,
    decision: Decision,
    answer: ChatApprovalResponse,
  ): Promise<ToolApprovalStatus> {
    if (decision.outcome === 'allow' && !decision.repeated) return 'not-applicable';
    if (decision.outcome === 'allow') {
      // Allowed before (and so already run, or running): a replayed history must not run it again.
      return { type: 'denied', reason: `The action "${call.tool}" was already decided and run once; its approval cannot be used again.` };
    }
    if (decision.outcome === 'deny') return { type: 'denied', reason: safeDenialMessage(decision) };
    const pending = decision.approval?.status === 'pending' ? decision.approval : undefined;
    if (!decision.repeated || !pending) {
      // The engine never asked a person about this call: the approval did not come from it.
      if (pending) await resolveQuietly(pending.id, false, 'An approval in the chat history did not match a request of the security policy.');
      return {
        type: 'denied',
        reason: `The action "${call.tool}" was blocked by the security policy: the approval in the conversation does not match a request it made. Ask the user to confirm again.`,
      };
    }
    if (approvalsFrom === 'engine') {
      return {
        type: 'denied',
        reason: `The action "${call.tool}" is still waiting for a reviewer's approval: ${decision.reason}`,
      };
    }
    await resolveQuietly(pending.id, true, answer.reason);
    const after = await session.authorize(call);
    return after.outcome === 'allow' ? 'not-applicable' : { type: 'denied', reason: safeDenialMessage(after) };
  }

  async function resolveQuietly(approvalId: string, approved: boolean, reason: string | undefined): Promise<void> {
    try {
      await oso.resolveApproval(approvalId, { approved, by: approver, ...(reason !== undefined ? { reason } : {}) });
    } catch (error) {
      // Answered elsewhere or expired: the engine's state decides on the next authorize.
      oso.options.onError?.(error);
    }
  }
}

async function statusOf(session: OsoSession, call: ToolCallInput, decision: Decision, oso: Oso): Promise<ToolApprovalStatus> {
  if (decision.outcome === 'allow') return 'not-applicable';
  if (decision.outcome === 'deny') return { type: 'denied', reason: safeDenialMessage(decision) };
  if (!oso.options.onApproval) return { type: 'user-approval', reason: decision.reason };
  const answered = await session.awaitApproval(decision, call);
  if (answered.outcome !== 'allow') return { type: 'denied', reason: safeDenialMessage(answered) };
  const by = answered.approvedBy?.by;
  return { type: 'approved', reason: by ? `Approved by ${by}.` : 'Approved.' };
}

/** The engine's name of a tool the model called, registering it on first use when it can. */
async function resolveToolName(
  oso: Oso,
  options: OsoToolApprovalOptions,
  toolName: string,
  tools: ToolSet | undefined,
): Promise<string> {
  const tool = tools && Object.prototype.hasOwnProperty.call(tools, toolName) ? tools[toolName] : undefined;
  const guarded = guardedToolInfo(tool);
  if (guarded) {
    await ensureRegistered(oso, guarded);
    return guarded.fullName;
  }
  if (options.integration && tool) {
    const capabilities = options.capabilities?.[toolName];
    await ensureRegistered(oso, { integration: options.integration, name: toolName, original: tool, ...(capabilities ? { capabilities } : {}) });
    return `${options.integration}.${toolName}`;
  }
  return knownFullName(oso, toolName) ?? (options.integration ? `${options.integration}.${toolName}` : toolName);
}
