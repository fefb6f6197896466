// `missing_scope` is built into the decision (decide.ts); these tests pin it down beside the
// other behaviour detectors.
import { describe, expect, it } from 'vitest';
import { detectorsOso } from './session.fixture.js';

function oso(options: Parameters<typeof detectorsOso>[0] = {}) {
  const engine = detectorsOso(options);
  engine.registerTools('crm', [{ name: 'export_contacts', capabilities: ['private_data'], requiredScopes: ['crm:read', 'crm:export'] }]);
  return engine;
}

describe('missing_scope', () => {
  it('denies a call whose tool requires scopes the user lacks, naming them', async () => {
    const session = oso().session('s', { user: { id: 'u1', scopes: ['crm:read'] } });
    const decision = await session.authorize({ toolCallId: 'c1', tool: 'crm.export_contacts', args: {} });
    expect(decision.outcome).toBe('deny');
    expect(decision.rule).toBe('missing_scope');
    expect(decision.reason).toBe('The user of this session lacks the scope crm:export that crm.export_contacts requires.');
  });

  it('denies a session without a user, and allows one holding every scope', async () => {
    expect((await oso().session('anonymous').authorize({ toolCallId: 'c1', tool: 'crm.export_contacts', args: {} })).outcome).toBe('deny');
    const session = oso().session('s', { user: { scopes: ['crm:export', 'crm:read'] } });
    expect((await session.authorize({ toolCallId: 'c1', tool: 'crm.export_contacts', args: {} })).outcome).toBe('allow');
  });

  it('takes its enforcement from `rules`, and leaves tools without required scopes alone', async () => {
    const session = oso({ rules: { missing_scope: 'require_approval' } }).session('s', { user: { scopes: [] } });
    expect((await session.authorize({ toolCallId: 'c1', tool: 'crm.export_contacts', args: {} })).outcome).toBe('require_approval');
    expect((await session.authorize({ toolCallId: 'c2', tool: 'drive.read_file', args: {} })).outcome).toBe('allow');
  });
});
