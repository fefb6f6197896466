import { randomUUID } from 'node:crypto';
import { ApprovalRequiredError, ToolDeniedError } from '@oso-agents/core';
import type { FunctionTool, RunContext } from '@openai/agents';
import { parseToolCallArguments } from '../tool-call-arguments.js';
import { pendingText } from '../tool-output-text.js';
import { agentToolName, sessionFor, type OsoAgentToolsOptions } from './agent-tool-options.js';

type ToolCallDetails = Parameters<FunctionTool['invoke']>[2];

/**
 * The parts of an Agents SDK function tool (`tool({...})`) the gate uses. Methods, so that a tool
 * of any context and parameters type fits.
 */
export interface GateableAgentTool {
  type: 'function';
  name: string;
  description: string;
  parameters: object;
  invoke(runContext: RunContext<unknown>, input: string, details?: ToolCallDetails): Promise<unknown>;
  needsApproval(runContext: RunContext<unknown>, input: never, callId?: string): Promise<boolean>;
}

/**
 * Gates Agents SDK function tools: each call is decided by the engine before it runs, through the
 * SDK's own hooks.
 *
 * - allow: the tool runs as before (and its own `needsApproval` still applies);
 * - deny: the tool does not run; the model gets the engine's safe message as the tool's output
 *   (a thrown error would reach it only as a generic "error occurred");
 * - require_approval: with `onApproval` configured, the call waits for it inside the tool; without,
 *   `needsApproval` is true, so the run stops with an interruption. Answer it with
 *   {@link resolveOsoInterruption}, which resolves the engine's approval and approves or rejects
 *   on the run state in one step. Approving only on the run state is not enough: the engine
 *   checks its own record (a run state can come from a client), and the tool answers that it is
 *   still waiting.
 *
 * ```ts
 * const agent = new Agent({ name: 'mail', tools: osoAgentTools([readInbox, sendEmail], { oso, sessionId }) });
 * ```
 */
export function osoAgentTools<Tool extends GateableAgentTool, TContext = unknown>(
  tools: readonly Tool[],
  options: OsoAgentToolsOptions<TContext>,
): Tool[] {
  options.oso.registerTools(
    options.integration ?? 'openai',
    tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: tool.parameters as Record<string, unknown>,
      ...(options.capabilities?.[tool.name] ? { capabilities: options.capabilities[tool.name] } : {}),
    })),
  );
  const awaitsCallback = options.oso.options.onApproval !== undefined;
  return tools.map((tool) => gateTool(tool, options, awaitsCallback));
}

function gateTool<Tool extends GateableAgentTool, TContext>(tool: Tool, options: OsoAgentToolsOptions<TContext>, awaitsCallback: boolean): Tool {
  const fullName = agentToolName(options, tool.name);
  const context = (runContext: RunContext<unknown>) => runContext as RunContext<TContext>;
  return {
    ...tool,
    async needsApproval(runContext: RunContext<unknown>, input: never, callId?: string): Promise<boolean> {
      // A call the engine cannot tell apart from others cannot be decided alone: ask a person.
      if (!callId) return true;
      const decision = await sessionFor(options, context(runContext)).authorize({ toolCallId: callId, tool: fullName, args: input });
      if (decision.outcome === 'deny') return false; // final: the tool answers with the safe message
      if (decision.outcome === 'require_approval' && !awaitsCallback) return true;
      return tool.needsApproval(runContext, input, callId);
    },
    async invoke(runContext: RunContext<unknown>, input: string, details?: ToolCallDetails): Promise<unknown> {
      const toolCallId = details?.toolCall?.callId ?? `unidentified_${randomUUID()}`;
      const call = { toolCallId, tool: fullName, args: parseToolCallArguments(input).args };
      try {
        return await sessionFor(options, context(runContext)).run(call, () => tool.invoke(runContext, input, details));
      } catch (error) {
        if (ToolDeniedError.isInstance(error)) return error.message;
        if (ApprovalRequiredError.isInstance(error)) return pendingText(error.approval);
        throw error;
      }
    },
  };
}
