import {
  ApprovalRequiredError,
  type ApprovalRequest,
  type Decision,
  type OsoSession,
} from '@oso-agents/core';
import { parseToolCallArguments } from './tool-call-arguments.js';
import { deniedText, pendingText, toolOutputText } from './tool-output-text.js';
import type { ResolvedParameters } from './tool-parameters.js';

/** One function call the model asked for, whatever the API. */
export interface ModelToolCall {
  toolCallId: string;
  /** The tool's name as the model knows it (without the integration). */
  name: string;
  /** The model's arguments, as the JSON text it sent. */
  argumentsText: string | undefined;
}

/** How a call was answered. */
export type ToolCallStatus = 'executed' | 'failed' | 'denied' | 'pending';

/** The answer to one call: the text the model reads, and why. */
export interface GatedToolCall {
  toolCallId: string;
  name: string;
  status: ToolCallStatus;
  /** The text for the tool message or output item. */
  text: string;
  /** The engine's decision for the call. */
  decision: Decision;
  /** The approval request when `status` is `pending`. */
  approval?: ApprovalRequest;
}

/** A tool the gate can run. */
export interface GateTool {
  parameters: ResolvedParameters;
  execute(args: unknown, context: { toolCallId: string; tool: string; decision: Decision }): unknown;
}

/** What the gate needs from its `osoTools`. */
export interface GateContext {
  session: OsoSession;
  integration: string;
  tools: ReadonlyMap<string, GateTool>;
  /** Settled or running executions per call id: a call handled again is never run twice. */
  executions: Map<string, Promise<GatedToolCall>>;
  /** The text the model reads when a tool throws. */
  formatError(error: unknown, call: ModelToolCall): string;
  /** Where a failure of a side channel (recording a response) goes. */
  reportError(error: unknown): void;
}

const MAX_REMEMBERED_EXECUTIONS = 1_000;

/**
 * Runs the model's calls through the engine in the order it emitted them and answers each one.
 * Decisions are taken one after the other (an allowed call's buckets count for the next call);
 * the allowed calls then run side by side, as the model asked for them together.
 */
export async function gateToolCalls(context: GateContext, calls: readonly ModelToolCall[]): Promise<GatedToolCall[]> {
  const answers: Promise<GatedToolCall>[] = [];
  for (const call of calls) {
    const running = context.executions.get(call.toolCallId);
    if (running) {
      answers.push(running);
      continue;
    }
    const fullName = `${context.integration}.${call.name}`;
    const { args, valid } = parseToolCallArguments(call.argumentsText);
    const toolCall = { toolCallId: call.toolCallId, tool: fullName, args };
    let decision: Decision;
    try {
      decision = await context.session.authorize(toolCall);
    } catch (error) {
      // Only a call without an id or a name is refused outright; it still gets an answer.
      context.reportError(error);
      answers.push(Promise.resolve(refused(call, fullName, 'The call could not be checked (it has no id or no tool name), so it was not run.')));
      continue;
    }
    if (decision.outcome === 'require_approval') {
      try {
        decision = await context.session.awaitApproval(decision, toolCall);
      } catch (error) {
        if (ApprovalRequiredError.isInstance(error)) {
          answers.push(Promise.resolve(pending(call, error.decision, error.approval)));
        } else {
          // The approval could not be settled (a failing store): fail closed.
          context.reportError(error);
          answers.push(Promise.resolve(refused(call, fullName, 'Its approval could not be settled, so the action was not run.')));
        }
        continue;
      }
    }
    if (decision.outcome === 'require_approval' && decision.approval) {
      answers.push(Promise.resolve(pending(call, decision, decision.approval)));
      continue;
    }
    const startedMeanwhile = context.executions.get(call.toolCallId);
    if (startedMeanwhile) {
      // The same call handled twice at once: the other handling runs it.
      answers.push(startedMeanwhile);
      continue;
    }
    if (decision.outcome !== 'allow') {
      answers.push(Promise.resolve({ toolCallId: call.toolCallId, name: call.name, status: 'denied', text: deniedText(decision), decision }));
      continue;
    }
    const execution = execute(context, call, fullName, args, valid, decision);
    remember(context.executions, call.toolCallId, execution);
    answers.push(execution);
  }
  return Promise.all(answers);
}

function refused(call: ModelToolCall, fullName: string, reason: string): GatedToolCall {
  const decision: Decision = {
    outcome: 'deny',
    toolCallId: call.toolCallId,
    tool: fullName,
    rule: 'engine_error',
    enforcement: 'deny',
    reason,
    capabilities: [],
    exposures: {},
    violations: [],
    repeated: false,
    decidedAt: Date.now(),
  };
  return { toolCallId: call.toolCallId, name: call.name, status: 'denied', text: deniedText(decision), decision };
}

function pending(call: ModelToolCall, decision: Decision, approval: ApprovalRequest): GatedToolCall {
  return { toolCallId: call.toolCallId, name: call.name, status: 'pending', text: pendingText(approval), decision, approval };
}

async function execute(
  context: GateContext,
  call: ModelToolCall,
  fullName: string,
  args: unknown,
  valid: boolean,
  decision: Decision,
): Promise<GatedToolCall> {
  const answer = (status: ToolCallStatus, text: string): GatedToolCall => ({ toolCallId: call.toolCallId, name: call.name, status, text, decision });
  const { session } = context;
  if (decision.repeated) {
    // Allowed before, by another `osoTools` (another request or process): answer with what that
    // run recorded rather than run the tool a second time.
    const earlier = await recordedResponse(session, call.toolCallId);
    if (earlier) return answer(earlier.error === undefined ? 'executed' : 'failed', earlier.error ?? toolOutputText(earlier.output));
  }
  const fail = async (message: string, text: string) => {
    await recordQuietly(context, { type: 'tool_call_response', toolCallId: call.toolCallId, tool: fullName, error: message });
    return answer('failed', text);
  };
  const tool = context.tools.get(call.name);
  if (!tool) return fail('no such tool', `No tool named "${call.name}" is available.`);
  if (!valid) return fail('invalid JSON arguments', `The arguments for "${call.name}" were not valid JSON; the tool did not run.`);
  const checked = await tool.parameters.validate(args);
  if (!checked.ok) return fail(`invalid arguments: ${checked.message}`, `Invalid arguments for "${call.name}": ${checked.message}`);
  let output: unknown;
  try {
    output = await tool.execute(checked.value, { toolCallId: call.toolCallId, tool: fullName, decision });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), context.formatError(error, call));
  }
  await recordQuietly(context, { type: 'tool_call_response', toolCallId: call.toolCallId, tool: fullName, output });
  return answer('executed', toolOutputText(output));
}

async function recordedResponse(session: OsoSession, toolCallId: string): Promise<{ output?: unknown; error?: string } | undefined> {
  const events = await session.timeline();
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event?.type === 'tool_call_response' && event.toolCallId === toolCallId) return event;
  }
  return undefined;
}

async function recordQuietly(context: GateContext, event: Parameters<OsoSession['record']>[0]): Promise<void> {
  try {
    await context.session.record(event);
  } catch (error) {
    // Capture is a side channel: the tool already ran (or failed), and recording must not change that.
    context.reportError(error);
  }
}

function remember(executions: Map<string, Promise<GatedToolCall>>, toolCallId: string, execution: Promise<GatedToolCall>): void {
  executions.set(toolCallId, execution);
  if (executions.size > MAX_REMEMBERED_EXECUTIONS) {
    const oldest = executions.keys().next().value;
    if (oldest !== undefined) executions.delete(oldest);
  }
}
