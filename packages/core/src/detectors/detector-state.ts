/**
 * What the behaviour detectors remember of a session: fingerprints (never the values) of what
 * private-data tools returned, of what untrusted content brought in, and of what the user typed;
 * the call rate and the most recent calls. Plain data (structured-cloneable; the fingerprint maps are
 * Maps, which a store writing JSON converts); every map is bounded.
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
   * Fingerprint of a value from a private-data tool's response → the `toolCallId` of that response.
   * Maps, not objects, like the session's call indexes: a fresh fingerprint string as an object
   * key costs ~1–2 µs in a large object (V8 internalises it), in a Map a tenth. Insertion order
   * is the order the cap forgets in.
   */
  private: Map<string, string>;
  /** Fingerprint of a value from untrusted content → the `toolCallId` of that response. */
  untrusted: Map<string, string>;
  /** Fingerprints of what the user wrote in this session (`message_from_user`). */
  user: Map<string, 1>;
  /** The responses fingerprints came from, by `toolCallId`. */
  sources: Map<string, DataSource>;
  rate?: RateWindow;
  recent?: RecentCalls;
}

/**
 * Fingerprints of one response. `hashes`, when given, holds the number of each fingerprint (its
 * digits, `fingerprints[i].slice(1)`): it spares parsing them back.
 */
export interface FingerprintBatch {
  source: DataSource;
  fingerprints: string[];
  hashes?: number[];
}

/** The change one event or decision makes to `DetectorState`: costs the same whatever the session's length. */
export interface DetectorPatch {
  /** Fingerprints of a private-data tool's response. */
  private?: FingerprintBatch;
  /** Fingerprints of an untrusted-content tool's response. */
  untrusted?: FingerprintBatch;
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
    trimInsertionOrder(detectors.private, cap);
  }
  if (patch.untrusted) {
    addFingerprints(detectors, detectors.untrusted, patch.untrusted);
    trimInsertionOrder(detectors.untrusted, cap);
  }
  if (patch.user) {
    addEntries(detectors.user, patch.user, undefined, 1);
    trimInsertionOrder(detectors.user, cap);
  }
  if (patch.rate) detectors.rate = patch.rate;
  if (patch.recent) {
    const recent = (detectors.recent ??= { keys: [], at: [], next: 0 });
    recent.keys[recent.next] = patch.recent.key;
    recent.at[recent.next] = patch.recent.at;
    recent.next = (recent.next + 1) % RECENT_CALLS;
  }
}
// Kinds of fingerprints an index holds, by the character code of their letter.
const KIND_SLOT = new Int8Array(128).fill(-1);
'eunatshw'.split('').forEach((letter, slot) => {
  KIND_SLOT[letter.charCodeAt(0)] = slot;
});

/**
 * An index beside a fingerprint map: its entries by kind and hash. The detectors hold a call's
 * fingerprints as numbers; looking one up by number spares turning it into a string (and hashing
 * that) for each of a send's words. Its hashes are kept in the map's insertion order, so the map
 * and the index are cut back together. Kept per map object: built the second time the same
 * object is seen (a store that keeps state in memory), kept up to date by `applyDetectorPatch`,
 * and never built for a store that hands out a fresh copy each time (it would cost more than it
 * saves).
 */
export class FingerprintIndex<Value = string> {
  private readonly byKind: Map<number, Value>[] = [];
  // Insertion order (the map's): each entry's hash.
  private hashes: number[] = [];
  private head = 0;

  /** The value of a fingerprint given by its kind's character code and its hash. */
  get(kind: number, hash: number): Value | undefined {
    return this.byKind[KIND_SLOT[kind] as number]?.get(hash);
  }

  /** Adds a fingerprint the index does not hold (`key` is its string form); false when its kind cannot be indexed. */
  add(key: string, hash: number, value: Value): boolean {
    const kind = key.charCodeAt(0);
    const slot = kind < 128 ? (KIND_SLOT[kind] as number) : -1;
    if (slot < 0) return false;
    (this.byKind[slot] ??= new Map()).set(hash, value);
    this.hashes.push(hash);
    return true;
  }

