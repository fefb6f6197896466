import { describe, expect, it } from 'vitest';
import { createOso } from './create-oso.js';
import { fromJsonLines, toJsonLines } from './timeline.js';

describe('timeline as JSON Lines', () => {
  it('writes one event per line and reads back the same events', async () => {
    const oso = createOso({ agentId: 'a' });
    oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'] }]);
    const session = oso.session('s');
    await session.record({ type: 'message_from_user', content: 'read https://example.com\nplease' });
    await session.run({ toolCallId: '1', tool: 'web.fetch', args: { url: 'https://example.com' } }, () => 'page');
    const events = await session.timeline();
    const text = toJsonLines(events);
    expect(text.split('\n')).toHaveLength(events.length + 1);
    expect(text.endsWith('\n')).toBe(true);
    expect(fromJsonLines(text)).toEqual(JSON.parse(JSON.stringify(events)));
    expect(toJsonLines([])).toBe('');
    expect(fromJsonLines('')).toEqual([]);
  });
});
