import type { Oso, ToolDefinition } from '@oso-agents/core';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { DEFAULT_INTEGRATION, type OsoLangChainOptions } from './oso-langchain-options.js';

/** The parts of a LangChain tool the engine classifies. */
export interface DescribedTool {
  name: string;
  description?: string | undefined;
  schema?: unknown;
}

/** The engine's name of a LangChain tool: `${integration}.${name}`. */
export function engineToolName(options: Pick<OsoLangChainOptions, 'integration'>, toolName: string): string {
  return `${options.integration ?? DEFAULT_INTEGRATION}.${toolName}`;
}

/**
 * Registers LangChain tools with the engine (name, description, JSON Schema of the arguments and
 * the `capabilities` override) once per registrar; tools seen again are skipped, so calling it on
 * every model call costs a set lookup.
 */
export function createToolRegistrar(options: OsoLangChainOptions): (tools: readonly DescribedTool[]) => void {
  const registered = new Set<string>();
  const oso: Oso = options.oso;
  return (tools) => {
    const fresh = tools.filter((tool) => typeof tool.name === 'string' && !registered.has(tool.name));
    if (fresh.length === 0) return;
    oso.registerTools(
      options.integration ?? DEFAULT_INTEGRATION,
      fresh.map((tool) => toolDefinition(tool, options)),
    );
    for (const tool of fresh) registered.add(tool.name);
  };
}

function toolDefinition(tool: DescribedTool, options: OsoLangChainOptions): ToolDefinition {
  const override = options.capabilities?.[tool.name];
  const inputSchema = jsonSchemaOf(tool.schema);
  return {
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    ...(inputSchema ? { inputSchema } : {}),
    ...(override ? { capabilities: [...override] } : {}),
  };
}

function jsonSchemaOf(schema: unknown): Record<string, unknown> | undefined {
  if (schema === undefined || schema === null || typeof schema !== 'object') return undefined;
  try {
    const converted: unknown = toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
    return typeof converted === 'object' && converted !== null ? (converted as Record<string, unknown>) : undefined;
  } catch {
    // A schema the converter does not understand: classify by name and description alone.
    return undefined;
  }
}
