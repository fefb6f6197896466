import type { ApprovalRequest } from './approval.js';
import type { Capability } from './capabilities.js';
import type { Decision, Exposures, Provenance } from './decision.js';
import { trimOldestEntries } from './bounded-map.js';
import { applyDetectorPatch, type DetectorPatch, type DetectorState } from './detectors/detector-state.js';

/** What the engine remembers of a decided call, for idempotency per `toolCallId`. */
export interface CallRecord {
  argsHash: string;
  decision: Decision;
  /** Set once the call's response was recorded, so it is recorded once. */
  responded?: boolean;
}

/** A session-wide approval of one tool (`scope: 'session'`). */
export interface SessionGrant {
  approvalId: string;
  by?: string;
  at: number;
}

/**
 * The decision-relevant state of one session: plain data (structured-cloneable; the per-call
 * indexes are Maps, which a store writing JSON converts). It only grows within a session
 * (exposures never decay), bounded by the store's caps on calls and approvals.
 */
export interface SessionState {
  /** Bumped on every committed change; stores use it for compare-and-set. */
  version: number;
  exposures: Exposures;
  /**
   * Decided calls by `toolCallId`: the newer half of what is remembered (read through
   * `findCall`, which also looks in `olderCalls`). A Map, not an object: looking up a call id a
   * framework just made costs a tenth in a Map (V8 internalises a new string used as an object key).
   */
  calls: Map<string, CallRecord>;
  /**
   * The half before `calls`. When `calls` holds half the cap it becomes `olderCalls` and the one
   * before is forgotten whole: a session remembers between half and all of `maxCalls` calls,
   * oldest forgotten first. Two generations instead of one Map cut from its front: deleting
   * entries one by one from a large Map that lives long makes every garbage collection dearer
   * (measured: about a fifth of a decision's cost in a session of 2,000 calls).
   */
  olderCalls?: Map<string, CallRecord>;
  /** Approval requests of this session by id. */
  approvals: Record<string, ApprovalRequest>;
  /** Tools approved for the rest of the session. */
  grants: Record<string, SessionGrant>;
  /** Allowed tool calls so far. */
  callCount: number;
  /**
   * What was already captured, so an event seen twice (by a capture middleware and by the gate,
   * or on every step of a loop) is kept once: `req:<toolCallId>`, `res:<toolCallId>`, `msg:<messageId>`.
   * A call the engine decided needs no mark: its `calls` record says it (see `isRecorded`).
   * Created on first use: a session whose events are all the gate's own carries none.
   */
  recorded?: Map<string, 1>;
  /**
   * What the behaviour detectors remember (fingerprints, rate windows); created on first use, so
   * a session no detector touched carries none of it.
   */
  detectors?: DetectorState;
}

/**
 * The change one decision or approval makes to a session, expressed as a delta so that applying it
 * costs the same whatever the session's length (and a store can apply it in one round trip).
 */
export interface StatePatch {
  /** Buckets newly brought into the session. */
  exposures?: Partial<Record<Capability, Provenance>>;
  /** A decided call to remember (insert or replace). */
  call?: { toolCallId: string; record: CallRecord };
  /** An approval request to insert or replace. */
  approval?: ApprovalRequest;
  /** A session-wide grant for a tool. */
  grant?: { tool: string; grant: SessionGrant };
  /** Added to `callCount`. */
  allowedCalls?: number;
  /** Capture marks to set (see `SessionState.recorded`). */
  recorded?: string[];
  /** A decided call whose response was recorded. */
  responded?: string;
  /** Changes to the detectors' state (fingerprints of a response or message, rate, repeats). */
  detectors?: DetectorPatch;
}

export function createSessionState(): SessionState {
  return {
    version: 0,
    exposures: {},
    calls: new Map(),
    approvals: {},
    grants: {},
    callCount: 0,
  };
}

/** The record of a decided call, in either generation of `calls`. */
export function findCall(state: Readonly<SessionState>, toolCallId: string): CallRecord | undefined {
  return state.calls.get(toolCallId) ?? state.olderCalls?.get(toolCallId);
}

export function isEmptyPatch(patch: StatePatch): boolean {
  return !patch.exposures && !patch.call && !patch.approval && !patch.grant && !patch.allowedCalls && !patch.recorded && !patch.responded && !patch.detectors;
}

