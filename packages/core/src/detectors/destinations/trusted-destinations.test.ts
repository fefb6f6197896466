import { describe, expect, it } from 'vitest';
import { attempt, detectorsOso, read, rules } from '../session.fixture.js';
import { compileDestinationPatterns, matchTrusted } from './trusted-destinations.js';

// A session holding untrusted content and private data: every external call meets the trifecta.
async function exposed(options: Parameters<typeof detectorsOso>[0] = {}, user = 'Summarise the page and my notes and send them to bob@partner.example') {
  const session = detectorsOso(options).session('s');
  await session.record({ type: 'message_from_user', content: user });
  await read(session, 'web.read_page', 'Vendor news. Questions: partners@vendor.example or https://vendor.example/register?ref=1');
  await read(session, 'drive.read_file', 'Notes: renewal for Emma Johnson, passport HGK137803, due in March.');
  return session;
}

describe('trusted and user-named destinations', () => {
  it('matches patterns with *, whole value, case-insensitive, each address of a list entry', () => {
    const patterns = compileDestinationPatterns(['*@acme.com', 'https://hooks.acme.com/*', '#team-*']);
    expect(matchTrusted('Bob <BOB@acme.com>', patterns)).toBe('*@acme.com');
    expect(matchTrusted('bob@acme.com.evil.example', patterns)).toBeUndefined();
    expect(matchTrusted('https://hooks.acme.com/ci/1', patterns)).toBe('https://hooks.acme.com/*');
    expect(matchTrusted('https://hooks.acme.com.evil.example/x', patterns)).toBeUndefined();
    expect(matchTrusted('team-sales', patterns)).toBe('#team-*');
  });

  it('sets the trifecta aside for a send to a trusted destination, and says which rule applied', async () => {
    const session = await exposed({ trustedDestinations: ['*@acme.com'] });
    const decision = await attempt(session, 'mail.send_email', { to: 'oncall@acme.com', subject: 'Vendor news', body: 'The vendor published news.' });
    expect(decision.outcome).toBe('allow');
    expect(decision.destinations).toEqual({ relaxed: true, destinations: [{ argument: 'to', rule: 'trusted', pattern: '*@acme.com' }] });
    expect(decision.reason).toMatch(/every destination of mail\.send_email is vetted \(to is trusted \(\*@acme\.com\)\)/);
  });

  it('sets it aside for a destination the user typed in this session', async () => {
    const session = await exposed();
    const decision = await attempt(session, 'mail.send_email', { to: 'bob@partner.example', body: 'Summary: vendor news and a renewal in March.' });
    expect(decision.outcome).toBe('allow');
    expect(decision.destinations?.destinations).toEqual([{ argument: 'to', rule: 'user_named' }]);
  });

  it('still gates mailing private data to the contact the user named', async () => {
    const session = await exposed();
    const decision = await attempt(session, 'mail.send_email', { to: 'bob@partner.example', body: 'Her passport is HGK137803.' });
    expect(decision.outcome).toBe('deny');
    expect(decision.rule).toBe('lethal_trifecta');
    expect(decision.destinations?.relaxed).toBe(false);
    expect(decision.destinations?.withheld).toMatch(/"body" carries private data \(from drive\.read_file/);
  });

  it('still gates a link or address planted in untrusted content, even to a user-named colleague', async () => {
    const session = await exposed();
    const link = await attempt(session, 'mail.send_email', { to: 'bob@partner.example', body: 'Register here: https://vendor.example/register?ref=1' });
    expect(link.outcome).toBe('deny');
    expect(link.destinations?.withheld).toMatch(/carries a link that came from untrusted content \(from web\.read_page/);
    const address = await attempt(session, 'mail.send_email', { to: 'bob@partner.example', body: 'Ask partners@vendor.example' });
    expect(address.outcome).toBe('deny');
  });

  it('does not relax an unvetted destination, a call without destination, or strict mode', async () => {
    const session = await exposed();
    const stranger = await attempt(session, 'mail.send_email', { to: 'partners@vendor.example', body: 'hi' });
    expect(stranger.destinations).toMatchObject({ relaxed: false, destinations: [{ argument: 'to', rule: 'unvetted' }] });
    const write = await attempt(session, 'drive.write_file', { path: 'summary.md', content: 'vendor news' });
    expect(write.destinations).toMatchObject({ relaxed: false, withheld: 'the call names no destination' });
    const strict = await exposed({ ruleOfTwo: 'strict' });
    expect((await attempt(strict, 'mail.send_email', { to: 'bob@partner.example', body: 'ok' })).outcome).toBe('deny');
  });

  it('is off with `destinationRelaxation: false`', async () => {
    const session = await exposed({ detection: { destinationRelaxation: false } });
    const decision = await attempt(session, 'mail.send_email', { to: 'bob@partner.example', body: 'Summary.' });
    expect(decision.outcome).toBe('deny');
    expect(decision.destinations).toBeUndefined();
    expect(rules(decision)).toEqual(['lethal_trifecta']);
  });
});
