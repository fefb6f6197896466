import type { OsoSession, RecordableEvent } from '@oso-agents/core';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { Serialized } from '@langchain/core/load/serializable';
import type { OsoLangChainOptions } from './oso-langchain-options.js';
import { createToolRegistrar, engineToolName, type DescribedTool } from './register-langchain-tools.js';
import { sessionForRun } from './session-for-run.js';

/** `OsoCallbackHandler` options. */
export interface OsoCallbackHandlerOptions extends OsoLangChainOptions {
  /** The tools the runs use, registered so the engine knows their buckets (unknown tools count as all three). */
  tools?: readonly DescribedTool[];
}

/**
 * Capture only, for any runnable: records the user's messages and the model's replies (chat model
 * start and end) and every tool call and result (tool start, end and error) into the run's session.
 * It decides nothing and blocks nothing — use `withOso` or `osoMiddleware` to gate. The session is
 * the `sessionId` option, else the run's `thread_id` (LangGraph puts it in the run's metadata).
 *
 * ```ts
 * await chain.invoke(input, { callbacks: [new OsoCallbackHandler({ oso, sessionId: 's1' })] });
 * ```
 */
export class OsoCallbackHandler extends BaseCallbackHandler {
  name = 'OsoCallbackHandler';
  /** Events are recorded before the run goes on, so the timeline keeps the run's order. */
  override awaitHandlers = true;
  /** A capture failure never fails the run (it goes to the engine's `onError`). */
  override raiseError = false;

  private readonly options: OsoCallbackHandlerOptions;
  private readonly modelRuns = new Map<string, OsoSession>();
  private readonly toolRuns = new Map<string, { session: OsoSession; toolCallId: string; tool: string }>();
  /** Tool names by tool-call id, as the model announced them (a class-based tool's run has no name). */
  private readonly announcedCalls = new Map<string, string>();
  /** Tool names by class name, from the `tools` option. */
  private readonly namesByClass = new Map<string, string>();

  constructor(options: OsoCallbackHandlerOptions) {
    super();
    this.options = options;
    if (options.tools?.length) createToolRegistrar(options)(options.tools);
    for (const tool of options.tools ?? []) {
      const className = (tool as { constructor?: { name?: string } }).constructor?.name;
      if (className) this.namesByClass.set(className, tool.name);
    }
  }

  override async handleChatModelStart(
    _llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    _extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): Promise<void> {
    const conversation = messages[0] ?? [];
    const session = this.sessionFor(metadata, conversation);
    if (!session) return;
    this.modelRuns.set(runId, session);
    let start = 0;
    for (let index = conversation.length - 1; index >= 0; index--) {
      if (AIMessage.isInstance(conversation[index]) || ToolMessage.isInstance(conversation[index])) {
        start = index + 1;
        break;
      }
    }
    for (const message of conversation.slice(start)) {
      if (!HumanMessage.isInstance(message)) continue;
      await this.record(session, {
        type: 'message_from_user',
        content: message.text || message.content,
        ...(message.id ? { messageId: message.id } : {}),
      });
    }
  }

  override async handleLLMEnd(output: LLMResult, runId: string): Promise<void> {
    const session = this.modelRuns.get(runId);
    this.modelRuns.delete(runId);
    if (!session) return;
    for (const generation of output.generations[0] ?? []) {
      const message = (generation as { message?: unknown }).message;
      if (AIMessage.isInstance(message)) {
        for (const call of message.tool_calls ?? []) if (call.id) this.announcedCalls.set(call.id, call.name);
      }
      const text = AIMessage.isInstance(message) ? message.text : generation.text;
      if (!text) continue;
      await this.record(session, {
        type: 'message_to_user',
        content: text,
        ...(AIMessage.isInstance(message) && message.id ? { messageId: message.id } : {}),
      });
    }
  }

  override handleLLMError(_error: unknown, runId: string): void {
    this.modelRuns.delete(runId);
  }

  override async handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
    toolCallId?: string,
  ): Promise<void> {
    const session = this.sessionFor(metadata, undefined);
    if (!session) return;
    const toolName = this.toolName(tool, runName, toolCallId);
    const run = { session, toolCallId: toolCallId ?? runId, tool: engineToolName(this.options, toolName) };
    this.toolRuns.set(runId, run);
    await this.record(session, { type: 'tool_call_request', toolCallId: run.toolCallId, tool: run.tool, args: parseInput(input) });
  }

  override async handleToolEnd(output: unknown, runId: string): Promise<void> {
    const run = this.toolRuns.get(runId);
    this.toolRuns.delete(runId);
    if (!run) return;
    const response = ToolMessage.isInstance(output)
      ? output.status === 'error'
        ? { error: typeof output.content === 'string' ? output.content : JSON.stringify(output.content) }
        : { output: output.content }
      : { output };
    await this.record(run.session, { type: 'tool_call_response', toolCallId: run.toolCallId, tool: run.tool, ...response });
  }

  override async handleToolError(error: unknown, runId: string): Promise<void> {
    const run = this.toolRuns.get(runId);
    this.toolRuns.delete(runId);
    if (!run) return;
    const message = error instanceof Error ? error.message : String(error);
    await this.record(run.session, { type: 'tool_call_response', toolCallId: run.toolCallId, tool: run.tool, error: message });
  }

  private toolName(tool: Serialized, runName: string | undefined, toolCallId: string | undefined): string {
    const announced = toolCallId ? this.announcedCalls.get(toolCallId) : undefined;
    if (toolCallId) this.announcedCalls.delete(toolCallId);
    if (announced) return announced;
    if (runName) return runName;
    const serializedName = (tool as { kwargs?: { name?: unknown } }).kwargs?.name;
    if (typeof serializedName === 'string') return serializedName;
    const className = tool.id.at(-1) ?? 'unknown';
    return this.namesByClass.get(className) ?? className;
  }

  private sessionFor(metadata: Record<string, unknown> | undefined, messages: readonly BaseMessage[] | undefined): OsoSession | undefined {
    const threadId = metadata?.['thread_id'];
    try {
      return sessionForRun(this.options, {
        config: { metadata: metadata ?? {}, configurable: threadId === undefined ? {} : { thread_id: threadId } },
        messages,
      });
    } catch (error) {
      this.options.oso.options.onError?.(error);
      return undefined;
    }
  }

  private async record(session: OsoSession, event: RecordableEvent): Promise<void> {
    try {
      await session.record(event);
    } catch (error) {
      // Capture is a side channel: it never fails the run.
      this.options.oso.options.onError?.(error);
    }
  }
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return { input };
  }
}
