/**
 * What the behaviour detectors remember of a session: fingerprints (never the values) of what
 * private-data tools returned, of what untrusted content brought in, and of what the user typed;
 * the call rate and the most recent calls. Plain JSON, so any store can keep it; every map is bounded.
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
  /** Fingerprint of a value from a private-data tool's response → the `toolCallId` of that response. */
  private: Record<string, string>;
  /** Fingerprint of a value from untrusted content → the `toolCallId` of that response. */
  untrusted: Record<string, string>;
  /** Fingerprints of what the user wrote in this session (`message_from_user`). */
  user: Record<string, 1>;
  /** The responses fingerprints came from, by `toolCallId`. */
  sources: Record<string, DataSource>;
  rate?: RateWindow;
  recent?: RecentCalls;
  /** Entries in each map, so the caps are checked without counting keys. */
  sizes: { private: number; untrusted: number; user: number; sources: number };
}

/** The change one event or decision makes to `DetectorState`: costs the same whatever the session's length. */
export interface DetectorPatch {
  /** Fingerprints of a private-data tool's response. */
  private?: { source: DataSource; fingerprints: string[] };
  /** Fingerprints of an untrusted-content tool's response. */
  untrusted?: { source: DataSource; fingerprints: string[] };
  /** Fingerprints of a user's message. */
  user?: string[];
  /** The rate window after this call (replaces the stored one). */
  rate?: RateWindow;
  /** This call in the ring of recent calls. */
  recent?: { key: number; at: number };
}

/** Caps of `DetectorState`; the oldest entries are forgotten first. */
export interface DetectorBounds {
  maxFingerprints: number;
}

export const DEFAULT_DETECTOR_BOUNDS: DetectorBounds = { maxFingerprints: 4_000 };

export function createDetectorState(): DetectorState {
  return { private: {}, untrusted: {}, user: {}, sources: {}, sizes: { private: 0, untrusted: 0, user: 0, sources: 0 } };
}

/**
 * Applies a detector patch in place (inside a store's atomic commit). A fingerprint already held
 * keeps its first source. A map past its cap is cut back to 90% of it, oldest first (insertion
 * order): the cost per change is O(1) amortised and never depends on the session's length.
 */
export function applyDetectorPatch(state: { detectors?: DetectorState }, patch: DetectorPatch, bounds: DetectorBounds): void {
  const detectors = (state.detectors ??= createDetectorState());
  // A state written before sizes were kept counts from zero (its caps are checked late, once).
  const sizes = (detectors.sizes ??= { private: 0, untrusted: 0, user: 0, sources: 0 });
  const cap = bounds.maxFingerprints;
  if (patch.private) {
    sizes.private += addFingerprints(detectors, detectors.private, patch.private.source, patch.private.fingerprints);
    if (sizes.private > cap) sizes.private = trimInsertionOrder(detectors.private, cap);
  }
  if (patch.untrusted) {
    sizes.untrusted += addFingerprints(detectors, detectors.untrusted, patch.untrusted.source, patch.untrusted.fingerprints);
    if (sizes.untrusted > cap) sizes.untrusted = trimInsertionOrder(detectors.untrusted, cap);
  }
  if (patch.user) {
    for (const fingerprint of patch.user) {
      if (detectors.user[fingerprint] === undefined) {
        detectors.user[fingerprint] = 1;
        sizes.user += 1;
      }
    }
    if (sizes.user > cap) sizes.user = trimInsertionOrder(detectors.user, cap);
  }
  if (patch.rate) detectors.rate = patch.rate;
  if (patch.recent) {
    const recent = (detectors.recent ??= { keys: [], at: [], next: 0 });
    recent.keys[recent.next] = patch.recent.key;
    recent.at[recent.next] = patch.recent.at;
    recent.next = (recent.next + 1) % RECENT_CALLS;
  }
}
/**
 * An index beside a plain-JSON fingerprint map: looking up a fresh string key in a large object
 * costs about 0.5 µs in V8, in a Map a third of that, and a number (a shingle's hash) a tenth; a
 * send's body has a fingerprint per word. Kept per map object: built the second time a decision
 * sees the same object (a store that keeps state in memory), kept up to date by
 * `applyDetectorPatch`, and never built for a store that hands out a fresh copy each time (it
 * would cost more than it saves). Shingles (`s…`) are keyed by their number, the rest by string.
 */
export type FingerprintIndex = Map<string | number, string>;
const indexes = new WeakMap<object, FingerprintIndex>();
const seenOnce = new WeakSet<object>();

export function fingerprintIndex(map: Record<string, string>): FingerprintIndex | undefined {
  const index = indexes.get(map);
  if (index) return index;
  if (!seenOnce.has(map)) {
    seenOnce.add(map);
    return undefined;
  }
  const built: FingerprintIndex = new Map();
  for (const key in map) built.set(indexKey(key), map[key] as string);
  indexes.set(map, built);
  return built;
}

function indexKey(fingerprint: string): string | number {
  return fingerprint.charCodeAt(0) === 115 /* s */ ? Number(fingerprint.slice(1)) : fingerprint;
}

/** Sources (responses) whose tool name is remembered. */
const MAX_SOURCES = 256;

function addFingerprints(detectors: DetectorState, map: Record<string, string>, source: DataSource, fingerprints: string[]): number {
  let added = 0;
  const index = indexes.get(map);
  for (const fingerprint of fingerprints) {
    if (map[fingerprint] === undefined) {
      map[fingerprint] = source.toolCallId;
      added += 1;
      if (index) index.set(indexKey(fingerprint), source.toolCallId);
    }
  }
  if (added > 0 && detectors.sources[source.toolCallId] === undefined) {
    // The oldest sources are forgotten first; a fingerprint whose source was forgotten still
    // names its call id (its value), only not the tool.
    detectors.sources[source.toolCallId] = source;
    detectors.sizes.sources += 1;
    if (detectors.sizes.sources > MAX_SOURCES) detectors.sizes.sources = trimInsertionOrder(detectors.sources, MAX_SOURCES);
  }
  return added;
}

// Returns the new size. Keys of fingerprint maps start with a letter, so object order is insertion
// order; a call id that looks like an integer sorts first, which only makes it forgotten early.
function trimInsertionOrder(map: Record<string, unknown>, cap: number): number {
  indexes.delete(map);
  const keys = Object.keys(map);
  const keep = Math.floor(cap * 0.9);
  const drop = keys.length - keep;
  for (let index = 0; index < drop; index++) delete map[keys[index] as string];
  return Math.min(keys.length, keep);
}
