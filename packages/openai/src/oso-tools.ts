import type {
  ApprovalRequest,
  Capability,
  Decision,
  Oso,
  SessionMetadata,
  ToolAnnotations,
  ToolDefinition,
} from '@oso-agents/core';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageToolCall,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import type { FunctionTool, ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import { gateToolCalls, type GateContext, type GatedToolCall, type GateTool, type ModelToolCall } from './gate-tool-calls.js';
import { resolveParameters, type ArgumentsOf, type ToolParameters } from './tool-parameters.js';

/** What a tool's `execute` receives besides its arguments. */
export interface OsoToolContext {
  /** The model's id of the call. */
  toolCallId: string;
  /** The tool's full name in the engine, `integration.name`. */
  tool: string;
  /** The engine's decision that let the call run. */
  decision: Decision;
}

/** One tool: what the model sees, what runs, and optionally what the engine should know about it. */
export interface OsoFunctionTool<Parameters extends ToolParameters = ToolParameters, Output = unknown> {
  /** What the tool does; the model and the engine's classifier read it. */
  description?: string;
  /** The arguments: a zod (or other Standard Schema) object, or a JSON Schema object. */
  parameters?: Parameters;
  /** Runs the tool; only ever called for an allowed call, with validated arguments. */
  execute(args: ArgumentsOf<Parameters>, context: OsoToolContext): Output | Promise<Output>;
  /** Manual override of the tool's buckets; wins over the classifier. */
  capabilities?: Capability[];
  /** MCP-style hints for the classifier. */
  annotations?: ToolAnnotations;
  /** Scopes the session's user must hold to call the tool. */
  requiredScopes?: string[];
  /** Argument names that carry a destination (recipient, URL, channel…). */
  destinations?: string[];
  /** OpenAI structured outputs for the arguments (`strict`); off unless set. */
  strict?: boolean;
}

/** Options of {@link osoTools}. */
export interface OsoToolsOptions<Tools> {
  /** The engine. */
  oso: Oso;
  /** The conversation the calls belong to. */
  sessionId: string;
  /** Session metadata (the user, their scopes…), carried on every event. */
  metadata?: SessionMetadata;
  /** The integration the tools are registered under, `openai` unless set: `openai.search_web`. */
  integration?: string;
  /** The tools, by the name the model calls them. */
  tools: Tools;
  /**
   * The text the model reads when a tool throws. Default: `The tool "<name>" failed: <message>`.
   * Return something safe to show a model.
   */
  formatError?: (error: unknown, call: { toolCallId: string; name: string }) => string;
}

/** Answers to a turn's calls, plus the approval requests still waiting for a person. */
export interface HandledToolCalls {
  /** Requests waiting for `oso.resolveApproval`; empty when every call was answered for good. */
  pending: ApprovalRequest[];
  /** How each call was answered, in the model's order. */
  calls: GatedToolCall[];
}

/** Tool messages answering every call of a Chat Completions turn, in order; push them onto `messages`. */
export type ChatToolMessages = ChatCompletionToolMessageParam[] & HandledToolCalls;

/** `function_call_output` items answering every function call of a Responses turn, in order. */
export type ResponseToolOutputs = ResponseInputItem.FunctionCallOutput[] & HandledToolCalls;

/** Gated tools for the OpenAI SDK's own tool loop. */
export interface OsoTools {
  /** Tool definitions for `chat.completions.create({ tools })`. */
  readonly chatCompletions: ChatCompletionFunctionTool[];
  /** Tool definitions for `responses.create({ tools })`. */
  readonly responses: FunctionTool[];
  /**
   * Runs a Chat Completions message's `tool_calls` through the engine and answers each one: the
   * tool's output, the safe error of a denied call, or a "waiting for approval" text (see
   * `pending`). `handle(undefined)` is `[]`. A call handled again is never run twice; once
   * `oso.resolveApproval` approved a pending call, handling it again runs it, once.
   */
  handle(toolCalls: readonly ChatCompletionMessageToolCall[] | null | undefined): Promise<ChatToolMessages>;
  /** The same for a Responses API `response.output`: answers every `function_call` item. */
  handleResponse(output: readonly ResponseOutputItem[] | null | undefined): Promise<ResponseToolOutputs>;
}

/**
 * Gates a set of tools for the OpenAI SDK's function calling. Registers them with the engine (so
 * it knows their buckets), gives their definitions for both APIs, and answers the model's calls.
 *
 * ```ts
 * const tools = osoTools({ oso, sessionId, tools: { search_web: { description, parameters, execute } } });
 * const res = await client.chat.completions.create({ model, messages, tools: tools.chatCompletions });
 * messages.push(res.choices[0].message, ...(await tools.handle(res.choices[0].message.tool_calls)));
 * ```
 */
export function osoTools<Parameters extends Record<string, ToolParameters>>(
  options: OsoToolsOptions<{ [Name in keyof Parameters]: OsoFunctionTool<Parameters[Name]> }>,
): OsoTools {
  const integration = options.integration ?? 'openai';
  const entries = Object.entries(options.tools as Record<string, OsoFunctionTool>);
  const definitions: ToolDefinition[] = [];
  const gateTools = new Map<string, GateTool>();
  const chatCompletions: ChatCompletionFunctionTool[] = [];
  const responses: FunctionTool[] = [];

  for (const [name, tool] of entries) {
    const parameters = resolveParameters(tool.parameters, name);
    definitions.push({
      name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      inputSchema: parameters.jsonSchema,
      ...(tool.capabilities ? { capabilities: tool.capabilities } : {}),
      ...(tool.annotations ? { annotations: tool.annotations } : {}),
      ...(tool.requiredScopes ? { requiredScopes: tool.requiredScopes } : {}),
      ...(tool.destinations ? { destinations: tool.destinations } : {}),
    });
    gateTools.set(name, { parameters, execute: (args, context) => tool.execute(args as never, context) });
    chatCompletions.push({
      type: 'function',
      function: {
        name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        parameters: parameters.jsonSchema,
        ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    });
    responses.push({
      type: 'function',
      name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: parameters.jsonSchema,
      strict: tool.strict ?? false,
    });
  }
  options.oso.registerTools(integration, definitions);

  const context: GateContext = {
    session: options.oso.session(options.sessionId, options.metadata),
    integration,
    tools: gateTools,
    executions: new Map(),
    formatError:
      options.formatError ??
      ((error, call) => `The tool "${call.name}" failed: ${error instanceof Error ? error.message : String(error)}`),
    reportError: (error) => options.oso.options.onError?.(error),
  };

  return {
    chatCompletions,
    responses,
    async handle(toolCalls) {
      const calls: ModelToolCall[] = (toolCalls ?? []).map((call) =>
        call.type === 'custom'
          ? { toolCallId: call.id, name: call.custom.name, argumentsText: JSON.stringify({ input: call.custom.input }) }
          : { toolCallId: call.id, name: call.function.name, argumentsText: call.function.arguments },
      );
      const gated = await gateToolCalls(context, calls);
      const messages: ChatCompletionToolMessageParam[] = gated.map((answer) => ({
        role: 'tool',
        tool_call_id: answer.toolCallId,
        content: answer.text,
      }));
      return withHandled(messages, gated);
    },
    async handleResponse(output) {
      const calls: ModelToolCall[] = [];
      for (const item of output ?? []) {
        if (item.type === 'function_call') calls.push({ toolCallId: item.call_id, name: item.name, argumentsText: item.arguments });
      }
      const gated = await gateToolCalls(context, calls);
      const items: ResponseInputItem.FunctionCallOutput[] = gated.map((answer) => ({
        type: 'function_call_output',
        call_id: answer.toolCallId,
        output: answer.text,
      }));
      return withHandled(items, gated);
    },
  };
}

/**
 * Adds `pending` and `calls` to the answers, not enumerable: the array stays a plain list of
 * messages to push, serialise or compare.
 */
function withHandled<Item>(items: Item[], gated: GatedToolCall[]): Item[] & HandledToolCalls {
  const pending = gated.flatMap((answer) => (answer.approval && answer.status === 'pending' ? [answer.approval] : []));
  return Object.defineProperties(items, {
    pending: { value: pending, enumerable: false },
    calls: { value: gated, enumerable: false },
  }) as Item[] & HandledToolCalls;
}
