import type { EventBody, EventEnvelope, OsoEvent } from './events.js';
import type { SessionState, StatePatch } from './session-state.js';

/** Identifies a session: sessions of different agents never share state. */
export interface SessionKey {
  agentId: string;
  sessionId: string;
}

/** An event before the store gives it its place (`seq`) in the session. */
export type UnsequencedEvent = EventBody & Omit<EventEnvelope, 'seq'>;

type MaybePromise<T> = T | Promise<T>;

/**
 * Where sessions live. Implemented by the in-memory default and by shared stores (Redis) for many
 * app instances. The engine serialises a session's decisions in-process; `commit` is a
 * compare-and-set on the state's `version`, so a shared store can make a decision atomic with one
 * round trip (apply the patch and append the events iff the version still matches), and a
 * conflict with another instance makes the engine decide again on fresh state.
 */
export interface SessionStore {
  /** The session's state (a new session's is `createSessionState()`). The engine never mutates it. */
  load(key: SessionKey): MaybePromise<SessionState>;
  /**
   * Applies `patch` and appends `events` iff the state's version is still `expectedVersion`.
   * Returns false on a version conflict, having changed nothing.
   */
  commit(key: SessionKey, expectedVersion: number, patch: StatePatch, events: UnsequencedEvent[]): MaybePromise<boolean>;
  /** Appends events that change no state (messages, responses). */
  append(key: SessionKey, events: UnsequencedEvent[]): MaybePromise<void>;
  /** The session's events in order (a copy). */
  events(key: SessionKey): MaybePromise<OsoEvent[]>;
  /** The session an approval request belongs to. */
  findApproval(approvalId: string): MaybePromise<SessionKey | undefined>;
}
