import { createOso, MemorySessionStore, type ApprovalRequest, type Capability, type SessionMetadata, type SessionStore } from '@oso-agents/core';
import { INTEGRATION, type ConformanceRun, type Driver, type ReviewAnswer, type Scenario, type ToolSpy } from './scenario.js';

/** The user every scenario's session acts for. */
export const SESSION_METADATA: SessionMetadata = { user: { id: 'user-42', email: 'alice@example.com', scopes: ['mail'] } };

/** A spy over the scenario's tools: each run is recorded, and the tool's scripted output returned. */
export function toolSpy(scenario: Scenario): ToolSpy {
  const executed: ToolSpy['executed'] = [];
  return {
    executed,
    run(tool, args) {
      const known = scenario.tools.find((candidate) => candidate.name === tool);
      if (!known) throw new Error(`The scenario has no tool "${tool}"`);
      executed.push({ tool, args });
      if (known.fails !== undefined) throw new Error(known.fails);
      return known.returns;
    },
  };
}

/**
 * Plays a scenario through a driver with a fresh engine (a fixed clock, the scenario's options,
 * an `onApproval` spy when the scenario answers approvals) and collects what the engine saw.
 */
export async function runScenario(driver: Driver, scenario: Scenario): Promise<ConformanceRun> {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const approvalsAsked: string[] = [];
  const reviewer = scenario.reviewer;
  const answer = (request: ApprovalRequest): ReviewAnswer => {
    approvalsAsked.push(request.toolCallId);
    if (!reviewer) throw new Error(`No reviewer in this scenario, yet ${request.toolCallId} waits for approval`);
    return { approved: reviewer.approved, by: reviewer.by, reason: reviewer.reason, ...(reviewer.scope ? { scope: reviewer.scope } : {}) };
  };
  const oso = createOso({
    agentId: 'conformance',
    environment: 'production',
    now: () => (clock += 1000),
    ...(scenario.asyncStore ? { store: asyncMemoryStore() } : {}),
    ...scenario.engine,
    ...(reviewer?.mode === 'callback' ? { onApproval: answer } : {}),
  });
  if (scenario.registeredByApp) {
    oso.registerTools(
      INTEGRATION,
      scenario.registeredByApp.map((declared) => ({
        ...declared,
        description: scenario.tools.find((tool) => tool.name === declared.name)?.description,
      })),
    );
  }
  const spy = toolSpy(scenario);
  const review = (request: ApprovalRequest): ReviewAnswer => {
    if (reviewer?.mode !== 'out_of_band') throw new Error(`${request.toolCallId} paused for a person, but the scenario's reviewer is not out of band`);
    return answer(request);
  };
  const output = await driver.play({ scenario, oso, spy, review, metadata: SESSION_METADATA });
  const registered: Record<string, readonly Capability[] | undefined> = {};
  for (const tool of scenario.tools) registered[tool.name] = oso.getTool(`${INTEGRATION}.${tool.name}`)?.capabilities;
  return {
    ...output,
    executed: spy.executed,
    approvalsAsked,
    timeline: await oso.session(scenario.sessionId).timeline(),
    registered,
  };
}

/** The memory store behind an asynchronous interface: every operation answers a turn of the event loop later. */
export function asyncMemoryStore(): SessionStore {
  const inner = new MemorySessionStore();
  const later = <Value>(value: () => Value) => new Promise<Value>((resolve) => setImmediate(() => resolve(value())));
  return {
    load: (key) => later(() => structuredClone(inner.load(key))),
    commit: (key, version, patch, events) => later(() => inner.commit(key, version, patch, events)),
    append: (key, events) => later(() => inner.append(key, events)),
    events: (key) => later(() => inner.events(key)),
    findApproval: (approvalId) => later(() => inner.findApproval(approvalId)),
  };
}
