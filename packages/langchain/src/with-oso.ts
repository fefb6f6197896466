import type { StructuredTool } from '@langchain/core/tools';
import { OsoValidationError } from '@oso-agents/core';
import { guardTool } from './guard-tool.js';
import { osoMiddleware, OSO_MIDDLEWARE_NAME, type OsoMiddlewareOptions } from './oso-middleware.js';
import type { OsoLangChainOptions } from './oso-langchain-options.js';
import { createToolRegistrar, type DescribedTool } from './register-langchain-tools.js';

/**
 * What `withOso` needs of an agent: the shape of every `ReactAgent` that `createAgent` returns,
 * whatever its state, context, middleware and tool types (which the returned agent keeps).
 */
export interface ProtectableAgent {
  options: { middleware?: readonly { name: string }[] | undefined; tools?: readonly unknown[] | undefined };
  withConfig(config: Record<string, never>): unknown;
  readonly graph: unknown;
}

/** The mutable view `protectAgent` uses for its one swap of the agent's options. */
type AgentWithOptions = { options: Record<string, unknown> & ProtectableAgent['options']; withConfig(config: Record<string, never>): unknown };

/**
 * Protects a LangChain agent or tools. Gates every tool call before it runs and captures the
 * session; the session id is the run's `thread_id` unless `sessionId` says otherwise.
 *
 * - An agent from `createAgent`: returns the same kind of agent (every method and type kept) with
 *   {@link osoMiddleware} added as its innermost middleware.
 * - Tools (one, or an array): returns gated copies with the same name, description, schema and
 *   class. A blocked call returns an error ToolMessage with the safe reason; the tool never runs.
 *
 * ```ts
 * const agent = withOso(createAgent({ model, tools, checkpointer }), { oso });
 * const safeTools = withOso([searchWeb, readDrive, postToSlack], { oso, sessionId });
 * ```
 */
export function withOso<Agent extends ProtectableAgent>(agent: Agent, options: OsoMiddlewareOptions): Agent;
export function withOso<const Tools extends readonly StructuredTool[]>(tools: Tools, options: OsoLangChainOptions): Tools;
export function withOso<Tool extends StructuredTool>(tool: Tool, options: OsoLangChainOptions): Tool;
export function withOso(
  target: ProtectableAgent | readonly StructuredTool[] | StructuredTool,
  options: OsoMiddlewareOptions,
): ProtectableAgent | readonly StructuredTool[] | StructuredTool {
  if (Array.isArray(target)) {
    const tools = target as readonly StructuredTool[];
    createToolRegistrar(options)(tools);
    return tools.map((tool) => guardTool(tool, options));
  }
  if (isReactAgent(target)) return protectAgent(target, options);
  const tool = target as StructuredTool;
  createToolRegistrar(options)([tool]);
  return guardTool(tool, options);
}

function protectAgent<Agent extends ProtectableAgent>(protectable: Agent, options: OsoMiddlewareOptions): Agent {
  const agent = protectable as unknown as AgentWithOptions;
  const original = agent.options;
  const middleware = original.middleware ?? [];
  if (middleware.some((entry) => entry.name === OSO_MIDDLEWARE_NAME)) {
    throw new OsoValidationError({
      what: 'withOso agent',
      issues: [{ path: 'middleware', message: 'the agent is already protected by osoMiddleware' }],
    });
  }
  // Register the agent's tools now, so the first decision already knows every tool's buckets.
  const tools: readonly unknown[] = original.tools ?? [];
  // Without tool-call middleware of its own the agent turned a tool's error into a message for the
  // model; adding the gate (a tool-call middleware) must not make that error fail the run.
  const wrapsToolCalls = middleware.some((entry) => typeof (entry as { wrapToolCall?: unknown }).wrapToolCall === 'function');
  const gate = osoMiddleware({
    toolErrors: wrapsToolCalls ? 'throw' : 'message',
    ...options,
    tools: [...(options.tools ?? []), ...tools.filter(isDescribedTool)],
  });
  // `withConfig` builds a new agent from `agent.options` and keeps the agent's default config; swap
  // the options in for that one synchronous call so nothing else can observe them.
  agent.options = { ...original, middleware: [...middleware, gate] };
  try {
    return agent.withConfig({}) as Agent;
  } finally {
    agent.options = original;
  }
}

function isReactAgent(value: unknown): value is ProtectableAgent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { withConfig?: unknown }).withConfig === 'function' &&
    typeof (value as { options?: unknown }).options === 'object' &&
    'graph' in value
  );
}

function isDescribedTool(tool: unknown): tool is DescribedTool {
  return typeof tool === 'object' && tool !== null && typeof (tool as { name?: unknown }).name === 'string' && 'invoke' in tool;
}
