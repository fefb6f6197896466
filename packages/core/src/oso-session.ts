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
import { createSessionState, findCall, isEmptyPatch, isRecorded, markRecorded, recordMark, type SessionState, type StatePatch } from './session-state.js';
import type { DetectorPatch } from './detectors/detector-state.js';
import { observeEvent } from './detectors/observe-event.js';
import { screenOutput, type OutputScreen } from './detectors/output-exfiltration.js';
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

/** A change to commit to a session, and what to answer once it is committed. */
interface Transaction<Result> {
  result: Result;
  /** Absent when nothing changes. */
  patch?: StatePatch;
  events?: UnsequencedEvent[];
}

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
    const pending = this.recordValid(parseWith(recordableEventSchema, event, 'event'));
    if (pending) await pending;
  }

  /**
   * `record` for an event already known to be valid (the engine's own). Synchronous when the store
   * is (no promise on the hot path); a promise otherwise.
   */
  private recordValid(parsed: RecordableEvent): void | Promise<void> {
    const stored = this.stamp(this.captured(parsed));
    const mark = recordMark(parsed);
    // Hook (issue 8): the detectors keep fingerprints (never the values) of what the user wrote
    // and of what private-data and untrusted-content tools returned. Taken from the event as it
    // was, before redaction, and outside the session's queue.
    const observed = this.observe(parsed, stored.timestamp);
    if (!mark && !observed) return this.engine.store.append(this.key, [stored]);
    return this.engine.queue.run(this.queueKey, () =>
      this.transact<void>((state) => {
        if (mark && isRecorded(state, parsed, mark)) return { result: undefined };
        const patch: StatePatch = mark ? markRecorded(state, parsed, mark) : {};
        if (observed) patch.detectors = observed;
        if (parsed.type === 'tool_call_response' && !findCall(state, parsed.toolCallId)) {
          const known = this.engine.registry.get(parsed.tool);
          const buckets: readonly Capability[] = known ? known.capabilities : CAPABILITIES;
          const at = stored.timestamp;
          for (const bucket of buckets) {
            if (!state.exposures[bucket]) (patch.exposures ??= {})[bucket] = { tool: parsed.tool, toolCallId: parsed.toolCallId, at };
          }
        }
        return { result: undefined, patch, events: [stored] };
      }),
    );
  }

  /**
   * Screens a message before it is shown to the user (`output_exfiltration`): while the session
   * holds untrusted content and private data, images and links that could carry data to a host
   * outside `outputAllowlist` are removed (`detection.outputExfiltration: 'strip'`, the default)
   * or only reported (`'alert'`). Either way the finding is recorded in the timeline as an
   * `output_screened` event. Adapters apply it to streamed text too. When the session's state
   * cannot be read, it screens as if both buckets were held (fail closed).
   */
  async screenMessage(content: string): Promise<OutputScreen> {
    const output = this.engine.detection.output;
    if (!output || !content.includes('http')) return { content, hosts: [] };
    let state: SessionState;
    try {
      state = await this.engine.store.load(this.key);
    } catch (error) {
      this.engine.options.onError?.(error);
      const unknown = { tool: 'unknown', toolCallId: 'unknown', at: this.engine.now() };
      state = { ...createSessionState(), exposures: { untrusted_content: unknown, private_data: unknown } };
    }
    const screen = screenOutput(content, state, { ...output, seed: this.engine.detection.seed });
    if (screen.violation) {
      // The finding goes into the timeline whatever the enforcement: under `alert` this is the
      // only trace of it. A side channel: failing to record never changes what is shown.
      const event = this.stamp({ type: 'output_screened', violation: screen.violation, hosts: screen.hosts, stripped: output.enforcement === 'strip' });
      try {
        const appended = this.engine.store.append(this.key, [event]);
        if (appended instanceof Promise) await appended;
      } catch (error) {
        this.engine.options.onError?.(error);
      }
    }
    return screen;
  }

  /**
   * Decides a tool call before it runs: `allow`, `deny`, or `require_approval` (with the persisted
   * request in `decision.approval`). Idempotent per `toolCallId`. Never throws for a failure of the
   * store or a timeout: that is a denial (or, with `failureMode: 'open'`, an allow) with rule
   * `engine_error`. Throws `OsoValidationError` only for a call without an id or tool name.
   */
  async authorize(callInput: ToolCallInput): Promise<Decision> {
    return this.decideCall(validCall(callInput));
  }

  /** `authorize` for a valid call: the decision itself when the store answers synchronously (no promise on the hot path). */
  private decideCall(call: { toolCallId: string; tool: string; args: unknown }): Decision | Promise<Decision> {
    try {
      const argsHash = hashArguments(call.args);
      const pending = this.engine.queue.run(this.queueKey, () => this.transact((state) => this.prepareDecision(state, call, argsHash)));
      // A synchronous store (the memory store) has decided already: nothing can hang.
      if (!(pending instanceof Promise)) return pending;
      const { options } = this.engine;
      return this.engine.deadlines
        .race(pending, options.decisionTimeoutMs, () => new StoreUnavailableError({ message: `No decision within ${options.decisionTimeoutMs} ms.` }))
        .catch((error: unknown) => this.failureDecision(call, error));
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
  async run<Output>(callInput: ToolCallInput, execute: (args: unknown) => Output | Promise<Output>): Promise<Output> {
    const call = validCall(callInput);
    // The decision is awaited only when the store is asynchronous: each `await` is a trip through
    // the microtask queue, and this is every tool call's path. The tool's result is always awaited,
    // so calls run in parallel interleave as they do in the frameworks (each decided before any
    // of them records its response).
    const decided = this.decideCall(call);
    let decision = decided instanceof Promise ? await decided : decided;
    if (decision.outcome === 'require_approval') decision = await this.awaitApproval(decision, call);
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
    const recorded = this.recordQuietly({ type: 'tool_call_response', toolCallId: call.toolCallId, tool: call.tool, output });
    if (recorded) await recorded;
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

  /** The decision for a call on the given state, with the change and events to commit. */
  private prepareDecision(state: SessionState, call: { toolCallId: string; tool: string; args: unknown }, argsHash: string): Transaction<Decision> {
    const { registry, policy, now, newId, redact } = this.engine;
    const user = this.metadata?.user;
    const input: DecisionInput = {
      agentId: this.agentId,
      sessionId: this.sessionId,
      call: call as DecisionInput['call'],
      argsHash,
      tool: registry.get(call.tool),
      user,
      now: now(),
      newApprovalId: newId,
      redactArgs: redact,
    };
    const { decision, patch } = decide(state, input, policy);
    // An answer given before changes nothing; a new answer that changes no state (a reused call
    // id refused) is still recorded.
    if (isEmptyPatch(patch) && decision.repeated) return { result: decision };

    const events: UnsequencedEvent[] = [];
    // A first decision records the request, unless capture recorded it already (the call's
    // record, committed with this decision, marks it from now on).
    const earlier = findCall(state, call.toolCallId);
    const fresh = !earlier || earlier.argsHash !== argsHash || earlier.decision.tool !== call.tool;
    if (fresh && !state.recorded?.has(`req:${call.toolCallId}`)) {
      events.push(this.stamp(this.captured({ type: 'tool_call_request', toolCallId: call.toolCallId, tool: call.tool, args: call.args }), input.now));
    }
    if (patch.approval?.status === 'expired' && state.approvals[patch.approval.id]?.status === 'pending') {
      // Found expired when the call is asked again: closed in the timeline as `resolveApproval` closes it.
      events.push(this.stamp({ type: 'approval_resolved', approval: patch.approval }, input.now));
    }
    events.push(this.stamp({ type: 'decision', decision }, input.now));
    if (patch.approval && patch.approval.status === 'pending' && !state.approvals[patch.approval.id]) {
      events.push(this.stamp({ type: 'approval_requested', approval: patch.approval }, input.now));
    }
    return { result: decision, patch, events };
  }

  /**
   * Loads the session, prepares a change and commits it (compare-and-set on the version), deciding
   * again on fresh state after a conflict. Runs synchronously when the store does (the memory
   * store), so the hot path allocates no promises; asynchronously otherwise.
   */
  private transact<Result>(prepare: (state: SessionState) => Transaction<Result>, attempt = 0): Result | Promise<Result> {
    if (attempt >= MAX_COMMIT_ATTEMPTS) {
      throw new StoreUnavailableError({ message: 'The session changed too often to commit a change; giving up.' });
    }
    const { store } = this.engine;
    const finish = (state: SessionState): Result | Promise<Result> => {
      const change = prepare(state);
      if (!change.patch) return change.result;
      const committed = store.commit(this.key, state.version, change.patch, change.events ?? []);
      if (committed instanceof Promise) {
        return committed.then((ok) => (ok ? change.result : this.transact(prepare, attempt + 1)));
      }
      return committed ? change.result : this.transact(prepare, attempt + 1);
    };
    const loaded = store.load(this.key);
    return loaded instanceof Promise ? loaded.then(finish) : finish(loaded);
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

  private observe(event: RecordableEvent, at: number): DetectorPatch | undefined {
    const { detection, registry } = this.engine;
    if (!detection.fingerprints) return undefined;
    if (event.type !== 'message_from_user' && event.type !== 'tool_call_response') return undefined;
    const buckets = event.type === 'tool_call_response' ? registry.get(event.tool)?.capabilities : undefined;
    return observeEvent(event, buckets, at, { seed: detection.seed, maxPerEvent: detection.maxFingerprints });
  }

  /** Capture is a side channel: the tool already ran, and a failure here must not change that. */
  private recordQuietly(event: RecordableEvent): void | Promise<void> {
    const report = (error: unknown) => this.engine.options.onError?.(error);
    try {
      const pending = this.recordValid(event);
      if (pending) return pending.catch(report);
    } catch (error) {
      report(error);
    }
  }

  private captured<Event extends RecordableEvent>(event: Event): Event {
    const mode = this.engine.options.capture.content;
    if (mode === 'full') return event;
    if (mode === 'redacted') {
      const { redact } = this.engine;
      switch (event.type) {
        // The redactor returns its input when nothing was masked: then no copy is made.
        case 'message_from_user':
        case 'message_to_user': {
          const content = redact(event.content);
          return content === event.content ? event : { ...event, content };
        }
        case 'tool_call_request': {
          const args = redact(event.args);
          return args === event.args ? event : { ...event, args };
        }
        case 'tool_call_response': {
          const output = redact(event.output);
          return output === event.output ? event : { ...event, output };
        }
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

  /** Stamps an event the engine made for this purpose alone, in place (no copy on the hot path). */
  private stamp(body: EventBody, at = this.engine.now()): UnsequencedEvent {
    const event = body as UnsequencedEvent;
    event.agentId = this.agentId;
    event.sessionId = this.sessionId;
    event.timestamp = at;
    if (this.metadata) event.metadata = this.metadata;
    return event;
  }
}

/**
 * The call, checked: the common well-formed call is taken as it is (no copy on the hot path);
 * anything else goes through the zod schema, whose error names the field.
 */
function validCall(input: ToolCallInput): { toolCallId: string; tool: string; args: unknown } {
  if (
    typeof input === 'object' &&
    input !== null &&
    typeof input.toolCallId === 'string' &&
    input.toolCallId.length > 0 &&
    typeof input.tool === 'string' &&
    input.tool.length > 0
  ) {
    return input.args === undefined || input.args === null ? { toolCallId: input.toolCallId, tool: input.tool, args: {} } : (input as { toolCallId: string; tool: string; args: unknown });
  }
  return parseWith(toolCallSchema, { ...input, args: normaliseArgs(input?.args) }, 'tool call');
}

function normaliseArgs(args: unknown): unknown {
  return args === undefined || args === null ? {} : args;
}

function omitted(value: unknown): string {
  const size = typeof value === 'string' ? value.length : JSON.stringify(value ?? null)?.length ?? 0;
  return `[omitted: ${size} characters]`;
}
