import type { ApprovalRequest } from './approval.js';
import { CAPABILITIES, type Capability } from './capabilities.js';
import { sessionQueueKey, type OsoInternals } from './create-oso.js';
import { decide, type DecisionInput } from './decide.js';
import type { Decision, Exposures } from './decision.js';
import { ApprovalRequiredError, OsoError, StoreUnavailableError, ToolDeniedError } from './errors.js';
import {
  type EventBody,
  recordableEventSchema,
  toolCallSchema,
  type OsoEvent,
  type RecordableEvent,
  type SessionMetadata,
} from './events.js';
import { hashArguments } from './stable-json.js';
import { isEmptyPatch, recordMark, type StatePatch } from './session-state.js';
import type { SessionKey, UnsequencedEvent } from './session-store.js';
import { parseWith } from './validate.js';

/** A tool call as callers pass it; `args` may be any JSON value (a model's malformed call is still gated). */
export interface ToolCallInput {
  toolCallId: string;
  /** Full tool name, `integration.name`. */
  tool: string;
  args?: unknown;
}

const MAX_COMMIT_ATTEMPTS = 5;

/**
 * One conversation of an agent. Decisions within it are serialised; its state lives in the store,
 * so a session object is cheap and any number can exist for the same id.
 */
export class OsoSession {
  readonly agentId: string;
  readonly sessionId: string;
  readonly metadata: SessionMetadata | undefined;
  private readonly key: SessionKey;
  private readonly queueKey: string;

  constructor(
    private readonly engine: OsoInternals,
    key: SessionKey,
    metadata: SessionMetadata | undefined,
  ) {
    this.key = key;
    this.agentId = key.agentId;
    this.sessionId = key.sessionId;
    this.metadata = metadata;
    this.queueKey = sessionQueueKey(key);
  }

