import type { Capability } from '@oso-agents/core';
import type { Tool, ToolSet } from 'ai';
import { guardExecute } from './guard-execute.js';
import type { WithOsoOptions } from './options.js';
import { ensureRegistered, rememberGuardedTool } from './tool-catalog.js';

/**
 * Guards a ToolSet: the same tools, with the same types, whose `execute` runs only when the
 * engine allows the call. Each tool is registered with the engine on first use as
 * `${integration}.${name}` (description and input JSON Schema, so the classifier sees parameter
 * names). Tools without `execute` are returned as they are (their calls are gated by
 * `osoToolApproval`); dynamic tools are guarded like any other.
 *
 * ```ts
 * const tools = withOso({ readInbox, readFile, sendEmail }, { oso, sessionId, integration: 'mail' });
 * ```
 */
export function withOso<TOOLS extends ToolSet>(tools: TOOLS, options: WithOsoOptions<TOOLS>): TOOLS {
  const { oso, sessionId, metadata, integration } = options;
  const guarded: Record<string, Tool> = {};
  for (const [name, original] of Object.entries(tools) as Array<[string, Tool]>) {
    const capabilities = (options.capabilities as Partial<Record<string, Capability[]>> | undefined)?.[name];
    const info = { integration, name, original, ...(capabilities ? { capabilities } : {}) };
    const fullName = `${integration}.${name}`;
    const register = () => ensureRegistered(oso, info);
    const copy = { ...original } as Tool;
    if (typeof original.execute === 'function') {
      (copy as { execute: unknown }).execute = guardExecute(original.execute as never, {
        oso,
        sessionId,
        ...(metadata ? { metadata } : {}),
        fullName,
        register,
      });
    }
    rememberGuardedTool(oso, copy, { ...info, fullName });
    guarded[name] = copy;
  }
  return guarded as TOOLS;
}
