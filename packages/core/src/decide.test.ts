import { describe, expect, it } from 'vitest';
import { CAPABILITIES, type Capability } from './capabilities.js';
import { decide, type DecisionInput, type DecisionPolicy } from './decide.js';
import { applyPatch, createSessionState, type SessionState } from './session-state.js';
import type { RegisteredTool } from './tool.js';

const BOUNDS = { maxCalls: 1000, maxApprovals: 100 };
const A = 'untrusted_content';
const B = 'private_data';
const C = 'external_or_state_change';

function policy(overrides: Partial<DecisionPolicy> = {}): DecisionPolicy {
  return {
    enforcement: 'deny',
    ruleOfTwo: 'default',
    unknownTools: 'deny',
    rules: {},
    approvalTtlMs: 60_000,
    detectors: [],
    ...overrides,
  };
}

function tool(name: string, capabilities: Capability[]): RegisteredTool {
  return {
    fullName: name,
    integration: name.split('.')[0] ?? name,
    name,
    definition: { name },
    classification: {
      capabilities,
      confidence: { untrusted_content: 1, private_data: 1, external_or_state_change: 1 },
      reasons: [],
      source: 'override',
    },
    capabilities,
  };
}

let ids = 0;
function input(toolCallId: string, registered: RegisteredTool | undefined, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    agentId: 'agent',
    sessionId: 'session',
    call: { toolCallId, tool: registered?.fullName ?? 'unknown.tool', args: {} },
    argsHash: 'hash',
    tool: registered,
    now: 1_000,
    newApprovalId: () => `apr_${++ids}`,
    redactArgs: (args) => args,
    ...overrides,
  };
}

/** All 8 subsets of the three buckets. */
const SUBSETS: Capability[][] = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => CAPABILITIES.filter((_, index) => mask & (1 << index)));
const label = (buckets: Capability[]) => buckets.map((bucket) => ({ [A]: 'A', [B]: 'B', [C]: 'C' })[bucket]).join('') || '∅';

/** A session state holding exactly `held`, each bucket brought by its own allowed call. */
function stateHolding(held: Capability[]): SessionState {
  const state = createSessionState();
  held.forEach((bucket, index) => {
    const result = decide(state, input(`prior-${index}`, tool(`prior.${bucket}`, [bucket])), policy({ enforcement: 'ignore' }));
    applyPatch(state, result.patch, BOUNDS);
  });
  expect(Object.keys(state.exposures).sort()).toEqual([...held].sort());
  return state;
}

describe('decide: the lethal trifecta table (DESIGN §2)', () => {
  const rows = SUBSETS.flatMap((held) => SUBSETS.map((call) => ({ held, call })));

  it.each(rows.map(({ held, call }) => [label(held), label(call), held, call] as const))(
    'default rule: session holds %s, call has %s',
    (_heldLabel, _callLabel, held, call) => {
      const union = new Set([...held, ...call]);
      const violation = call.includes(C) && union.has(A) && union.has(B);
      const state = stateHolding(held);
      const { decision, patch } = decide(state, input('call', tool('t.call', call)), policy());
      expect(decision.outcome).toBe(violation ? 'deny' : 'allow');
      expect(decision.rule).toBe(violation ? 'lethal_trifecta' : undefined);
      if (violation) {
        // A denied call adds nothing to the session's exposures.
        expect(patch.exposures).toBeUndefined();
        expect(decision.violations[0]?.buckets).toEqual([A, B, C]);
      } else {
        const added = call.filter((bucket) => !held.includes(bucket));
        expect(Object.keys(patch.exposures ?? {}).sort()).toEqual(added.sort());
      }
    },
  );

  it.each(rows.map(({ held, call }) => [label(held), label(call), held, call] as const))(
    'strict Rule of Two: session holds %s, call has %s',
    (_heldLabel, _callLabel, held, call) => {
      const union = new Set([...held, ...call]);
      const violation = call.length > 0 && union.size === 3;
      const expectedRule = violation ? (call.includes(C) ? 'lethal_trifecta' : 'rule_of_two') : undefined;
      const state = stateHolding(held);
      const { decision } = decide(state, input('call', tool('t.call', call)), policy({ ruleOfTwo: 'strict' }));
      expect(decision.outcome).toBe(violation ? 'deny' : 'allow');
      expect(decision.rule).toBe(expectedRule);
    },
  );

  it.each([
    ['require_approval', 'require_approval'],
    ['deny', 'deny'],
    ['ignore', 'allow'],
  ] as const)('enforcement %s gives outcome %s and still names the rule', (enforcement, outcome) => {
    const state = stateHolding([A, B]);
    const { decision, patch } = decide(state, input('send', tool('mail.send', [C])), policy({ enforcement }));
    expect(decision.outcome).toBe(outcome);
    expect(decision.rule).toBe('lethal_trifecta');
    expect(decision.violations.map((violation) => violation.enforcement)).toEqual([enforcement]);
    if (enforcement === 'ignore') expect(patch.exposures?.[C]?.toolCallId).toBe('send');
    if (enforcement === 'require_approval') {
      expect(decision.approval).toMatchObject({ status: 'pending', tool: 'mail.send', rule: 'lethal_trifecta' });
      expect(patch.exposures).toBeUndefined();
    }
  });

  it('names the calls that brought each bucket in the reason', () => {
    const state = createSessionState();
    applyPatch(state, decide(state, input('3', tool('web.fetch', [A])), policy()).patch, BOUNDS);
    applyPatch(state, decide(state, input('5', tool('drive.read_file', [B])), policy()).patch, BOUNDS);
    const { decision } = decide(state, input('7', tool('slack.chat.postMessage', [C])), policy());
    expect(decision.reason).toBe(
      'Sends data out or changes state (slack.chat.postMessage) after reading untrusted content (web.fetch, call 3) and private data (drive.read_file, call 5) in this session.',
    );
    expect(decision.violations[0]?.provenance).toMatchObject({
      untrusted_content: { tool: 'web.fetch', toolCallId: '3' },
      private_data: { tool: 'drive.read_file', toolCallId: '5' },
      external_or_state_change: { tool: 'slack.chat.postMessage', toolCallId: '7' },
    });
  });

  it('keeps the first provenance of a bucket', () => {
    const state = createSessionState();
    applyPatch(state, decide(state, input('first', tool('web.fetch', [A])), policy()).patch, BOUNDS);
    applyPatch(state, decide(state, input('second', tool('web.search', [A])), policy()).patch, BOUNDS);
    expect(state.exposures.untrusted_content?.toolCallId).toBe('first');
  });
});

