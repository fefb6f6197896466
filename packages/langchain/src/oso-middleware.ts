import { ApprovalError, type ApprovalRequest, type OsoSession } from '@oso-agents/core';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { createMiddleware } from 'langchain';
import { answersFromResume, approvalInterrupt } from './approval-interrupt.js';
import { gateToolCall, type GateOutcome } from './gate-tool-call.js';
import { describeToolOutput } from './guard-tool.js';
import type { OsoLangChainOptions } from './oso-langchain-options.js';
import { createToolRegistrar, engineToolName, type DescribedTool } from './register-langchain-tools.js';
import { holdsUntrustedAndPrivate, screenReply, stripsOutput, withoutTokenStream } from './screen-reply.js';
import { sessionForRun } from './session-for-run.js';

/** `osoMiddleware` options. */
export interface OsoMiddlewareOptions extends OsoLangChainOptions {
  /**
   * How a call that needs a person's approval waits. `auto` (default): the run is interrupted
   * (LangGraph `interrupt`) when it has a checkpointer, otherwise the engine's `onApproval` is
   * awaited. `callback`: always await `onApproval`. With neither, the model is told the call waits
   * for approval and the request stays in the store for `oso.resolveApproval`.
   */
  approvals?: 'auto' | 'callback';
  /**
   * The agent's tools, registered with the engine up front. Without it the middleware registers
   * each tool when the model is first called with it; pass it when a run may be resumed in another
   * process (a fresh engine must know the tools before the resumed turn is decided).
   * `withOso(agent)` passes the agent's tools itself.
   */
  tools?: readonly DescribedTool[];
  /**
   * What a tool that throws becomes. LangChain turns a tool's error into an error ToolMessage for
   * the model only while no middleware wraps tool calls; once one does, the error propagates to the
   * middleware (`toolErrorMiddleware`, `toolRetryMiddleware`) and, unhandled, fails the run.
   * `throw` (default here): rethrown unchanged, for your own tool-call middleware. `message`: the
   * error ToolMessage LangChain gives without middleware (`Error: …\n Please fix your mistakes.`).
   * `withOso(agent)` chooses `message` when the agent has no tool-call middleware of its own, so a
   * failing tool behaves as it did before the agent was protected.
   */
  toolErrors?: 'throw' | 'message';
}

/** The name the middleware carries in the agent's graph (`OsoMiddleware.after_model`). */
export const OSO_MIDDLEWARE_NAME = 'OsoMiddleware';

/**
 * The `createAgent` middleware: gates every tool call before it runs and captures the session
 * (the user's messages and the model's replies from `wrapModelCall`, tool calls and results from
 * `wrapToolCall`). After each model turn it decides the turn's tool calls in order; calls that need
 * approval pause the run with one interrupt (an {@link OsoApprovalInterrupt}) when the agent has a
 * checkpointer. A denied call becomes an error ToolMessage with the safe reason; the run continues.
 *
 * With the engine's `detection.outputExfiltration: 'strip'` (the default), the model's reply is
 * screened (`session.screenMessage`) before it enters the agent's state: while the session holds
 * untrusted content and private data, links and images that could carry data to a host outside
 * `outputAllowlist` are removed. In such a session the model's tokens are kept out of LangGraph's
 * `messages` stream (tagged `nostream`); the screened reply appears there as the node's output.
 *
 * ```ts
 * const agent = createAgent({ model, tools, checkpointer, middleware: [osoMiddleware({ oso })] });
 * ```
 */