  /** Forgets the `count` oldest entries, in the index and in its map. */
  dropOldest(count: number, map: Map<string, unknown>): void {
    let position = this.head;
    for (const key of map.keys()) {
      if (count-- <= 0) break;
      this.byKind[KIND_SLOT[key.charCodeAt(0)] as number]?.delete(this.hashes[position++] as number);
      map.delete(key);
    }
    this.head = position;
    // Compact the order now and then: O(1) amortised.
    if (this.head > 1_024 && this.head * 2 > this.hashes.length) {
      this.hashes = this.hashes.slice(this.head);
      this.head = 0;
    }
  }
}

const indexes = new WeakMap<object, FingerprintIndex<unknown>>();
const seenOnce = new WeakSet<object>();
const unindexable = new WeakSet<object>();

/** The number of a fingerprint string (`n123` → 123) when it is one the index can hold, else -1. */
function hashOf(fingerprint: string): number {
  const kind = fingerprint.charCodeAt(0);
  if (!(kind < 128 && (KIND_SLOT[kind] as number) >= 0)) return -1;
  const digits = fingerprint.slice(1);
  const hash = Number(digits);
  return Number.isSafeInteger(hash) && hash >= 0 && String(hash) === digits ? hash : -1;
}

/** The index of a fingerprint map, built the second time the same object is asked for. */
export function fingerprintIndex<Value>(map: Map<string, Value>): FingerprintIndex<Value> | undefined {
  const index = indexes.get(map) as FingerprintIndex<Value> | undefined;
  if (index || unindexable.has(map)) return index;
  if (!seenOnce.has(map)) {
    seenOnce.add(map);
    return undefined;
  }
  const built = new FingerprintIndex<Value>();
  for (const [key, value] of map) {
    const hash = hashOf(key);
    // A key the index cannot hold (not written by this version): the map is read as it is.
    if (hash < 0 || !built.add(key, hash, value)) {
      unindexable.add(map);
      return undefined;
    }
  }
  indexes.set(map, built as FingerprintIndex<unknown>);
  return built;
}

/** A fingerprint map's value for a fingerprint given as kind and hash, through its index when it has one. */
export function lookupPrint<Value>(map: Map<string, Value>, index: FingerprintIndex<Value> | undefined, kind: number, hash: number): Value | undefined {
  return index ? index.get(kind, hash) : map.get(String.fromCharCode(kind) + hash);
}

/** Sources (responses) whose tool name is remembered. */
const MAX_SOURCES = 256;

// Adds the fingerprints a map does not hold yet (a fingerprint keeps its first value); returns how many.
function addEntries<Value>(map: Map<string, Value>, fingerprints: readonly string[], hashes: readonly number[] | undefined, value: Value): number {
  let added = 0;
  let index = fingerprintIndex(map);
  for (let position = 0; position < fingerprints.length; position++) {
    const fingerprint = fingerprints[position] as string;
    if (index) {
      const hash = hashes ? (hashes[position] as number) : hashOf(fingerprint);
      if (hash >= 0) {
        if (index.get(fingerprint.charCodeAt(0), hash) !== undefined) continue;
        if (index.add(fingerprint, hash, value)) {
          map.set(fingerprint, value);
          added += 1;
          continue;
        }
      }
      // Not a fingerprint the index can hold: the map goes on without one.
      indexes.delete(map);
      unindexable.add(map);
      index = undefined;
    }
    if (map.has(fingerprint)) continue;
    map.set(fingerprint, value);
    added += 1;
  }
  return added;
}

function addFingerprints(detectors: DetectorState, map: Map<string, string>, batch: FingerprintBatch): void {
  const { source } = batch;
  const added = addEntries(map, batch.fingerprints, batch.hashes, source.toolCallId);
  const sources = detectors.sources;
  if (added > 0 && !sources.has(source.toolCallId)) {
    // The oldest sources are forgotten first; a fingerprint whose source was forgotten still
    // names its call id (its value), only not the tool.
    sources.set(source.toolCallId, source);
    trimInsertionOrder(sources, MAX_SOURCES);
  }
}

// Past its cap, a map is cut back to 90% of it, oldest first (with its index, when it has one).
function trimInsertionOrder(map: Map<string, unknown>, cap: number): void {
  if (map.size <= cap) return;
  const drop = map.size - Math.floor(cap * 0.9);
  const index = indexes.get(map);
  if (index) {
    index.dropOldest(drop, map);
    return;
  }
  let count = drop;
  for (const key of map.keys()) {
    if (count-- <= 0) break;
    map.delete(key);
  }
}
