import { hash } from 'node:crypto';
import { stableStringify } from '../stable-json.js';

/** What a tool's fingerprint covers: everything the classifier reads. */
export interface FingerprintSource {
  integration?: string;
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  http?: { method: string; path: string; security?: string };
}

/**
 * A stable fingerprint (SHA-256, base64url) of what the classifier reads from a tool: the same
 * definition gives the same fingerprint whatever its key order; any change to its name,
 * description, schema, annotations or HTTP operation gives another. Used to cache model verdicts.
 */
export function toolFingerprint(tool: FingerprintSource): string {
  return hash(
    'sha256',
    stableStringify({
      integration: tool.integration ?? '',
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
      http: tool.http,
    }),
    'base64url',
  );
}
