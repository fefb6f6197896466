import { parseDocument } from 'yaml';
import type { ClassifyToolInput } from '../classify-tool.js';
import { OsoValidationError } from '../errors.js';
import { fromFunctionTools } from './function-tools.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { fromMcpToolsList, isMcpToolsList } from './mcp.js';
import { fromOpenApi, isOpenApiDocument } from './openapi.js';

/** The kinds of tool catalogue {@link parseToolCatalog} reads. */
export type ToolCatalogFormat = 'mcp' | 'openapi' | 'tool-list';

export interface ToolCatalog {
  format: ToolCatalogFormat;
  /** The integration the tools were given (from the options, the OpenAPI title, or the file name). */
  integration: string;
  tools: ClassifyToolInput[];
}

export interface ParseToolCatalogOptions {
  /** Where the text came from, for error messages and the default integration name. */
  source?: string;
  /** The integration the tools belong to. */
  integration?: string;
  /** Force a format instead of detecting it. */
  format?: ToolCatalogFormat;
}

/**
 * Parses JSON or YAML text. A syntax error becomes an `OsoValidationError` whose issue names the
 * line and column (and the source, when given).
 */
export function parseStructuredText(text: string, source = 'input'): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      let where = source;
      if (position?.[1]) {
        const offset = Number(position[1]);
        const before = text.slice(0, offset);
        const line = before.split('\n').length;
        const column = offset - before.lastIndexOf('\n');
        where = `${source}:${line}:${column}`;
      } else {
        // Some engine messages carry no position: find it.
        const offset = jsonErrorOffset(text);
        if (offset !== undefined) {
          const before = text.slice(0, offset);
          where = `${source}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
        }
      }
      throw new OsoValidationError({ what: `JSON in ${source}`, issues: [{ path: where, message }], cause: error });
    }
  }
  const document = parseDocument(text, { prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    const where = position ? `${source}:${position.line}:${position.col}` : source;
    throw new OsoValidationError({
      what: `YAML in ${source}`,
      issues: document.errors.map((each) => ({ path: where, message: each.message.split('\n')[0] ?? each.message })),
      cause: error,
    });
  }
  return document.toJS() as unknown;
}

function integrationFromSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const base = source.split(/[\\/]/).pop() ?? source;
  const name = base.replace(/\.(?:json|ya?ml)$/i, '').replace(/[-_.](?:openapi|swagger|tools|mcp|catalog|spec)$/i, '');
  return name.length > 0 ? name : undefined;
}

/** Detects the format of an already-parsed catalogue. */
export function detectCatalogFormat(value: unknown): ToolCatalogFormat | undefined {
  if (isOpenApiDocument(value)) return 'openapi';
  if (isMcpToolsList(value)) return 'mcp';
  if (Array.isArray(value) || (value && typeof value === 'object')) return 'tool-list';
  return undefined;
}

/**
 * Reads a tool catalogue from text (JSON or YAML) and returns the classifier inputs: an MCP
 * `tools/list` result, an OpenAPI 3.x document (one tool per operation), or a plain tool list
 * (OpenAI, AI SDK, LangChain or `{ name, description, inputSchema }` definitions). Errors are
 * `OsoValidationError`s that name the place (file, line, field).
 */
export function parseToolCatalog(text: string, options: ParseToolCatalogOptions = {}): ToolCatalog {
  const source = options.source ?? 'input';
  const value = parseStructuredText(text, source);
  const format = options.format ?? detectCatalogFormat(value);
  if (!format) {
    throw new OsoValidationError({
      what: `tool catalogue ${source}`,
      issues: [{ path: source, message: 'expected an MCP tools/list result, an OpenAPI document or a list of tools' }],
    });
  }
  const named = options.integration ?? integrationFromSource(options.source);
  if (format === 'openapi') {
    const tools = fromOpenApi(value, named ? { integration: named } : {});
    return { format, integration: tools[0]?.integration ?? named ?? 'api', tools };
  }
  const integration = named ?? 'tools';
  const tools = format === 'mcp' ? fromMcpToolsList(value, integration) : fromFunctionTools(value, integration);
  return { format, integration, tools };
}
