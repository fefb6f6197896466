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
    sizes.private += addFingerprints(detectors, detectors.private, patch.private);
    if (sizes.private > cap) sizes.private = trimInsertionOrder(detectors.private, cap);
  }
  if (patch.untrusted) {
    sizes.untrusted += addFingerprints(detectors, detectors.untrusted, patch.untrusted);
    if (sizes.untrusted > cap) sizes.untrusted = trimInsertionOrder(detectors.untrusted, cap);
  }
  if (patch.user) {
    sizes.user += addEntries(detectors.user, patch.user, undefined, 1);
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
// Kinds of fingerprints an index holds, by the character code of their letter.
const KIND_SLOT = new Int8Array(128).fill(-1);
'eunatshw'.split('').forEach((letter, slot) => {
  KIND_SLOT[letter.charCodeAt(0)] = slot;
});

/**
 * An index beside a plain-JSON fingerprint map: its entries by kind and hash. A number key costs
 * about a tenth of a fresh string key in a large object (a string must be hashed and interned),
 * and a send's body has a fingerprint per word; the hashes are kept in insertion order too, so the
 * map is cut back oldest first without listing its keys. Kept per map object: built the second
 * time the same object is seen (a store that keeps state in memory), kept up to date by
 * `applyDetectorPatch`, and never built for a store that hands out a fresh copy each time (it
 * would cost more than it saves).
 */
export class FingerprintIndex<Value = string> {
  private readonly byKind: Map<number, Value>[] = [];
  // Insertion order: each entry's key in the JSON map (the string object stored there, so deleting
  // it costs no string lookup) and its hash.
  private keys: string[] = [];
  private hashes: number[] = [];
  private head = 0;

  get size(): number {
    return this.keys.length - this.head;
  }

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
    this.keys.push(key);
    this.hashes.push(hash);
    return true;
  }

  /** Forgets the `count` oldest entries, in the index and in its JSON map. */
  dropOldest(count: number, map: Record<string, unknown>): void {
    const end = Math.min(this.head + count, this.keys.length);
    for (let position = this.head; position < end; position++) {
      const key = this.keys[position] as string;
      this.byKind[KIND_SLOT[key.charCodeAt(0)] as number]?.delete(this.hashes[position] as number);
      delete map[key];
    }
    this.head = end;
    // Compact the order now and then: O(1) amortised.
    if (this.head > 1_024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
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
export function fingerprintIndex<Value>(map: Record<string, Value>): FingerprintIndex<Value> | undefined {
  const index = indexes.get(map) as FingerprintIndex<Value> | undefined;
  if (index || unindexable.has(map)) return index;
  if (!seenOnce.has(map)) {
    seenOnce.add(map);
    return undefined;
  }
  const built = new FingerprintIndex<Value>();
  for (const key in map) {
    const hash = hashOf(key);
    // A key the index cannot hold (not written by this version): the map is read as it is.
    if (hash < 0 || !built.add(key, hash, map[key] as Value)) {
      unindexable.add(map);
      return undefined;
    }
  }
  indexes.set(map, built as FingerprintIndex<unknown>);
  return built;
}

/** A fingerprint map's value for a fingerprint given as kind and hash, through its index when it has one. */
export function lookupPrint<Value>(map: Record<string, Value>, index: FingerprintIndex<Value> | undefined, kind: number, hash: number): Value | undefined {
  return index ? index.get(kind, hash) : map[String.fromCharCode(kind) + hash];
}

/** Sources (responses) whose tool name is remembered. */
const MAX_SOURCES = 256;

// Adds the fingerprints a map does not hold yet (a fingerprint keeps its first value); returns how many.
function addEntries<Value>(map: Record<string, Value>, fingerprints: readonly string[], hashes: readonly number[] | undefined, value: Value): number {
  let added = 0;
  let index = fingerprintIndex(map);
  for (let position = 0; position < fingerprints.length; position++) {
    const fingerprint = fingerprints[position] as string;
    if (index) {
      const hash = hashes ? (hashes[position] as number) : hashOf(fingerprint);
      if (hash >= 0) {
        if (index.get(fingerprint.charCodeAt(0), hash) !== undefined) continue;
        if (index.add(fingerprint, hash, value)) {
          map[fingerprint] = value;
          added += 1;
          continue;
        }
      }
      // Not a fingerprint the index can hold: the map goes on without one.
      indexes.delete(map);
      unindexable.add(map);
      index = undefined;
    }
    if (map[fingerprint] !== undefined) continue;
    map[fingerprint] = value;
    added += 1;
  }
  return added;
}

// The insertion order of a sources map's keys, kept beside it once the same object is seen twice
// (as the fingerprint index is), so cutting it back does not list its keys each time.
const sourceOrders = new WeakMap<object, { keys: string[]; head: number }>();

function sourceOrder(map: Record<string, DataSource>): { keys: string[]; head: number } | undefined {
  const order = sourceOrders.get(map);
  if (order) return order;
  if (!seenOnce.has(map)) {
    seenOnce.add(map);
    return undefined;
  }
  const built = { keys: Object.keys(map), head: 0 };
  sourceOrders.set(map, built);
  return built;
}

function addFingerprints(detectors: DetectorState, map: Record<string, string>, batch: FingerprintBatch): number {
  const { source } = batch;
  const added = addEntries(map, batch.fingerprints, batch.hashes, source.toolCallId);
  const sources = detectors.sources;
  if (added > 0 && sources[source.toolCallId] === undefined) {
    // The oldest sources are forgotten first; a fingerprint whose source was forgotten still
    // names its call id (its value), only not the tool.
    const order = sourceOrder(sources);
    sources[source.toolCallId] = source;
    order?.keys.push(source.toolCallId);
    detectors.sizes.sources += 1;
    if (detectors.sizes.sources > MAX_SOURCES) {
      if (!order) detectors.sizes.sources = trimInsertionOrder(sources, MAX_SOURCES);
      else {
        const keep = Math.floor(MAX_SOURCES * 0.9);
        const end = order.keys.length - keep;
        for (let position = order.head; position < end; position++) delete sources[order.keys[position] as string];
        order.head = Math.max(order.head, end);
        if (order.head > 1_024) {
          order.keys = order.keys.slice(order.head);
          order.head = 0;
        }
        detectors.sizes.sources = order.keys.length - order.head;
      }
    }
  }
  return added;
}

// Returns the new size. Keys of fingerprint maps start with a letter, so object order is insertion
// order; a call id that looks like an integer sorts first, which only makes it forgotten early.
function trimInsertionOrder(map: Record<string, unknown>, cap: number): number {
  const keep = Math.floor(cap * 0.9);
  const index = indexes.get(map);
  if (index) {
    index.dropOldest(index.size - keep, map);
    return index.size;
  }
  const keys = Object.keys(map);
  const drop = keys.length - keep;
  for (let position = 0; position < drop; position++) delete map[keys[position] as string];
  return Math.min(keys.length, keep);
}
