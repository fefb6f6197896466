import type { ApprovalRequest } from './approval.js';
import { CAPABILITIES, type Capability } from './capabilities.js';
import type { Decision, Enforcement, Exposures, Outcome, RuleId, Violation } from './decision.js';
import type { SessionUser, ToolCall } from './events.js';
import {
  callIdReusedReason,
  missingScopeReason,
  ruleOfTwoReason,
  trifectaReason,
  unexpectedToolReason,
} from './reasons.js';
import type { DetectorPatch } from './detectors/detector-state.js';
import { relaxedReason, type DestinationChecker } from './detectors/destinations/trusted-destinations.js';
import { findCall, type SessionState, type StatePatch } from './session-state.js';
import type { RegisteredTool } from './tool.js';

/** What to do with a tool the engine does not know. */
export type UnknownToolsPolicy = 'deny' | 'require_approval' | 'assume_all';

/** The policy the pure decision reads; `createOso` resolves it from its options. */
export interface DecisionPolicy {
  /** Enforcement of the trifecta rule (and of `rule_of_two` in strict mode). */
  enforcement: Enforcement;
  /** `default`: gate the C call that completes A+B+C. `strict`: any order completing A+B+C. */
  ruleOfTwo: 'default' | 'strict';
  unknownTools: UnknownToolsPolicy;
  /** Enforcement per rule, overriding the defaults. */
  rules: Partial<Record<RuleId, Enforcement>>;
  /** How long an approval request stays answerable, in milliseconds. */
  approvalTtlMs: number;
  /** Further rules (behaviour detectors), run after the built-in ones. */
  detectors: readonly Detector[];
  /**
   * Trusted and user-named destinations (issue 8): when the trifecta fires on an external call,
   * this check may set it aside for a send whose every destination is vetted and whose content
   * carries no private data or planted link. Its verdict is in `decision.destinations`.
   */
  destinationCheck?: DestinationChecker;
}

/** Everything a decision reads besides the session's state. */
export interface DecisionInput {
  agentId: string;
  sessionId: string;
  call: ToolCall;
  /** Hash of the call's exact arguments. */
  argsHash: string;
  /** The registered tool, or undefined when the engine does not know it. */
  tool: RegisteredTool | undefined;
  user?: SessionUser;
  /** Milliseconds since the epoch. */
  now: number;
  /** Makes the id of a new approval request. */
  newApprovalId: () => string;
  /** The arguments with secrets masked, for an approval request. */
  redactArgs: (args: unknown) => unknown;
}

/** What a detector sees. */
export interface DetectorContext {
  state: Readonly<SessionState>;
  input: DecisionInput;
  /** The buckets of the called tool as the engine uses them. */
  capabilities: readonly Capability[];
  policy: DecisionPolicy;
}

/** A further rule: looks at a call in its session and reports a violation, or nothing. */
export interface Detector {
  rule: RuleId;
  detect(context: DetectorContext): Omit<Violation, 'enforcement'> | undefined;
  /** Default enforcement when the policy's `rules` names none. */
  enforcement: Enforcement;
  /**
   * The detector's change to the session for a new call (rate windows, repeat counts), applied
   * with the decision. Not called for a call id asked again. Return a new object each time: the
   * engine merges the detectors' updates into it.
   */
  update?(context: DetectorContext): DetectorPatch | undefined;
}

export interface DecisionResult {
  decision: Decision;
  /** The change to the session; empty when the decision changes nothing. */
  patch: StatePatch;
}

const ALL_CAPABILITIES: readonly Capability[] = Object.freeze(CAPABILITIES.slice());
const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

const STRICTNESS: Record<Outcome, number> = { allow: 0, require_approval: 1, deny: 2 };
const OUTCOME_OF: Record<Enforcement, Outcome> = { deny: 'deny', require_approval: 'require_approval', ignore: 'allow' };

/**
 * The decision (DESIGN §2), a pure function of the session's state, the call and the policy.
 * It never changes `state`; the returned patch is what a store applies, atomically with the
 * decision, so that two calls of one session can never each pass alone and together complete
 * the trifecta.
 */
