import type { OsoEvent } from './events.js';
import {
  applyPatch,
  createSessionState,
  type SessionState,
  type StateBounds,
  type StatePatch,
} from './session-state.js';
import type { SessionKey, SessionStore, UnsequencedEvent } from './session-store.js';

/** Bounds of the in-memory store, so a long-running process does not grow without end. */
export interface MemoryStoreOptions {
  /** Sessions kept; the least recently used is dropped first. Default 10,000. */
  maxSessions?: number;
  /** A session unused for this long is dropped, in milliseconds. Default 24 hours. */
  sessionTtlMs?: number;
  /** Events kept per session; the oldest are dropped first. Default 1,000. */
  maxEventsPerSession?: number;
  /** Decided calls remembered per session for idempotency. Default 1,000. */
  maxCallsPerSession?: number;
  /** Approval requests remembered per session. Default 200. */
  maxApprovalsPerSession?: number;
  /** Fingerprints the behaviour detectors keep per kind and session. Default 4,000. */
  maxFingerprintsPerSession?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface SessionEntry {
  state: SessionState;
  events: OsoEvent[];
  nextSeq: number;
  lastUsed: number;
  /** Events dropped by the cap. */
  dropped: number;
}

/**
 * The embedded default store: one process, sessions in a `Map` kept in least-recently-used order.
 * A dropped session (LRU or TTL) starts again empty, so size `maxSessions` and `sessionTtlMs` above
 * the sessions a process serves at once.
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionEntry>();
  private readonly approvalIndex = new Map<string, SessionKey>();
  private readonly maxSessions: number;
  private readonly sessionTtlMs: number;
  private readonly maxEvents: number;
  private readonly bounds: StateBounds;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxSessions = options.maxSessions ?? 10_000;
    this.sessionTtlMs = options.sessionTtlMs ?? 24 * 60 * 60 * 1000;
    this.maxEvents = options.maxEventsPerSession ?? 1_000;
    this.bounds = {
      maxCalls: options.maxCallsPerSession ?? 1_000,
      maxApprovals: options.maxApprovalsPerSession ?? 200,
      maxFingerprints: options.maxFingerprintsPerSession ?? 4_000,
    };
    this.now = options.now ?? Date.now;
  }

  load(key: SessionKey): SessionState {
    return this.entry(key).state;
  }

  commit(key: SessionKey, expectedVersion: number, patch: StatePatch, events: UnsequencedEvent[]): boolean {
    const entry = this.entry(key);
    if (entry.state.version !== expectedVersion) return false;
    applyPatch(entry.state, patch, this.bounds);
    if (patch.approval) this.approvalIndex.set(patch.approval.id, { agentId: key.agentId, sessionId: key.sessionId });
    this.push(entry, events);
    return true;
  }

  append(key: SessionKey, events: UnsequencedEvent[]): void {
    this.push(this.entry(key), events);
  }

  events(key: SessionKey): OsoEvent[] {
    return this.sessions.get(this.idOf(key))?.events.slice() ?? [];
  }

  findApproval(approvalId: string): SessionKey | undefined {
    const key = this.approvalIndex.get(approvalId);
    if (key && !this.sessions.has(this.idOf(key))) {
      this.approvalIndex.delete(approvalId);
      return undefined;
    }
    return key;
  }

  /** Sessions held now. */
  get size(): number {
    return this.sessions.size;
  }

  /** Events dropped from a session by the per-session cap. */
  droppedEvents(key: SessionKey): number {
    return this.sessions.get(this.idOf(key))?.dropped ?? 0;
  }

  /** Forgets one session. */
  delete(key: SessionKey): void {
    this.forget(this.idOf(key));
  }

  // The engine hands the same key object for every call of a session: remembering the last one
  // spares building the key string (and hashing it anew) on each of a decision's store calls.
  private lastKey: SessionKey | undefined;
  private lastId = '';

  private idOf(key: SessionKey): string {
    if (key !== this.lastKey) {
      this.lastId = keyOf(key);
      this.lastKey = key;
    }
    return this.lastId;
  }

  private entry(key: SessionKey): SessionEntry {
    const id = this.idOf(key);
    const now = this.now();
    let entry = this.sessions.get(id);
    if (entry && now - entry.lastUsed > this.sessionTtlMs) {
      this.forget(id);
      entry = undefined;
    }
    if (entry) {
      // Move to the back (the Map's order is least recently used first), at most once a second
      // per session: a session in use stays far from the front, and the hot path skips the move.
      if (now - entry.lastUsed > 1_000) {
        this.sessions.delete(id);
        this.sessions.set(id, entry);
        entry.lastUsed = now;
      }
      return entry;
    }
    entry = { state: createSessionState(), events: [], nextSeq: 1, lastUsed: now, dropped: 0 };
    this.sessions.set(id, entry);
    this.evict(now);
    return entry;
  }

  private evict(now: number): void {
    for (const [id, entry] of this.sessions) {
      if (this.sessions.size <= this.maxSessions && now - entry.lastUsed <= this.sessionTtlMs) break;
      this.forget(id);
    }
  }

  private forget(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.sessions.delete(id);
    for (const approvalId of Object.keys(entry.state.approvals)) this.approvalIndex.delete(approvalId);
  }

  private push(entry: SessionEntry, events: UnsequencedEvent[]): void {
    for (const event of events) {
      // The engine hands over events it made for this call alone, so `seq` is set in place.
      (event as OsoEvent).seq = entry.nextSeq++;
      entry.events.push(event as OsoEvent);
    }
    if (entry.events.length > this.maxEvents) {
      // Drop down to 90% of the cap at once, so the cost per event stays O(1) amortised.
      const drop = entry.events.length - Math.floor(this.maxEvents * 0.9);
      entry.events.splice(0, drop);
      entry.dropped += drop;
    }
  }
}

function keyOf(key: SessionKey): string {
  return `${key.agentId}\u0000${key.sessionId}`;
}