export function osoMiddleware(options: OsoMiddlewareOptions) {
  const register = createToolRegistrar(options);
  const onError = options.oso.options.onError;
  const stripping = stripsOutput(options.oso);
  // Under `alert` the reply is shown as written but screened all the same, so that core records
  // the finding (`output_screened`) in the timeline.
  const screening = stripping || options.oso.options.detection?.outputExfiltration === 'alert';
  if (options.tools) register(options.tools);

  return createMiddleware({
    name: OSO_MIDDLEWARE_NAME,

    wrapModelCall: async (request, handler) => {
      register(clientTools(request.tools));
      const session = sessionOrUndefined(options, request.state.messages, request.runtime.configurable, onError);
      if (session) await recordUserMessages(session, request.messages, onError);
      // A session that could leak through the reply: its tokens stay out of the `messages` stream,
      // which shows the screened reply once the model node returns it.
      const holding = stripping && session !== undefined && (await holdsUntrustedAndPrivate(session));
      const response = await handler(holding ? { ...request, model: withoutTokenStream(request.model) } : request);
      const shown = screening && session && AIMessage.isInstance(response) ? await screenReply(session, response) : response;
      if (session) await recordModelReply(session, shown, onError);
      return shown;
    },

    afterModel: async (state, runtime) => {
      if (options.approvals === 'callback') return;
      const last = state.messages.at(-1);
      if (!AIMessage.isInstance(last) || !last.tool_calls?.length) return;
      const session = sessionOrUndefined(options, state.messages, runtime.configurable, onError);
      if (!session) return;

      // Decide the turn's calls in the model's order, before any runs: the same decisions the tool
      // node gets again (idempotent per call id). Tools the engine does not know yet are left to
      // the tool node, which registers them first.
      const pending: { approval: ApprovalRequest; toolName: string }[] = [];
      for (const toolCall of last.tool_calls) {
        const tool = engineToolName(options, toolCall.name);
        if (!toolCall.id || !options.oso.getTool(tool)) continue;
        const decision = await session.authorize({ toolCallId: toolCall.id, tool, args: toolCall.args });
        if (decision.outcome === 'require_approval' && decision.approval?.status === 'pending') {
          pending.push({ approval: decision.approval, toolName: toolCall.name });
        }
      }
      if (pending.length === 0) return;

      const interrupt = typeof runtime.interrupt === 'function' ? runtime.interrupt : await loadInterrupt();
      let resume: unknown;
      try {
        resume = interrupt(approvalInterrupt(pending.map((entry) => entry.approval), pending.map((entry) => entry.toolName)));
      } catch (error) {
        // No checkpointer: the run cannot pause, so the tool node awaits `onApproval` instead.
        if (isMissingCheckpointer(error)) return;
        throw error;
      }
      const answers = answersFromResume(resume, pending.length);
      for (const [index, entry] of pending.entries()) {
        try {
          await options.oso.resolveApproval(entry.approval.id, answers[index] ?? { approved: false });
        } catch (error) {
          // Answered already (out of band, or a replay) or expired: the engine's record stands.
          if (!ApprovalError.isInstance(error)) throw error;
        }
      }
      return;
    },

    wrapToolCall: async (request, handler) => {
      const { toolCall } = request;
      if (request.tool && isClientTool(request.tool)) register([request.tool]);
      let session: OsoSession;
      try {
        session = sessionForRun(options, { config: currentConfig(request.runtime.configurable), messages: request.state.messages });
      } catch (error) {
        onError?.(error);
        return errorToolMessage(error instanceof Error ? error.message : String(error), toolCall);
      }
      const call = {
        toolCallId: toolCall.id ?? `langchain_${globalThis.crypto.randomUUID()}`,
        tool: engineToolName(options, toolCall.name),
        args: toolCall.args,
      };
      let outcome: GateOutcome<Awaited<ReturnType<typeof handler>>>;
      try {
        outcome = await gateToolCall(session, call, {
          execute: async () => handler(request),
          describeOutput: (result) => (ToolMessage.isInstance(result) ? describeToolOutput(result) : { output: '[Command]' }),
          onError,
        });
      } catch (error) {
        // The tool failed (its error is recorded). LangGraph's control flow (interrupts) always
        // propagates; an ordinary error too unless asked for the message LangChain gives without
        // tool-call middleware.
        // A ToolInvocationError (arguments the tool's schema refused) is handled by the tool node itself.
        if (options.toolErrors !== 'message' || isGraphBubbleUp(error) || isToolInvocationError(error)) throw error;
        return errorToolMessage(`${String(error)}\n Please fix your mistakes.`, toolCall);
      }
      if (outcome.status === 'ran') return outcome.output;
      return errorToolMessage(outcome.message, toolCall);
    },
  });
}

