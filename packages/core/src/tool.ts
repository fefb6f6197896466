import { z } from 'zod';
import { capabilitySchema, type Capability } from './capabilities.js';

/** MCP tool annotations (hints a server declares about its tool). */
export const toolAnnotationsSchema = z
  .object({
    title: z.string().optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .passthrough();

export type ToolAnnotations = z.infer<typeof toolAnnotationsSchema>;

/** A JSON Schema object (only its shape matters to the classifier). */
export type JsonSchema = { [key: string]: unknown };

/** A tool as a framework, MCP server or platform describes it. */
export const toolDefinitionSchema = z.object({
  /** The tool's own name, e.g. `send_email` (the integration is added in front). */
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  /** JSON Schema of the arguments. */
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: toolAnnotationsSchema.optional(),
  /** Manual override of the buckets; wins over the classifier. */
  capabilities: z.array(capabilitySchema).optional(),
  /** Scopes a session's user must hold to call the tool. */
  requiredScopes: z.array(z.string()).optional(),
  /** Argument names that carry a destination (recipient, URL, channel…). */
  destinations: z.array(z.string()).optional(),
});

export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

/** Where a classification came from. */
export type ClassificationSource = 'override' | 'annotation' | 'heuristic' | 'model';

/** Why a bucket was given or withheld. */
export interface ClassificationReason {
  capability: Capability;
  /** True when the signal argues for the bucket, false when against. */
  present: boolean;
  /** What decided: e.g. `name verb "send"`, `parameter "url"`, `annotation readOnlyHint`. */
  signal: string;
  weight: number;
}

/** The buckets of a tool, with a confidence per bucket and the reasons. */
export interface Classification {
  capabilities: Capability[];
  /** 0..1 per bucket: how sure the classifier is of its yes or no. */
  confidence: Record<Capability, number>;
  reasons: ClassificationReason[];
  source: ClassificationSource;
}

/** A tool the engine knows: its full name and its classification. */
export interface RegisteredTool {
  /** `integration.name`, the name calls use. */
  fullName: string;
  integration: string;
  name: string;
  definition: ToolDefinition;
  classification: Classification;
  /** The buckets the engine uses (the classification's). */
  capabilities: readonly Capability[];
  /** The manual override, if any; kept when the tool is registered again without one. */
  override?: Capability[];
}

export type { Capability };