describe('decide: unknown tools', () => {
  it.each([
    ['deny', 'deny', 'unexpected_tool'],
    ['require_approval', 'require_approval', 'unexpected_tool'],
  ] as const)('unknownTools %s → %s', (unknownTools, outcome, rule) => {
    const { decision } = decide(createSessionState(), input('x', undefined), policy({ unknownTools }));
    expect(decision.outcome).toBe(outcome);
    expect(decision.rule).toBe(rule);
    expect(decision.reason).toContain('unknown.tool');
  });

  it('assume_all treats the tool as having every bucket', () => {
    const fresh = decide(createSessionState(), input('x', undefined), policy({ unknownTools: 'assume_all' }));
    // A, B and C all come with the call itself: the trifecta rule fires.
    expect(fresh.decision.outcome).toBe('deny');
    expect(fresh.decision.rule).toBe('lethal_trifecta');
    expect(fresh.decision.capabilities).toEqual([A, B, C]);
  });
});

describe('decide: idempotency per toolCallId', () => {
  it('answers the same call id with the same decision and changes nothing', () => {
    const state = stateHolding([A, B]);
    const first = decide(state, input('send', tool('mail.send', [C])), policy());
    applyPatch(state, first.patch, BOUNDS);
    const version = state.version;
    const again = decide(state, input('send', tool('mail.send', [C])), policy());
    expect(again.decision).toMatchObject({ outcome: 'deny', rule: 'lethal_trifecta', repeated: true });
    expect(again.patch).toEqual({});
    expect(state.version).toBe(version);
  });

  it('never counts an allowed call twice', () => {
    const state = createSessionState();
    applyPatch(state, decide(state, input('c1', tool('web.fetch', [A])), policy()).patch, BOUNDS);
    const again = decide(state, input('c1', tool('web.fetch', [A])), policy());
    expect(again.patch).toEqual({});
    expect(state.callCount).toBe(1);
  });

  it('refuses a known call id reused for other arguments', () => {
    const state = createSessionState();
    applyPatch(state, decide(state, input('c1', tool('web.fetch', [A])), policy()).patch, BOUNDS);
    const reused = decide(state, input('c1', tool('web.fetch', [A]), { argsHash: 'other' }), policy());
    expect(reused.decision).toMatchObject({ outcome: 'deny', rule: 'call_id_reused' });
  });
});

describe('decide: required scopes', () => {
  const scoped = { ...tool('crm.export', [B]), definition: { name: 'export', requiredScopes: ['crm:read'] } };

  it('denies a session whose user lacks a scope the tool requires', () => {
    const { decision } = decide(createSessionState(), input('c', scoped, { user: { scopes: ['mail:read'] } }), policy());
    expect(decision).toMatchObject({ outcome: 'deny', rule: 'missing_scope' });
    expect(decision.reason).toContain('crm:read');
  });

  it('allows a user holding the scope', () => {
    const { decision } = decide(createSessionState(), input('c', scoped, { user: { scopes: ['crm:read'] } }), policy());
    expect(decision.outcome).toBe('allow');
  });
});
