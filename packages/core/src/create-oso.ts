import { randomUUID } from 'node:crypto';
import { approvalAnswerSchema, type ApprovalAnswer, type ApprovalRequest } from './approval.js';
import type { DecisionPolicy } from './decide.js';
import type { Enforcement, RuleId } from './decision.js';
import { DeadlineRace } from './deadline-race.js';
import { builtInDetection, type BuiltInDetection } from './detectors/built-in-detectors.js';
import { ApprovalError } from './errors.js';
import { sessionMetadataSchema, type SessionMetadata } from './events.js';
import { MemorySessionStore } from './memory-store.js';
import { createOsoOptionsSchema, type CreateOsoOptions, type ResolvedOsoOptions } from './options.js';
import { OsoSession } from './oso-session.js';
import { redactSecrets, type Redactor } from './redact.js';
import { KeyedSerialQueue } from './serial-queue.js';
import type { StatePatch } from './session-state.js';
import type { SessionKey, SessionStore } from './session-store.js';
import type { RegisteredTool, ToolDefinition } from './tool.js';
import { ToolRegistry } from './tool-registry.js';
import { parseWith } from './validate.js';

/** The engine: knows the tools, holds the policy, and opens sessions. */
export interface Oso {
  readonly agentId: string;
  readonly options: Readonly<ResolvedOsoOptions>;
  readonly store: SessionStore;
  /**
   * Registers an integration's tools (`gmail` + `send_email` → `gmail.send_email`) and returns each
   * with its classification. Registering again keeps a manual override unless a new one is given.
   */
  registerTools(integration: string, tools: readonly ToolDefinition[]): RegisteredTool[];
  /** A registered tool by full name. */
  getTool(fullName: string): RegisteredTool | undefined;
  /** Every registered tool. */
  listTools(): RegisteredTool[];
  /** A session of this agent; cheap: its state lives in the store. */
  session(sessionId: string, metadata?: SessionMetadata): OsoSession;
  /** Records a person's answer to an approval request and returns the answered request. */
  resolveApproval(approvalId: string, answer: ApprovalAnswer): Promise<ApprovalRequest>;
  /** An approval request by id, or undefined. */
  getApproval(approvalId: string): Promise<ApprovalRequest | undefined>;
}

/** Internals a session needs from its engine. */
export interface OsoInternals {
  readonly options: ResolvedOsoOptions;
  readonly policy: DecisionPolicy;
  readonly store: SessionStore;
  readonly registry: ToolRegistry;
  readonly queue: KeyedSerialQueue;
  readonly deadlines: DeadlineRace;
  readonly redact: Redactor;
  readonly now: () => number;
  readonly newId: () => string;
  /** The built-in detectors' settings the session needs (fingerprints on record, output screening). */
  readonly detection: BuiltInDetection;
  resolveApproval(approvalId: string, answer: ApprovalAnswer): Promise<ApprovalRequest>;
}

/**
 * Creates the engine. One per agent and process; share its store across instances (the Redis store)
 * to scale out.
 *
 * ```ts
 * const oso = createOso({ agentId: 'support-bot', environment: 'production' });
 * oso.registerTools('gmail', [{ name: 'send_email', description: 'Send an email' }]);
 * const decision = await oso.session('s1').authorize({ toolCallId: 'c1', tool: 'gmail.send_email', args: {} });
 * ```
 */