export function decide(state: Readonly<SessionState>, input: DecisionInput, policy: DecisionPolicy): DecisionResult {
  const { call, now } = input;
  const previous = findCall(state, call.toolCallId);
  // The same id for another tool or other arguments. While the earlier call is unfinished the two
  // cannot be told apart: deny. Once it has its response, it is a new call from a server that
  // reuses ids (some OpenAI-compatible servers number calls per response): decided afresh.
  const reused = previous !== undefined && (previous.argsHash !== input.argsHash || previous.decision.tool !== call.tool);
  if (previous && reused && !previous.responded) {
    const decision = baseDecision(input, [], state.exposures);
    decision.outcome = 'deny';
    decision.rule = 'call_id_reused';
    decision.enforcement = 'deny';
    decision.reason = callIdReusedReason(call.toolCallId);
    return { decision, patch: {} };
  }
  if (previous && !reused) return answerAgain(state, input, previous.decision);

  const known = input.tool;
  // An unknown tool is assumed to do everything: if it is let through, its buckets are all of them.
  // Shared, not copied: every decision keeps its buckets for the session's life, and a copy per
  // call is retained memory the garbage collector copies and marks again and again.
  const capabilities: readonly Capability[] = known ? known.capabilities : ALL_CAPABILITIES;
  const violations: Violation[] = [];

  if (!known && policy.unknownTools !== 'assume_all') {
    violations.push({
      rule: 'unexpected_tool',
      enforcement: policy.rules.unexpected_tool ?? policy.unknownTools,
      reason: unexpectedToolReason(call.tool),
      buckets: [],
      provenance: {},
    });
  }

  const required = known?.definition.requiredScopes;
  if (required && required.length > 0) {
    const held = new Set(input.user?.scopes ?? []);
    const missing = required.filter((scope) => !held.has(scope));
    if (missing.length > 0) {
      violations.push({
        rule: 'missing_scope',
        enforcement: policy.rules.missing_scope ?? 'deny',
        reason: missingScopeReason(call.tool, missing),
        buckets: [],
        provenance: {},
      });
    }
  }

  // An unknown tool is decided by `unexpected_tool` alone (its assumed buckets would otherwise
  // always complete the trifecta); under `assume_all` it meets the trifecta rule like any tool.
  const trifecta = known || policy.unknownTools === 'assume_all' ? trifectaViolation(state, input, capabilities, policy) : undefined;
  const context: DetectorContext = { state, input, capabilities, policy };
  // Hook (issue 8): a trifecta on a send whose every destination is trusted or user-named, and
  // whose content carries nothing private or planted, is not egress to an attacker. Strict Rule
  // of Two is opted into for a person in the loop on every A+B+C session: never relaxed.
  const destinations =
    trifecta?.rule === 'lethal_trifecta' && policy.ruleOfTwo !== 'strict' ? policy.destinationCheck?.(context) : undefined;
  if (trifecta && !destinations?.relaxed) violations.push(trifecta);

  for (const detector of policy.detectors) {
    const found = detector.detect(context);
    if (found) violations.push({ ...found, enforcement: policy.rules[detector.rule] ?? detector.enforcement });
  }

  const decision = baseDecision(input, capabilities, state.exposures);
  if (destinations) {
    decision.destinations = destinations;
    if (destinations.relaxed) decision.reason = relaxedReason(call.tool, destinations);
  }
  const result = settle(state, input, policy, decision, violations);
  // Exfiltration evidence enriches the trifecta's reason: it names the call the data came from.
  const evidence = decision.violations.find((violation) => violation.rule === 'private_data_in_egress');
  if (evidence && (decision.rule === 'lethal_trifecta' || decision.rule === 'rule_of_two')) {
    decision.reason = `${decision.reason} ${evidence.reason}`;
  }
  for (const detector of policy.detectors) {
    const update = detector.update?.(context);
    // Detectors write disjoint fields of the patch: merged in place, no copy per detector.
    if (update) result.patch.detectors = result.patch.detectors ? Object.assign(result.patch.detectors, update) : update;
  }
  return result;
}