  /**
   * Records a conversation event (validated; secrets masked per `capture.content`). An event seen
   * twice — a request or response per `toolCallId`, a message per `messageId` — is kept once, so a
   * capture middleware and the gate can both record. A response to a call the engine never decided
   * (capture only) still brings the tool's buckets into the session.
   */
  async record(event: RecordableEvent): Promise<void> {
    const parsed = parseWith(recordableEventSchema, event, 'event');
    const stored = this.stamp(this.captured(parsed));
    const mark = recordMark(parsed);
    if (!mark) {
      await this.engine.store.append(this.key, [stored]);
      return;
    }
    await this.engine.queue.run(this.queueKey, async () => {
      for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
        const loaded = this.engine.store.load(this.key);
        const state = loaded instanceof Promise ? await loaded : loaded;
        if (state.recorded[mark]) return;
        const patch: StatePatch = { recorded: [mark] };
        if (parsed.type === 'tool_call_response' && !state.calls[parsed.toolCallId]) {
          const known = this.engine.registry.get(parsed.tool);
          const buckets: readonly Capability[] = known ? known.capabilities : CAPABILITIES;
          const at = stored.timestamp;
          for (const bucket of buckets) {
            if (!state.exposures[bucket]) (patch.exposures ??= {})[bucket] = { tool: parsed.tool, toolCallId: parsed.toolCallId, at };
          }
        }
        const committed = this.engine.store.commit(this.key, state.version, patch, [stored]);
        if (committed instanceof Promise ? await committed : committed) return;
      }
      throw new StoreUnavailableError({ message: 'The session changed too often to record the event.' });
    });
  }

  /**
   * Decides a tool call before it runs: `allow`, `deny`, or `require_approval` (with the persisted
   * request in `decision.approval`). Idempotent per `toolCallId`. Never throws for a failure of the
   * store or a timeout: that is a denial (or, with `failureMode: 'open'`, an allow) with rule
   * `engine_error`. Throws `OsoValidationError` only for a call without an id or tool name.
   */
  async authorize(callInput: ToolCallInput): Promise<Decision> {
    const call = parseWith(toolCallSchema, { ...callInput, args: normaliseArgs(callInput?.args) }, 'tool call');
    const { options } = this.engine;
    try {
      return await this.engine.deadlines.race(
        this.engine.queue.run(this.queueKey, () => this.decideAndCommit(call)),
        options.decisionTimeoutMs,
        () => new StoreUnavailableError({ message: `No decision within ${options.decisionTimeoutMs} ms.` }),
      );
    } catch (error) {
      return this.failureDecision(call, error);
    }
  }

  /**
   * Settles a `require_approval` decision: awaits `onApproval` (a timeout or a failing handler is
   * a denial) and returns the decision for the same call afterwards. Without a handler it throws
   * `ApprovalRequiredError` carrying the persisted request. Other decisions are returned as they are.
   */
  async awaitApproval(decision: Decision, call: ToolCallInput): Promise<Decision> {
    if (decision.outcome !== 'require_approval' || !decision.approval) return decision;
    const handler = this.engine.options.onApproval;
    if (!handler) throw new ApprovalRequiredError({ decision: decision as Decision & { approval: ApprovalRequest } });

    const approval = decision.approval;
    const timeoutMs = this.engine.options.approvalTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    let answer: { approved: boolean; by?: string; reason?: string; scope?: 'call' | 'session' };
    try {
      answer = await Promise.race([
        Promise.resolve(handler(approval)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
        }),
      ]);
    } catch (error) {
      // A handler that fails or does not answer in time is a denial: fail closed.
      const timedOut = error instanceof Error && error.message === 'timeout';
      answer = { approved: false, reason: timedOut ? `no answer within ${timeoutMs} ms` : 'the approval handler failed' };
    } finally {
      clearTimeout(timer);
    }
    try {
      await this.engine.resolveApproval(approval.id, answer);
    } catch (error) {
      // Someone answered first (resolveApproval out of band): their answer stands.
      if (!OsoError.isInstance(error) || error.code !== 'approval_error') throw error;
    }
    return this.authorize(call);
  }

  /**
   * authorize → (await approval | throw) → execute → record the response, in one call: what
   * adapters use. A denied call never executes: `ToolDeniedError`, whose message is safe for a model.
   */
  async run<Output>(call: ToolCallInput, execute: (args: unknown) => Output | Promise<Output>): Promise<Output> {
    const decision = await this.awaitApproval(await this.authorize(call), call);
    if (decision.outcome !== 'allow') throw new ToolDeniedError({ decision });
    let output: Output;
    try {
      output = await execute(normaliseArgs(call.args));
    } catch (error) {
      await this.recordQuietly({
        type: 'tool_call_response',
        toolCallId: call.toolCallId,
        tool: call.tool,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
    await this.recordQuietly({ type: 'tool_call_response', toolCallId: call.toolCallId, tool: call.tool, output });
    return output;
  }

  /** The session's events, decisions and approvals in order, as captured (secrets masked). */
  async timeline(): Promise<OsoEvent[]> {
    return this.engine.store.events(this.key);
  }

  /** The buckets the session holds, each with the event that first brought it. */
  async exposures(): Promise<Exposures> {
    const state = await this.engine.store.load(this.key);
    return { ...state.exposures };
  }

  private async decideAndCommit(call: { toolCallId: string; tool: string; args: unknown }): Promise<Decision> {
    const { store, registry, policy, now, newId, redact } = this.engine;
    const argsHash = hashArguments(call.args);
    const user = this.metadata?.user;
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      const loaded = store.load(this.key);
      const state = loaded instanceof Promise ? await loaded : loaded;
      const input: DecisionInput = {
        agentId: this.agentId,
        sessionId: this.sessionId,
        call: call as DecisionInput['call'],
        argsHash,
        tool: registry.get(call.tool),
        ...(user ? { user } : {}),
        now: now(),
        newApprovalId: newId,
        displayArgs: () => redact(call.args),
      };
      const { decision, patch } = decide(state, input, policy);
      if (isEmptyPatch(patch)) return decision;

      const events: UnsequencedEvent[] = [];
      const requestMark = `req:${call.toolCallId}`;
      if (!state.recorded[requestMark]) {
        (patch.recorded ??= []).push(requestMark);
        events.push(this.stamp(this.captured({ type: 'tool_call_request', toolCallId: call.toolCallId, tool: call.tool, args: call.args })));
      }
      events.push(this.stamp({ type: 'decision', decision }));
      if (patch.approval && patch.approval.status === 'pending' && !state.approvals[patch.approval.id]) {
        events.push(this.stamp({ type: 'approval_requested', approval: patch.approval }));
      }
      const committed = store.commit(this.key, state.version, patch, events);
      if (committed instanceof Promise ? await committed : committed) return decision;
    }
    throw new StoreUnavailableError({ message: 'The session changed too often to decide; giving up.' });
  }

  private failureDecision(call: { toolCallId: string; tool: string }, error: unknown): Decision {
    const open = this.engine.options.failureMode === 'open';
    const detail = OsoError.isInstance(error) ? error.message : 'the engine failed';
    this.engine.options.onError?.(error);
    return {
      outcome: open ? 'allow' : 'deny',
      toolCallId: call.toolCallId,
      tool: call.tool,
      rule: 'engine_error',
      enforcement: open ? 'ignore' : 'deny',
      reason: open
        ? `The security policy could not decide (${detail}); allowed because the engine is configured to fail open.`
        : `The security policy could not decide (${detail}), so the action was not run.`,
      capabilities: [],
      exposures: {},
      violations: [],
      repeated: false,
      decidedAt: this.engine.now(),
    };
  }

  private async recordQuietly(event: RecordableEvent): Promise<void> {
    try {
      await this.record(event);
    } catch (error) {
      // Capture is a side channel: the tool already ran, and a failure here must not change that.
      this.engine.options.onError?.(error);
    }
  }

  private captured<Event extends RecordableEvent>(event: Event): Event {
    const mode = this.engine.options.capture.content;
    if (mode === 'full') return event;
    if (mode === 'redacted') {
      const { redact } = this.engine;
      switch (event.type) {
        case 'message_from_user':
        case 'message_to_user':
          return { ...event, content: redact(event.content) };
        case 'tool_call_request':
          return { ...event, args: redact(event.args) };
        case 'tool_call_response':
          return event.output === undefined ? event : { ...event, output: redact(event.output) };
      }
    }
    switch (event.type) {
      case 'message_from_user':
      case 'message_to_user':
        return { ...event, content: omitted(event.content) };
      case 'tool_call_request':
        return { ...event, args: omitted(event.args) };
      case 'tool_call_response':
        return event.output === undefined ? event : { ...event, output: omitted(event.output) };
    }
    return event;
  }

  private stamp(body: EventBody): UnsequencedEvent {
    return {
      ...body,
      agentId: this.agentId,
      sessionId: this.sessionId,
      timestamp: this.engine.now(),
      ...(this.metadata ? { metadata: this.metadata } : {}),
    };
  }
}

function normaliseArgs(args: unknown): unknown {
  return args === undefined || args === null ? {} : args;
}

function omitted(value: unknown): string {
  const size = typeof value === 'string' ? value.length : JSON.stringify(value ?? null)?.length ?? 0;
  return `[omitted: ${size} characters]`;
}