export function createOso(options: CreateOsoOptions): Oso {
  const resolved = parseWith(createOsoOptionsSchema, options, 'createOso options');
  const now = resolved.now ?? Date.now;
  const enforcement: Enforcement =
    resolved.enforcement ?? (resolved.environment === 'development' ? 'require_approval' : 'deny');
  const detection = builtInDetection(resolved.detection, {
    enforcement,
    trustedDestinations: resolved.trustedDestinations,
    outputAllowlist: resolved.outputAllowlist,
  });
  const store = resolved.store ?? new MemorySessionStore({ now, maxFingerprintsPerSession: detection.maxFingerprints });
  const policy: DecisionPolicy = {
    enforcement,
    ruleOfTwo: resolved.ruleOfTwo,
    unknownTools: resolved.unknownTools,
    rules: resolved.rules as Partial<Record<RuleId, Enforcement>>,
    approvalTtlMs: resolved.approvalTtlMs,
    // The built-in detectors first, then the caller's own.
    detectors: [...detection.detectors, ...resolved.detectors],
    ...(detection.destinationCheck ? { destinationCheck: detection.destinationCheck } : {}),
  };
  const registry = new ToolRegistry(resolved.classifier);
  const queue = new KeyedSerialQueue();
  const agentId = resolved.agentId;

  const internals: OsoInternals = {
    options: resolved,
    policy,
    store,
    registry,
    queue,
    deadlines: new DeadlineRace(),
    redact: resolved.capture.redact ?? redactSecrets,
    now,
    newId: () => `apr_${randomUUID()}`,
    detection,
    resolveApproval,
  };

  async function findApproval(approvalId: string): Promise<{ key: SessionKey; approval: ApprovalRequest } | undefined> {
    const key = await store.findApproval(approvalId);
    if (!key || key.agentId !== agentId) return undefined;
    const state = await store.load(key);
    const approval = state.approvals[approvalId];
    return approval ? { key, approval } : undefined;
  }

  async function resolveApproval(approvalId: string, answerInput: ApprovalAnswer): Promise<ApprovalRequest> {
    const answer = parseWith(approvalAnswerSchema, answerInput, 'approval answer');
    const found = await findApproval(approvalId);
    if (!found) throw new ApprovalError({ reason: 'not_found', approvalId });
    const { key } = found;
    return queue.run(sessionQueueKey(key), async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const state = await store.load(key);
        const approval = state.approvals[approvalId];
        if (!approval) throw new ApprovalError({ reason: 'not_found', approvalId });
        const at = now();
        if (approval.status !== 'pending') {
          throw new ApprovalError({ reason: approval.status === 'expired' ? 'expired' : 'already_resolved', approvalId });
        }
        let resolved: ApprovalRequest;
        const patch: StatePatch = {};
        if (approval.expiresAt <= at) {
          resolved = { ...approval, status: 'expired', resolvedAt: at };
        } else {
          resolved = {
            ...approval,
            status: answer.approved ? 'approved' : 'denied',
            resolvedAt: at,
            scope: answer.scope ?? 'call',
            ...(answer.by !== undefined ? { resolvedBy: answer.by } : {}),
            ...(answer.reason !== undefined ? { resolution: answer.reason } : {}),
          };
          if (answer.approved && answer.scope === 'session') {
            patch.grant = {
              tool: approval.tool,
              grant: { approvalId, at, ...(answer.by !== undefined ? { by: answer.by } : {}) },
            };
          }
        }
        patch.approval = resolved;
        const event = { type: 'approval_resolved' as const, approval: resolved, agentId, sessionId: key.sessionId, timestamp: at };
        if (await store.commit(key, state.version, patch, [event])) {
          if (resolved.status === 'expired') throw new ApprovalError({ reason: 'expired', approvalId });
          return resolved;
        }
      }
      throw new ApprovalError({ reason: 'already_resolved', approvalId });
    });
  }

  return {
    agentId,
    options: resolved,
    store,
    registerTools: (integration, tools) => registry.register(integration, tools),
    getTool: (fullName) => registry.get(fullName),
    listTools: () => registry.list(),
    session(sessionId, metadata) {
      const parsedId = parseWith(createOsoOptionsSchema.shape.agentId, sessionId, 'session id');
      const parsedMetadata = metadata === undefined ? undefined : parseWith(sessionMetadataSchema, metadata, 'session metadata');
      return new OsoSession(internals, { agentId, sessionId: parsedId }, parsedMetadata);
    },
    resolveApproval,
    async getApproval(approvalId) {
      return (await findApproval(approvalId))?.approval;
    },
  };
}

/** The serial-queue key of a session. */
export function sessionQueueKey(key: SessionKey): string {
  return `${key.agentId}\u0000${key.sessionId}`;
}