/** LangGraph's control-flow signals (interrupts, parent commands), as its own `isGraphBubbleUp` reads them. */
function isGraphBubbleUp(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { is_bubble_up?: unknown }).is_bubble_up === true;
}

/** LangChain's `ToolInvocationError`, by its brand (as its own `isInstance` reads it). */
function isToolInvocationError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { '~brand'?: unknown })['~brand'] === 'ToolInvocationError';
}

function errorToolMessage(content: string, toolCall: { id?: string | undefined; name: string }): ToolMessage {
  return new ToolMessage({ content, tool_call_id: toolCall.id ?? '', name: toolCall.name, status: 'error' });
}

function currentConfig(configurable: Record<string, unknown> | undefined): RunnableConfig {
  const config: unknown = AsyncLocalStorageProviderSingleton.getRunnableConfig();
  if (typeof config === 'object' && config !== null) return config as RunnableConfig;
  return configurable ? { configurable } : {};
}

function sessionOrUndefined(
  options: OsoLangChainOptions,
  messages: readonly BaseMessage[],
  configurable: Record<string, unknown> | undefined,
  onError: ((error: unknown) => void) | undefined,
): OsoSession | undefined {
  try {
    return sessionForRun(options, { config: currentConfig(configurable), messages });
  } catch (error) {
    // Capture and early decisions are best effort here; the tool node still gates (fails closed).
    onError?.(error);
    return undefined;
  }
}

/** Records the user's messages of this turn: those after the model's last reply. */
async function recordUserMessages(
  session: OsoSession,
  messages: readonly BaseMessage[],
  onError: ((error: unknown) => void) | undefined,
): Promise<void> {
  let start = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    if (AIMessage.isInstance(messages[index])) {
      start = index + 1;
      break;
    }
  }
  for (const message of messages.slice(start)) {
    if (!HumanMessage.isInstance(message)) continue;
    await recordQuietly(session, onError, {
      type: 'message_from_user',
      content: message.text || message.content,
      ...(message.id ? { messageId: message.id } : {}),
    });
  }
}

/** Records what the model said to the user (its text, when it has any). */
async function recordModelReply(
  session: OsoSession,
  response: unknown,
  onError: ((error: unknown) => void) | undefined,
): Promise<void> {
  if (!AIMessage.isInstance(response)) return;
  const text = response.text;
  if (!text) return;
  await recordQuietly(session, onError, {
    type: 'message_to_user',
    content: text,
    ...(response.id ? { messageId: response.id } : {}),
  });
}

async function recordQuietly(
  session: OsoSession,
  onError: ((error: unknown) => void) | undefined,
  event: Parameters<OsoSession['record']>[0],
): Promise<void> {
  try {
    await session.record(event);
  } catch (error) {
    // Capture is a side channel: it never blocks the run.
    onError?.(error);
  }
}

function clientTools(tools: readonly unknown[]): DescribedTool[] {
  return tools.filter(isClientTool);
}

function isClientTool(tool: unknown): tool is DescribedTool {
  return typeof tool === 'object' && tool !== null && typeof (tool as { name?: unknown }).name === 'string' && 'invoke' in tool;
}

function isMissingCheckpointer(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { lc_error_code?: unknown }).lc_error_code === 'MISSING_CHECKPOINTER';
}

async function loadInterrupt(): Promise<(value: unknown) => unknown> {
  const langgraph = await import('@langchain/langgraph');
  return langgraph.interrupt;
}
