import { describe, expect, it } from 'vitest';
import { runExample } from './run-example.js';

describe('the LangChain example (offline)', () => {
  it('blocks the injected send, pauses it for approval, and lets the benign session run', async () => {
    const saved = process.env['OPENAI_API_KEY'];
    delete process.env['OPENAI_API_KEY'];
    const lines: string[] = [];
    try {
      const activity = await runExample((line) => lines.push(line));
      expect(activity).toEqual({
        attack: ['read_inbox', 'read_file salaries.xlsx'],
        approval: ['read_inbox', 'read_file salaries.xlsx'],
        benign: ['read_file notes.txt', 'send_email bob@example.com'],
      });
    } finally {
      if (saved !== undefined) process.env['OPENAI_API_KEY'] = saved;
    }
    const output = lines.join('\n');
    expect(output).toContain('✗ blocked send_email: The action "mail.send_email" was blocked by the security policy');
    expect(output).toContain('decision mail.send_email: deny (lethal_trifecta)');
    expect(output).toMatch(/paused {2}⏸ mail\.send_email/);
    expect(output).toMatch(/approval id: apr_/);
    expect(output).toContain('✓ ran     send_email: Email sent to bob@example.com.');
  });
});
