import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../examples/demo/src/demo.ts', import.meta.url));
const built = fileURLToPath(new URL('../../packages/core/dist/index.js', import.meta.url));

describe('the README demo', () => {
  it('stops the attack, shows the denied approval, and leaves the benign session alone', async () => {
    expect(existsSync(built), 'run `pnpm run build` first: the demo runs on the built package').toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [demo], { env: { ...process.env, NO_COLOR: '1' } });
    const sections = stdout.split(/\n(?=\d\. )/);
    const attack = sections.find((section) => section.startsWith('2.'))!;
    expect(attack).toContain('mail.send_email');
    expect(attack).toMatch(/DENY rule lethal_trifecta\n\s+reason: Sends data out or changes state \(mail\.send_email\) after reading untrusted content \(mail\.read_latest_email, call_1\)/);
    expect(attack).not.toContain('"sent":true');
    const reviewed = sections.find((section) => section.startsWith('3.'))!;
    expect(reviewed).toContain('Approval needed');
    expect(reviewed).toContain('alice@example.com denied it: I never asked for this.');
    expect(reviewed).not.toContain('"sent":true');
    const benign = sections.find((section) => section.startsWith('4.'))!;
    expect(benign).not.toContain('DENY');
    expect(benign.match(/ALLOW/g)).toHaveLength(2);
  });
});
