import {
  ApprovalRequiredError,
  safeDenialMessage,
  type ApprovalRequest,
  type Decision,
  type OsoSession,
  type ToolCallInput,
} from '@oso-agents/core';

/** What became of a gated tool call. */
export type GateOutcome<Output> =
  | { status: 'ran'; decision: Decision; output: Output }
  /** Denied (or an approval was refused): the tool did not run; `message` is safe for the model. */
  | { status: 'blocked'; decision: Decision; message: string }
  /** Waiting for a person (no `onApproval`, no interrupt): the request is persisted in the store. */
  | { status: 'pending_approval'; decision: Decision; approval: ApprovalRequest; message: string };

/** How a gated call runs the tool and describes its result for the timeline. */
export interface GateToolCallOptions<Output> {
  execute: () => Promise<Output>;
  /** The value recorded as the `tool_call_response` output (e.g. a ToolMessage's content). */
  describeOutput: (output: Output) => { output?: unknown; error?: string };
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * authorize → (await the approval) → execute → record the response. The tool runs only on `allow`;
 * a failing tool's error is recorded and rethrown unchanged (the framework handles tool errors).
 */
export async function gateToolCall<Output>(
  session: OsoSession,
  call: ToolCallInput,
  options: GateToolCallOptions<Output>,
): Promise<GateOutcome<Output>> {
  let decision = await session.authorize(call);
  if (decision.outcome === 'require_approval') {
    try {
      decision = await session.awaitApproval(decision, call);
    } catch (error) {
      if (ApprovalRequiredError.isInstance(error)) {
        return {
          status: 'pending_approval',
          decision: error.decision,
          approval: error.approval,
          message: pendingApprovalMessage(error.approval),
        };
      }
      // The approval could not be settled (a store failure): fail closed.
      options.onError?.(error);
      return { status: 'blocked', decision, message: safeDenialMessage(decision) };
    }
  }
  if (decision.outcome !== 'allow') return { status: 'blocked', decision, message: safeDenialMessage(decision) };

  let output: Output;
  try {
    output = await options.execute();
  } catch (error) {
    await recordQuietly(session, options.onError, {
      toolCallId: call.toolCallId,
      tool: call.tool,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  await recordQuietly(session, options.onError, { toolCallId: call.toolCallId, tool: call.tool, ...options.describeOutput(output) });
  return { status: 'ran', decision, output };
}

/** The sentence a model sees while its call waits for a person's approval. */
export function pendingApprovalMessage(approval: Pick<ApprovalRequest, 'id' | 'tool' | 'reason'>): string {
  return (
    `The action "${approval.tool}" is waiting for a person's approval (request ${approval.id}): ${approval.reason} ` +
    'Tell the user; once they approve it, call the tool again with the same arguments.'
  );
}

async function recordQuietly(
  session: OsoSession,
  onError: ((error: unknown) => void) | undefined,
  response: { toolCallId: string; tool: string; output?: unknown; error?: string },
): Promise<void> {
  try {
    await session.record({ type: 'tool_call_response', ...response });
  } catch (error) {
    // Capture is a side channel: the tool already ran, and a failure here must not change that.
    onError?.(error);
  }
}
