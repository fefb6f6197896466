import { z } from 'zod';
import type { ClassifyToolInput } from '../classify-tool.js';
import { OsoValidationError } from '../errors.js';

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * A schema as frameworks hand it over, as JSON Schema: a zod (v4) schema is converted, an AI SDK
 * `jsonSchema(...)` wrapper is unwrapped, a plain JSON Schema object is kept.
 */
export function toJsonSchema(schema: unknown): Json | undefined {
  const value = record(schema);
  if (!value) return undefined;
  if ('_zod' in value) {
    try {
      return z.toJSONSchema(value as unknown as z.ZodType, { unrepresentable: 'any', io: 'input' }) as Json;
    } catch {
      return undefined;
    }
  }
  // AI SDK Schema objects carry the JSON Schema in `jsonSchema` (a value, not a promise, for jsonSchema()/zodSchema()).
  const wrapped = record(value.jsonSchema);
  if (wrapped && !('then' in wrapped)) return wrapped;
  if ('type' in value || 'properties' in value || 'anyOf' in value || 'oneOf' in value || '$schema' in value) return value;
  return undefined;
}

function fromDefinition(name: string, definition: Json, integration?: string): ClassifyToolInput {
  // OpenAI chat completions: { type: 'function', function: { name, description, parameters } }.
  const inner = record(definition.function) ?? definition;
  const schema =
    toJsonSchema(inner.inputSchema) ??
    toJsonSchema(inner.parameters) ??
    toJsonSchema(inner.input_schema) ??
    toJsonSchema(inner.schema) ??
    toJsonSchema(inner.params);
  const description = typeof inner.description === 'string' ? inner.description : undefined;
  const title = typeof inner.title === 'string' ? inner.title : undefined;
  const annotations = record(inner.annotations);
  return {
    name,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    ...(schema ? { inputSchema: schema } : {}),
    ...(annotations ? { annotations } : {}),
    ...(integration ? { integration } : {}),
  };
}

/**
 * Turns a plain tool list into classifier inputs. Accepted shapes:
 * - an array of function definitions: OpenAI chat (`{ type: 'function', function: { name, description, parameters } }`),
 *   OpenAI Responses (`{ type: 'function', name, description, parameters }`), Anthropic (`input_schema`),
 *   LangChain tools (`{ name, description, schema }`, zod or JSON Schema), or `{ name, description, inputSchema }`;
 * - a record of AI SDK tools (`{ weather: tool({ description, inputSchema }) }`): the key is the name.
 */
export function fromFunctionTools(value: unknown, integration?: string): ClassifyToolInput[] {
  if (Array.isArray(value)) {
    return value.map((entry, index) => {
      const definition = record(entry);
      const inner = definition ? (record(definition.function) ?? definition) : undefined;
      const name = inner?.name;
      if (!definition || typeof name !== 'string' || name.length === 0) {
        throw new OsoValidationError({ what: 'tool list', issues: [{ path: `${index}.name`, message: 'expected a tool with a string "name"' }] });
      }
      return fromDefinition(name, definition, integration);
    });
  }
  const tools = record(value);
  if (!tools) {
    throw new OsoValidationError({ what: 'tool list', issues: [{ path: '', message: 'expected an array of tools or a record of tools by name' }] });
  }
  return Object.entries(tools).map(([name, entry]) => {
    const definition = record(entry);
    if (!definition) {
      throw new OsoValidationError({ what: 'tool list', issues: [{ path: name, message: 'expected a tool definition object' }] });
    }
    return fromDefinition(typeof definition.name === 'string' ? definition.name : name, definition, integration);
  });
}
