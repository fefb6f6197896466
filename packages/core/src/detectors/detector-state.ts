import { trimOldestEntries } from '../bounded-map.js';

/**
 * What the behaviour detectors remember of a session: fingerprints (never the values) of what
 * private-data tools returned, of what untrusted content brought in, and of what the user typed;
 * the call rate and the most recent calls. Plain data (structured-cloneable; the fingerprint maps are
 * Maps keyed by numbers, which a store writing JSON converts: entries, or an object whose keys it
 * reads back with `Number`); every map is bounded.
 */

/** Where fingerprinted values came from: a tool's response. */
export interface DataSource {
  /** Full tool name. */
  tool: string;
  toolCallId: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** A fixed-window call counter; the previous window is kept to approximate a sliding one. */
export interface RateWindow {
  /** Start of the current window, ms since the epoch. */
  start: number;
  count: number;
  /** Calls in the window before. */
  previous: number;
}

/**
 * The most recent calls as a ring: a hash of each call's tool and arguments, and its time. A
 * loop shows as the same hash many times in it. Fixed size, so checking and updating it costs
 * the same whatever the session's length.
 */
export interface RecentCalls {
  /** Hashes of tool + arguments, `RECENT_CALLS` at most. */
  keys: number[];
  /** When each was called, ms since the epoch. */
  at: number[];
  /** Where the next call is written. */
  next: number;
}

/** Calls the repeat check looks back over. */
export const RECENT_CALLS = 64;

export interface DetectorState {
  /**
   * Fingerprint (key, see `fingerprints.ts`) of a value from a private-data tool's response → the
   * `toolCallId` of that response. Maps keyed by numbers, not objects keyed by strings: no hash is
   * turned into a string, and a lookup costs a few tens of nanoseconds. Insertion order is the
   * order the cap forgets in.
   */
  private: Map<number, string>;
  /** Fingerprint of a value from untrusted content → the `toolCallId` of that response. */
  untrusted: Map<number, string>;
  /** Fingerprints of what the user wrote in this session (`message_from_user`). */
  user: Map<number, 1>;
  /** The responses fingerprints came from, by `toolCallId`. */
  sources: Map<string, DataSource>;
  rate?: RateWindow;
  recent?: RecentCalls;
}

/** Fingerprints (keys) of one response. */
export interface FingerprintBatch {
  source: DataSource;
  fingerprints: number[];
}

/** The change one event or decision makes to `DetectorState`: costs the same whatever the session's length. */
export interface DetectorPatch {
  /** Fingerprints of a private-data tool's response. */
  private?: FingerprintBatch;
  /** Fingerprints of an untrusted-content tool's response. */
  untrusted?: FingerprintBatch;
  /** Fingerprints of a user's message. */
  user?: number[];
  /** The rate window after this call (replaces the stored one). */
  rate?: RateWindow;
  /** This call in the ring of recent calls. */
  recent?: { key: number; at: number };
}

/** Caps of `DetectorState`; the oldest entries are forgotten first. */
export interface DetectorBounds {
  maxFingerprints: number;
}

export function createDetectorState(): DetectorState {
  return { private: new Map(), untrusted: new Map(), user: new Map(), sources: new Map() };
}

/**
 * Applies a detector patch in place (inside a store's atomic commit). A fingerprint already held
 * keeps its first source. A map past its cap is cut back to 90% of it, oldest first (a Map keeps
 * insertion order): the cost per change is O(1) amortised and never depends on the session's length.
 */
export function applyDetectorPatch(state: { detectors?: DetectorState }, patch: DetectorPatch, bounds: DetectorBounds): void {
  const detectors = (state.detectors ??= createDetectorState());
  const cap = bounds.maxFingerprints;
  if (patch.private) {
    addFingerprints(detectors, detectors.private, patch.private);
    trimOldestEntries(detectors.private, cap);
  }
  if (patch.untrusted) {
    addFingerprints(detectors, detectors.untrusted, patch.untrusted);
    trimOldestEntries(detectors.untrusted, cap);
  }
  if (patch.user) {
    addEntries(detectors.user, patch.user, 1);
    trimOldestEntries(detectors.user, cap);
  }
  if (patch.rate) detectors.rate = patch.rate;
  if (patch.recent) {
    const recent = (detectors.recent ??= { keys: [], at: [], next: 0 });
    recent.keys[recent.next] = patch.recent.key;
    recent.at[recent.next] = patch.recent.at;
    recent.next = (recent.next + 1) % RECENT_CALLS;
  }
}
/** Sources (responses) whose tool name is remembered. */
const MAX_SOURCES = 256;

// Adds the fingerprints a map does not hold yet (a fingerprint keeps its first value); returns how many.
function addEntries<Value>(map: Map<number, Value>, fingerprints: readonly number[], value: Value): number {
  let added = 0;
  for (const fingerprint of fingerprints) {
    if (map.has(fingerprint)) continue;
    map.set(fingerprint, value);
    added += 1;
  }
  return added;
}

function addFingerprints(detectors: DetectorState, map: Map<number, string>, batch: FingerprintBatch): void {
  const { source } = batch;
  const added = addEntries(map, batch.fingerprints, source.toolCallId);
  const sources = detectors.sources;
  if (added > 0 && !sources.has(source.toolCallId)) {
    // The oldest sources are forgotten first; a fingerprint whose source was forgotten still
    // names its call id (its value), only not the tool.
    sources.set(source.toolCallId, source);
    trimOldestEntries(sources, MAX_SOURCES);
  }
}
