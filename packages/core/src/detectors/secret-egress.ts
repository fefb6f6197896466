import type { Detector, DetectorContext } from '../decide.js';
import type { Enforcement } from '../decision.js';
import { containsSecret } from '../redact.js';
import type { DetectorState } from './detector-state.js';
import { decodedTexts, fingerprint } from './fingerprints.js';
import { callLabel } from '../reasons.js';

/** Argument names whose value is a credential whatever it looks like. */
const SECRET_ARGUMENT = /^(?:password|passwd|pwd|secret|client_?secret|api_?key|apikey|access_?token|refresh_?token|auth_?token|private_?key|authorization|session_?token|x-api-key)$/i;
// As `fingerprintText` reads tokens, so a password the user typed is recognised.
const TOKEN = /[A-Za-z0-9_-]{6,}/g;

/** What kind of credential a text holds, in a reviewer's words. */
function credentialKind(text: string): string {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return 'a private key';
  if (/\beyJ[A-Za-z0-9_-]{8,}\.eyJ/.test(text)) return 'a JWT';
  if (/\b(?:password|passwd|pwd)\s*[=:]/i.test(text)) return 'a password';
  if (/\b(?:secret|client[_-]?secret)\s*[=:]/i.test(text)) return 'a secret';
  return 'an API key or token';
}

/**
 * `secret_egress`: a call that sends data out or changes state carries a credential in its
 * arguments (provider key formats, JWTs, private keys, bearer tokens, `password=`, or an argument
 * named like one), also base64-, hex- or URL-encoded, whatever the session's exposures. A
 * credential the user typed in this session is theirs to send and does not count.
 */
export function createSecretEgressDetector(options: { seed: number; enforcement: Enforcement }): Detector {
  return {
    rule: 'secret_egress',
    enforcement: options.enforcement,
    detect(context) {
      if (!context.capabilities.includes('external_or_state_change')) return undefined;
      const found = findCredential(context, options.seed);
      if (!found) return undefined;
      const { input } = context;
      const self = { tool: input.call.tool, toolCallId: input.call.toolCallId, at: input.now };
      const origin = found.source ? `, which came from ${found.source.tool} (${callLabel(found.source.toolCallId)})` : '';
      return {
        rule: 'secret_egress',
        reason: `Sends ${found.kind} out through ${input.call.tool} in "${found.argument}"${origin}.`,
        buckets: ['external_or_state_change'],
        provenance: found.source
          ? { private_data: found.source, external_or_state_change: self }
          : { external_or_state_change: self },
      };
    },
  };
}

interface FoundCredential {
  argument: string;
  kind: string;
  source?: { tool: string; toolCallId: string; at: number };
}

function findCredential(context: DetectorContext, seed: number): FoundCredential | undefined {
  return walkCredentials(context.input.call.args, { detectors: context.state.detectors, seed, path: [] }, 0);
}

interface CredentialWalk {
  detectors: DetectorState | undefined;
  seed: number;
  /** Keys from the arguments' root to the value (array items add none), pushed and popped. */
  path: string[];
}

// As `visitStrings` walks a value, with one path array pushed and popped instead of a copy per key:
// the argument's name is joined only for a credential found.
function walkCredentials(value: unknown, walk: CredentialWalk, depth: number): FoundCredential | undefined {
  if (typeof value === 'string') return credentialIn(value, walk);
  if (typeof value === 'number' || typeof value === 'bigint') return credentialIn(String(value), walk);
  if (value === null || typeof value !== 'object' || depth > 16) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = walkCredentials(item, walk, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    walk.path.push(key);
    const found = walkCredentials((value as Record<string, unknown>)[key], walk, depth + 1);
    walk.path.pop();
    if (found) return found;
  }
  return undefined;
}

function credentialIn(text: string, walk: CredentialWalk): FoundCredential | undefined {
  if (text.length < 4) return undefined;
  const { detectors, seed, path } = walk;
  const name = path[path.length - 1];
  const named = name !== undefined && SECRET_ARGUMENT.test(name) && text.length >= 6;
  const candidates = named || containsSecret(text) ? [text] : decodedTexts(text).filter(containsSecret);
  for (const candidate of candidates) {
    if (typedByUser(detectors?.user, candidate, seed)) continue;
    const found: FoundCredential = { argument: path.join('.') || '(arguments)', kind: named ? `a value of "${name}"` : credentialKind(candidate) };
    const sourceId = sourceOf(detectors?.private, candidate, seed);
    const source = sourceId ? detectors?.sources.get(sourceId) : undefined;
    if (source) found.source = source;
    return found;
  }
  return undefined;
}

// The credential's long tokens, fingerprinted as `fingerprintText` does (tokens mixing letters and digits).
function tokenPrints(text: string, seed: number): number[] {
  const prints: number[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (/[A-Za-z]/.test(match[0]) && /\d/.test(match[0])) prints.push(fingerprint('t', match[0].toLowerCase(), seed));
  }
  return prints;
}

function typedByUser(user: Map<number, 1> | undefined, text: string, seed: number): boolean {
  if (!user) return false;
  const prints = tokenPrints(text, seed);
  if (prints.length > 0) return prints.every((print) => user.has(print));
  // A password without digits: each of its words must have been typed.
  const words = text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu);
  return !!words && words.every((word) => user.has(fingerprint('w', word, seed)));
}

function sourceOf(map: Map<number, string> | undefined, text: string, seed: number): string | undefined {
  if (!map) return undefined;
  for (const print of tokenPrints(text, seed)) {
    const source = map.get(print);
    if (source !== undefined) return source;
  }
  return undefined;
}
