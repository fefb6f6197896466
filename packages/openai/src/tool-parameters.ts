import type { JsonSchema } from '@oso-agents/core';

/**
 * A schema library's value that validates (Standard Schema) and describes itself as JSON Schema
 * (Standard JSON Schema): zod 4, valibot, arktype… Declared here so that no schema library is a
 * dependency of this package.
 */
export interface StandardSchemaWithJsonSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly jsonSchema: { readonly input: (options: { readonly target: string }) => Record<string, unknown> };
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

/** What a Standard Schema's `validate` returns. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined }> };

/** A tool's parameters: a zod (or other Standard Schema) object, or a plain JSON Schema object. */
export type ToolParameters<Args = unknown> = StandardSchemaWithJsonSchema<Args> | JsonSchema;

/** The arguments a tool's `execute` receives for the given parameters. */
export type ArgumentsOf<Parameters> = Parameters extends StandardSchemaWithJsonSchema<infer Output> ? Output : Record<string, unknown>;

/** Parameters turned into what the engine and the model need. */
export interface ResolvedParameters {
  /** JSON Schema sent to the model and given to the engine's classifier. */
  jsonSchema: JsonSchema;
  /** Checks (and, for a schema library, parses) the model's arguments. */
  validate(args: unknown): Promise<{ ok: true; value: unknown } | { ok: false; message: string }>;
}

/** True when the value is a Standard Schema that can describe itself as JSON Schema. */
export function isStandardSchema(value: unknown): value is StandardSchemaWithJsonSchema {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (value === null) return false;
  const standard = (value as { '~standard'?: unknown })['~standard'];
  return typeof standard === 'object' && standard !== null && typeof (standard as { validate?: unknown }).validate === 'function';
}

/**
 * Resolves a tool's parameters. A Standard Schema gives its JSON Schema (draft-07, what OpenAI
 * accepts) and validates the arguments; a JSON Schema is passed through and only checked to be
 * an object, since validating JSON Schema is the caller's choice of library.
 */
export function resolveParameters(parameters: ToolParameters | undefined, toolName: string): ResolvedParameters {
  if (parameters === undefined) {
    return { jsonSchema: { type: 'object', properties: {} }, validate: async (args) => ({ ok: true, value: args }) };
  }
  if (isStandardSchema(parameters)) {
    const standard = parameters['~standard'];
    if (typeof standard.jsonSchema?.input !== 'function') {
      throw new TypeError(`Tool "${toolName}": its parameters schema cannot describe itself as JSON Schema (Standard JSON Schema).`);
    }
    const { $schema: _ignored, ...jsonSchema } = standard.jsonSchema.input({ target: 'draft-07' });
    return {
      jsonSchema,
      async validate(args) {
        const result = await standard.validate(args);
        if (result.issues === undefined) return { ok: true, value: result.value };
        const text = result.issues
          .map((issue) => {
            const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
            return path ? `${path}: ${issue.message}` : issue.message;
          })
          .join('; ');
        return { ok: false, message: text };
      },
    };
  }
  return {
    jsonSchema: parameters,
    async validate(args) {
      if (typeof args !== 'object' || args === null || Array.isArray(args)) {
        return { ok: false, message: 'the arguments must be a JSON object' };
      }
      return { ok: true, value: args };
    },
  };
}
