/**
 * Masks secrets before anything is stored or shown: provider API keys, bearer tokens, JWTs,
 * private keys, and the values of fields named like passwords or secrets.
 */
export type Redactor = (value: unknown) => unknown;

export const REDACTED = '[REDACTED]';

// Each pattern matches a credential as it appears inside longer text.
const SECRET_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bsk-(?:proj-|ant-(?:api\d{2}-)?|live-)?[A-Za-z0-9_-]{16,}/g, // OpenAI, Anthropic
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, // Stripe
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key id
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API key
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /\b[Bb]earer\s+[A-Za-z0-9._~+/=-]{16,}/g,
  // A value assigned to a name like a secret, also inside a longer name as environment variables and
  // credentials files write them: `DB_PASSWORD=…`, `aws_secret_access_key = …`, `STRIPE_API_KEY: …`.
  /(?<![A-Za-z0-9])(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?(?:token|key)|client[_-]?secret)(?:[_-][A-Za-z0-9]+)*\s*[=:]\s*["']?[^\s"'&,;]{4,}/gi,
];

// Any of the patterns, for a cheap first test before the replacements run.
const ANY_SECRET = new RegExp(SECRET_PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

const SECRET_FIELD = /^(?:password|passwd|pwd|secret|client_?secret|api_?key|apikey|access_?token|refresh_?token|auth_?token|token|private_?key|authorization|cookie|session_?token|x-api-key)$/i;

/** Masks the secrets inside one string. */
export function redactText(text: string): string {
  if (!ANY_SECRET.test(text)) return text;
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match) => {
      const separator = /^(.*?[=:]\s*["']?)/.exec(match);
      return separator && /^(?:password|passwd|pwd|secret|api|access|client)/i.test(match)
        ? `${separator[1]}${REDACTED}`
        : REDACTED;
    });
  }
  return out;
}

/** True when the text holds something that looks like a credential. */
export function containsSecret(text: string): boolean {
  return ANY_SECRET.test(text);
}

/**
 * Returns a copy of any JSON-like value with secrets masked; the input is never changed.
 * Values of fields named like `password`, `apiKey`, `token` are masked whatever they hold.
 */
export function redactSecrets(value: unknown): unknown {
  return redactValue(value, 0);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 32) return '[TOO DEEP]';
  if (Array.isArray(value)) {
    let changed: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = redactValue(value[index], depth + 1);
      if (item !== value[index]) (changed ??= value.slice())[index] = item;
    }
    return changed ?? value;
  }
  let changed: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const next = SECRET_FIELD.test(key) && item !== null && item !== undefined && item !== ''
      ? REDACTED
      : redactValue(item, depth + 1);
    if (next !== item) (changed ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return changed ?? value;
}