/** Picks the deciding violation and turns it into the outcome and the state's change. */
function settle(
  state: Readonly<SessionState>,
  input: DecisionInput,
  policy: DecisionPolicy,
  decision: Decision,
  violations: Violation[],
): DecisionResult {
  const { call, now } = input;
  const capabilities = decision.capabilities;
  decision.violations =
    violations.length === 0 ? NO_VIOLATIONS : violations.sort((a, b) => STRICTNESS[OUTCOME_OF[b.enforcement]] - STRICTNESS[OUTCOME_OF[a.enforcement]]);
  const deciding = decision.violations[0];
  if (deciding) {
    decision.rule = deciding.rule;
    decision.enforcement = deciding.enforcement;
    decision.reason = deciding.reason;
    decision.outcome = OUTCOME_OF[deciding.enforcement];
  }

  if (decision.outcome === 'deny') {
    return { decision, patch: { call: { toolCallId: call.toolCallId, record: { argsHash: input.argsHash, decision } } } };
  }
  if (decision.outcome === 'allow') return allow(state, input, decision, {});

  // require_approval: a session-wide grant or an approved, unused request for these exact
  // arguments lets the call run; otherwise a new request is made.
  const grant = state.grants[call.tool];
  if (grant) {
    decision.approvedBy = { approvalId: grant.approvalId, ...(grant.by ? { by: grant.by } : {}), scope: 'session' };
    return allow(state, input, decision, {});
  }
  const approved = findApprovedRequest(state, input);
  if (approved) {
    const used: ApprovalRequest = { ...approved, usedByToolCallId: call.toolCallId };
    decision.approval = used;
    decision.approvedBy = { approvalId: approved.id, ...(approved.resolvedBy ? { by: approved.resolvedBy } : {}), scope: 'call' };
    return allow(state, input, decision, { approval: used });
  }
  const approval: ApprovalRequest = {
    id: input.newApprovalId(),
    agentId: input.agentId,
    sessionId: input.sessionId,
    toolCallId: call.toolCallId,
    tool: call.tool,
    args: input.redactArgs(call.args),
    argsHash: input.argsHash,
    rule: decision.rule ?? 'lethal_trifecta',
    reason: decision.reason,
    capabilities: capabilities.slice(),
    status: 'pending',
    createdAt: now,
    expiresAt: now + policy.approvalTtlMs,
  };
  decision.approval = approval;
  return {
    decision,
    patch: { approval, call: { toolCallId: call.toolCallId, record: { argsHash: input.argsHash, decision } } },
  };
}

function baseDecision(input: DecisionInput, capabilities: readonly Capability[], exposures: Exposures): Decision {
  return {
    outcome: 'allow',
    toolCallId: input.call.toolCallId,
    tool: input.call.tool,
    reason: 'No rule fired.',
    capabilities,
    // `applyPatch` replaces the exposures object instead of changing it: this stays a snapshot.
    exposures,
    violations: NO_VIOLATIONS,
    repeated: false,
    decidedAt: input.now,
  };
}

/** An allowed call brings its buckets into the session at decision time. */
function allow(state: Readonly<SessionState>, input: DecisionInput, decision: Decision, patch: StatePatch): DecisionResult {
  decision.outcome = 'allow';
  const exposures: Exposures = {};
  let added = false;
  for (const bucket of decision.capabilities) {
    if (!state.exposures[bucket]) {
      exposures[bucket] = { tool: input.call.tool, toolCallId: input.call.toolCallId, at: input.now };
      added = true;
    }
  }
  if (added) patch.exposures = exposures;
  patch.call = { toolCallId: input.call.toolCallId, record: { argsHash: input.argsHash, decision } };
  patch.allowedCalls = 1;
  return { decision, patch };
}