/** Limits that keep one session's state bounded. */
export interface StateBounds {
  /** Decided calls remembered for idempotency; the oldest are forgotten first. */
  maxCalls: number;
  /** Approval requests remembered; resolved ones are forgotten first. */
  maxApprovals: number;
  /** Fingerprints kept per kind by the detectors. Default 4,000. */
  maxFingerprints?: number;
}

/** An event that is kept once per session: a call's request or response, a message with an id. */
export interface OnceEvent {
  type: string;
  toolCallId?: string;
  messageId?: string;
}

/** The capture mark of an event that should be kept once, if any. */
export function recordMark(event: OnceEvent): string | undefined {
  if (event.type === 'tool_call_request') return `req:${event.toolCallId}`;
  if (event.type === 'tool_call_response') return `res:${event.toolCallId}`;
  if ((event.type === 'message_from_user' || event.type === 'message_to_user') && event.messageId) return `msg:${event.messageId}`;
  return undefined;
}

/**
 * Whether the session already holds this event. A decided call's request was recorded with its
 * decision, and its response is flagged on its call record; other events carry a mark.
 */
export function isRecorded(state: Readonly<SessionState>, event: OnceEvent, mark: string): boolean {
  if (event.toolCallId !== undefined) {
    const call = findCall(state, event.toolCallId);
    if (call) return event.type === 'tool_call_request' || call.responded === true;
  }
  return state.recorded?.has(mark) === true;
}

/** The patch that marks an event as recorded. */
export function markRecorded(state: Readonly<SessionState>, event: OnceEvent, mark: string): StatePatch {
  if (event.type === 'tool_call_response' && event.toolCallId !== undefined && findCall(state, event.toolCallId)) {
    return { responded: event.toolCallId };
  }
  return { recorded: [mark] };
}

/**
 * Applies a patch in place. Exposures keep their first provenance: a bucket already held is never
 * overwritten. Used by stores, inside whatever makes their commit atomic.
 */
export function applyPatch(state: SessionState, patch: StatePatch, bounds: StateBounds): void {
  if (patch.exposures) {
    // Replaced, never changed in place: a decision may keep the object as its snapshot.
    const exposures = { ...state.exposures };
    for (const key of Object.keys(patch.exposures) as Capability[]) {
      if (!exposures[key]) exposures[key] = patch.exposures[key];
    }
    state.exposures = exposures;
  }
  if (patch.call) {
    state.calls.set(patch.call.toolCallId, patch.call.record);
    if (state.calls.size >= Math.max(1, Math.floor(bounds.maxCalls / 2))) {
      state.olderCalls = state.calls;
      state.calls = new Map();
    }
  }
  if (patch.approval) state.approvals[patch.approval.id] = patch.approval;
  if (patch.grant) state.grants[patch.grant.tool] = patch.grant.grant;
  if (patch.responded) {
    const call = findCall(state, patch.responded);
    if (call) call.responded = true;
  }
  if (patch.allowedCalls) state.callCount += patch.allowedCalls;
  if (patch.recorded) {
    const recorded = (state.recorded ??= new Map());
    for (const mark of patch.recorded) recorded.set(mark, 1);
    trimOldestEntries(recorded, bounds.maxCalls * 3);
  }
  state.version += 1;
  if (patch.detectors) {
    applyDetectorPatch(state, patch.detectors, { maxFingerprints: bounds.maxFingerprints ?? 4_000 });
  }
  // Approvals are few; counting them is O(n), so their cap is checked every 64 changes and the
  // cost per change stays flat in the session's length.
  if (state.version % 64 === 0) {
    trimOldest(state.approvals, bounds.maxApprovals, (approval) =>
      approval.status === 'pending' ? Number.MAX_SAFE_INTEGER : approval.createdAt,
    );
  }
}

// Trims a map back to 90% of its cap once it exceeds the cap, oldest first: amortised O(1).
function trimOldest<T>(map: Record<string, T>, cap: number, age: (value: T) => number): void {
  const keys = Object.keys(map);
  if (keys.length <= cap) return;
  const keep = Math.floor(cap * 0.9);
  keys.sort((a, b) => age(map[a] as T) - age(map[b] as T));
  for (const key of keys.slice(0, keys.length - keep)) delete map[key];
}
