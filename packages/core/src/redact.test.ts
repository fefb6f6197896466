import { describe, expect, it } from 'vitest';
import { containsSecret, REDACTED, redactSecrets, redactText } from './redact.js';

describe('redaction', () => {
  it.each([
    ['OpenAI key', 'key sk-proj-Abc123def456ghi789jkl0mn'],
    ['Anthropic key', 'sk-ant-api03-abcdefghijklmnopqrstuv'],
    ['Stripe key', 'sk_live_abcdefghijklmnopqrstuvwx'],
    ['AWS key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['Slack token', 'xoxb-123456789012-abcdefghijkl'],
    ['Google key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['bearer token', 'Authorization: Bearer abc.def-ghi_jkl~mno+pqr/stu='],
    ['password assignment', 'login with password=hunter2!'],
    ['password in an environment variable', 'DB_PASSWORD=hunter22'],
    ['AWS secret in a credentials file', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['API key in an environment variable', 'STRIPE_API_KEY: abcd1234efgh'],
    ['private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
  ])('masks a %s inside text', (_kind, text) => {
    expect(containsSecret(text)).toBe(true);
    const masked = redactText(text);
    expect(masked).toContain(REDACTED);
    expect(masked).not.toBe(text);
  });

  it('keeps the words around a secret', () => {
    expect(redactText('use password=hunter2 to log in')).toBe(`use password=${REDACTED} to log in`);
  });

  it('keeps the name of an environment variable and masks its value', () => {
    expect(redactText('DB_PASSWORD=hunter22\nDB_HOST=db.internal')).toBe(`DB_PASSWORD=${REDACTED}\nDB_HOST=db.internal`);
    expect(redactText('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(containsSecret('mysecretary=Alice')).toBe(false);
  });

  it('leaves ordinary text alone and returns the same object when nothing changes', () => {
    const value = { subject: 'Quarterly report', to: ['bob@example.com'], amount: 42 };
    expect(redactSecrets(value)).toBe(value);
    expect(containsSecret('The meeting is at 3pm in room sk-1')).toBe(false);
  });

  it('masks fields named like secrets whatever they hold, without changing the input', () => {
    const input = { user: 'bob', password: 'x', nested: [{ apiKey: 12345, note: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789' }] };
    const output = redactSecrets(input) as typeof input;
    expect(output).toEqual({ user: 'bob', password: REDACTED, nested: [{ apiKey: REDACTED, note: `token ${REDACTED}` }] });
    expect(input.password).toBe('x');
  });
});
