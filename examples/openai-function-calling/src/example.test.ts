import { expect, it } from 'vitest';
import { runExample } from './example.ts';

it('runs offline: the injected sends are denied (directly, then by a reviewer), the benign send goes out', async () => {
  const lines: string[] = [];
  const summary = await runExample({ log: (line) => lines.push(line) });
  expect(summary.outcomes).toEqual({ chat: ['denied'], responses: ['pending', 'denied'], benign: ['executed'] });
  expect(summary.sentTo).toEqual(['bob@example.com']);
  expect(lines).toContain('  ✗ openai.send_email → deny (lethal_trifecta)');
  expect(lines.some((line) => line.startsWith('  ⏸ approval '))).toBe(true);
  expect(lines.at(-1)).toBe('\nEmails actually sent: bob@example.com');
});
