import { ApprovalRequiredError, ToolDeniedError } from '@oso-agents/core';
import { ToolMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { StructuredTool } from '@langchain/core/tools';
import { gateToolCall } from './gate-tool-call.js';
import type { OsoLangChainOptions } from './oso-langchain-options.js';
import { engineToolName } from './register-langchain-tools.js';
import { sessionForRun } from './session-for-run.js';

type ToolCallArgument = { id?: string; name: string; args: unknown; type?: string };

/**
 * A gated copy of a LangChain tool: same name, description, schema, class and methods; only its
 * `call` (which `invoke` and every executor go through) first asks the engine. Allowed calls run the
 * original tool unchanged. A blocked call inside a tool call (ToolNode, createAgent) returns an error
 * ToolMessage with the safe denial, so the run continues and the tool never runs; called directly
 * without a tool call it throws `ToolDeniedError` (or `ApprovalRequiredError`).
 */
export function guardTool<Tool extends StructuredTool>(tool: Tool, options: OsoLangChainOptions): Tool {
  const guarded: Tool = Object.create(tool);
  const engineName = engineToolName(options, tool.name);
  const onError = options.oso.options.onError;

  async function gatedCall(arg: unknown, configArg?: unknown, tags?: string[]): Promise<unknown> {
    const config = (isRunnableConfig(configArg) ? configArg : {}) as RunnableConfig & {
      toolCall?: ToolCallArgument;
      state?: { messages?: { id?: string }[] };
    };
    const toolCall = isToolCall(arg) ? arg : config.toolCall;
    const args = isToolCall(arg) ? arg.args : typeof arg === 'string' ? { input: arg } : arg;
    const session = sessionForRun(options, { config, messages: config.state?.messages });
    const call = { toolCallId: toolCall?.id ?? `langchain_${globalThis.crypto.randomUUID()}`, tool: engineName, args };

    const outcome = await gateToolCall(session, call, {
      execute: () => tool.call(arg as never, configArg as never, tags) as Promise<unknown>,
      describeOutput: describeToolOutput,
      onError,
    });
    if (outcome.status === 'ran') return outcome.output;
    if (toolCall?.id) {
      return new ToolMessage({ content: outcome.message, tool_call_id: toolCall.id, name: tool.name, status: 'error' });
    }
    // No model is waiting for a ToolMessage: tell the caller with a typed error.
    if (outcome.status === 'pending_approval') {
      throw new ApprovalRequiredError({ decision: { ...outcome.decision, approval: outcome.approval } });
    }
    throw new ToolDeniedError({ decision: outcome.decision });
  }

  Object.defineProperty(guarded, 'call', { value: gatedCall, writable: true, configurable: true, enumerable: false });
  return guarded;
}

/** The output of a tool for the timeline: a ToolMessage's content, or the value itself. */
export function describeToolOutput(output: unknown): { output?: unknown; error?: string } {
  if (ToolMessage.isInstance(output)) {
    return output.status === 'error' ? { error: textOf(output.content) } : { output: output.content };
  }
  return { output };
}

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content);
}

function isToolCall(value: unknown): value is ToolCallArgument {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'tool_call' &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

function isRunnableConfig(value: unknown): value is RunnableConfig {
  // `call` also accepts a callbacks array or manager in place of a config (a legacy form).
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('handlers' in value);
}