function trifectaViolation(
  state: Readonly<SessionState>,
  input: DecisionInput,
  capabilities: readonly Capability[],
  policy: DecisionPolicy,
): Violation | undefined {
  const own = new Set(capabilities);
  const self = { tool: input.call.tool, toolCallId: input.call.toolCallId, at: input.now };
  const provenanceOf = (bucket: Capability) => state.exposures[bucket] ?? (own.has(bucket) ? self : undefined);
  const a = provenanceOf('untrusted_content');
  const b = provenanceOf('private_data');
  const c = provenanceOf('external_or_state_change');
  if (!a || !b) return undefined;

  if (own.has('external_or_state_change')) {
    const provenance: Exposures = { untrusted_content: a, private_data: b, external_or_state_change: self };
    return {
      rule: 'lethal_trifecta',
      enforcement: policy.rules.lethal_trifecta ?? policy.enforcement,
      reason: trifectaReason(input.call.tool, input.call.toolCallId, provenance),
      buckets: [...CAPABILITIES],
      provenance,
    };
  }
  // Strict Rule of Two: A+B+C held together in any order. A call with no bucket at all (a
  // calculator) adds no risk, so it is never the one stopped.
  if (policy.ruleOfTwo === 'strict' && c && capabilities.length > 0) {
    const provenance: Exposures = { untrusted_content: a, private_data: b, external_or_state_change: c };
    return {
      rule: 'rule_of_two',
      enforcement: policy.rules.rule_of_two ?? policy.enforcement,
      reason: ruleOfTwoReason(input.call.tool, input.call.toolCallId, provenance),
      buckets: [...CAPABILITIES],
      provenance,
    };
  }
  return undefined;
}

function findApprovedRequest(state: Readonly<SessionState>, input: DecisionInput): ApprovalRequest | undefined {
  for (const id in state.approvals) {
    const approval = state.approvals[id] as ApprovalRequest;
    if (
      approval.status === 'approved' &&
      approval.usedByToolCallId === undefined &&
      approval.tool === input.call.tool &&
      approval.argsHash === input.argsHash &&
      approval.expiresAt > input.now
    ) {
      return approval;
    }
  }
  return undefined;
}

/**
 * The same `toolCallId` asked again (a resumed run, a parallel sibling): the same answer, or the
 * approval's answer once a person gave it. Never counted twice.
 */
function answerAgain(state: Readonly<SessionState>, input: DecisionInput, previous: Decision): DecisionResult {
  if (previous.outcome !== 'require_approval' || !previous.approval) {
    return { decision: { ...previous, repeated: true }, patch: {} };
  }
  const approval = state.approvals[previous.approval.id] ?? previous.approval;
  const decision: Decision = { ...previous, approval, repeated: true, decidedAt: input.now };

  if (approval.status === 'pending' && approval.expiresAt <= input.now) {
    const expired: ApprovalRequest = { ...approval, status: 'expired', resolvedAt: input.now };
    decision.outcome = 'deny';
    decision.approval = expired;
    decision.reason = `${previous.reason} The approval request expired before anyone answered it.`;
    return { decision, patch: { approval: expired, call: { toolCallId: input.call.toolCallId, record: { argsHash: input.argsHash, decision } } } };
  }
  if (approval.status === 'pending') return { decision, patch: {} };

  if (approval.status === 'approved' && (approval.usedByToolCallId === undefined || approval.usedByToolCallId === input.call.toolCallId)) {
    const used: ApprovalRequest = { ...approval, usedByToolCallId: input.call.toolCallId };
    decision.approval = used;
    decision.repeated = false;
    decision.approvedBy = { approvalId: approval.id, ...(approval.resolvedBy ? { by: approval.resolvedBy } : {}), scope: approval.scope ?? 'call' };
    return allow(state, input, decision, { approval: used });
  }

  const who = approval.resolvedBy ?? 'A person';
  const said = approval.resolution?.trim();
  const why = said ? `: ${said}${/[.!?]$/.test(said) ? '' : '.'}` : '.';
  decision.outcome = 'deny';
  decision.reason =
    approval.status === 'expired'
      ? `${previous.reason} The approval request expired before anyone answered it.`
      : approval.status === 'denied'
        ? `${previous.reason} ${who} denied it${why}`
        : `${previous.reason} Its approval was already used by another call.`;
  return { decision, patch: { call: { toolCallId: input.call.toolCallId, record: { argsHash: input.argsHash, decision } } } };
}
