import type { Capability, Oso, ToolDefinition } from '@oso-agents/core';
import { asSchema, type Tool } from 'ai';

/** What `withOso` remembers about a tool it wrapped. */
export interface GuardedToolInfo {
  integration: string;
  /** The tool's key in the ToolSet (the name the model sees). */
  name: string;
  /** `integration.name`, the engine's name. */
  fullName: string;
  /** The tool as the user wrote it. */
  original: Tool;
  capabilities?: Capability[];
}

const guardedTools = new WeakMap<object, GuardedToolInfo>();
const modelNames = new WeakMap<Oso, Map<string, string>>();
const registrations = new WeakMap<Oso, WeakMap<object, Promise<void>>>();

/** Remembers a tool `withOso` made, so that `osoToolApproval` and `osoMiddleware` name it alike. */
export function rememberGuardedTool(oso: Oso, guarded: object, info: GuardedToolInfo): void {
  guardedTools.set(guarded, info);
  let names = modelNames.get(oso);
  if (!names) modelNames.set(oso, (names = new Map()));
  names.set(info.name, info.fullName);
}

/** The `withOso` record of a tool object, if it came from `withOso`. */
export function guardedToolInfo(tool: unknown): GuardedToolInfo | undefined {
  return typeof tool === 'object' && tool !== null ? guardedTools.get(tool) : undefined;
}

/** The engine's name for a tool the model called, as far as this engine has been told. */
export function knownFullName(oso: Oso, modelName: string): string | undefined {
  return modelNames.get(oso)?.get(modelName);
}

/**
 * Registers a tool with the engine once per engine and tool object: its description and its input
 * schema as JSON Schema, so that the classifier sees the parameter names. A schema that cannot be
 * converted is left out (the classifier then reads the name and description only).
 */
export function ensureRegistered(oso: Oso, info: Omit<GuardedToolInfo, 'fullName'>): Promise<void> {
  let byTool = registrations.get(oso);
  if (!byTool) registrations.set(oso, (byTool = new WeakMap()));
  let registration = byTool.get(info.original);
  if (!registration) {
    registration = register(oso, info);
    byTool.set(info.original, registration);
  }
  return registration;
}

async function register(oso: Oso, info: Omit<GuardedToolInfo, 'fullName'>): Promise<void> {
  const { original } = info;
  const definition: ToolDefinition = { name: info.name };
  const description = (original as { description?: unknown }).description;
  if (typeof description === 'string') definition.description = description;
  if (typeof original.title === 'string') definition.title = original.title;
  try {
    const jsonSchema = await asSchema(original.inputSchema).jsonSchema;
    if (typeof jsonSchema === 'object' && jsonSchema !== null) definition.inputSchema = { ...jsonSchema };
  } catch {
    // An exotic schema the SDK cannot convert: classify on name and description alone.
  }
  if (info.capabilities) definition.capabilities = info.capabilities;
  oso.registerTools(info.integration, [definition]);
  let names = modelNames.get(oso);
  if (!names) modelNames.set(oso, (names = new Map()));
  if (!names.has(info.name)) names.set(info.name, `${info.integration}.${info.name}`);
}
