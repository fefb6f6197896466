import { z } from 'zod';
import type { ClassifyToolInput } from '../classify-tool.js';
import { toolDefinitionSchema } from '../tool.js';
import { parseWith } from '../validate.js';

/** One tool as an MCP server lists it (`tools/list`). Unknown fields are kept out. */
export const mcpToolSchema = toolDefinitionSchema.pick({
  name: true,
  title: true,
  description: true,
  inputSchema: true,
  outputSchema: true,
  annotations: true,
});

export type McpTool = z.infer<typeof mcpToolSchema>;

/**
 * An MCP `tools/list` result in any of its usual wrappings: the result (`{ tools: [...] }`), the
 * whole JSON-RPC response (`{ jsonrpc, id, result: { tools } }`), or a bare list of tools.
 */
export const mcpToolsListSchema = z.union([
  z.object({ tools: z.array(mcpToolSchema) }),
  z.object({ result: z.object({ tools: z.array(mcpToolSchema) }) }),
  z.array(mcpToolSchema),
]);

/** True when a parsed document looks like an MCP tools list. */
export function isMcpToolsList(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((entry) => typeof entry === 'object' && entry !== null && 'inputSchema' in entry);
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const result = record.result as Record<string, unknown> | undefined;
  return Array.isArray(record.tools) || (typeof result === 'object' && result !== null && Array.isArray(result.tools));
}

/**
 * Turns an MCP `tools/list` result into classifier inputs. The tool's `title` falls back to
 * `annotations.title`; annotations (`readOnlyHint`, `destructiveHint`, `idempotentHint`,
 * `openWorldHint`) are kept for the classifier.
 */
export function fromMcpToolsList(value: unknown, integration?: string): ClassifyToolInput[] {
  // Find the list first, so a bad tool is reported by its path (`tools.3.name`), not as a union mismatch.
  const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const result = record?.result && typeof record.result === 'object' ? (record.result as Record<string, unknown>) : undefined;
  const [list, prefix] = Array.isArray(value)
    ? [value, '']
    : Array.isArray(record?.tools)
      ? [record.tools, 'tools']
      : Array.isArray(result?.tools)
        ? [result.tools, 'result.tools']
        : [undefined, ''];
  if (list === undefined) parseWith(mcpToolsListSchema, value, 'MCP tools/list result');
  const tools = parseWith(z.array(mcpToolSchema), list, `MCP tools/list result${prefix ? ` (${prefix})` : ''}`);
  return tools.map((tool) => {
    const title = tool.title ?? (typeof tool.annotations?.title === 'string' ? tool.annotations.title : undefined);
    return {
      name: tool.name,
      ...(title ? { title } : {}),
      ...(tool.description ? { description: tool.description } : {}),
      ...(tool.inputSchema ? { inputSchema: tool.inputSchema } : {}),
      ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
      ...(tool.annotations ? { annotations: tool.annotations } : {}),
      ...(integration ? { integration } : {}),
    };
  });
}
