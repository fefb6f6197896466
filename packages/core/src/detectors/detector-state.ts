/**
 * What the behaviour detectors remember of a session: fingerprints (never the values) of what
 * private-data tools returned, of what untrusted content brought in, and of what the user typed;
 * the call rate and repeated calls. Plain JSON, so any store can keep it; every map is bounded.
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

/** How often one tool was called with the same arguments, lately. */
export interface RepeatCount {
  count: number;
  /** Last call, ms since the epoch. */
  at: number;
}

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
  /** Repeat counts by `tool` + arguments hash. */
  repeats: Record<string, RepeatCount>;
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
  /** The repeat count of this call's tool and arguments (replaces the stored one). */
  repeat?: { key: string; count: RepeatCount };
}

/** Caps of `DetectorState`; the oldest entries are forgotten first. */
export interface DetectorBounds {
  maxFingerprints: number;
}

export const DEFAULT_DETECTOR_BOUNDS: DetectorBounds = { maxFingerprints: 4_000 };

export function createDetectorState(): DetectorState {
  return { private: {}, untrusted: {}, user: {}, sources: {}, repeats: {} };
}

/**
 * Applies a detector patch in place (inside a store's atomic commit). A fingerprint already held
 * keeps its first source. `trim` is true every so many changes: then the maps are cut back to their
 * caps, oldest first (insertion order), so the cost per change stays O(1) amortised.
 */
export function applyDetectorPatch(
  state: { detectors?: DetectorState },
  patch: DetectorPatch,
  bounds: DetectorBounds,
  trim: boolean,
): void {
  const detectors = (state.detectors ??= createDetectorState());
  if (patch.private) addFingerprints(detectors, detectors.private, patch.private.source, patch.private.fingerprints);
  if (patch.untrusted) addFingerprints(detectors, detectors.untrusted, patch.untrusted.source, patch.untrusted.fingerprints);
  if (patch.user) for (const fingerprint of patch.user) detectors.user[fingerprint] = 1;
  if (patch.rate) detectors.rate = patch.rate;
  if (patch.repeat) {
    // Re-inserted, so the map's order stays least recently used first.
    delete detectors.repeats[patch.repeat.key];
    detectors.repeats[patch.repeat.key] = patch.repeat.count;
  }
  // A patch that brings fingerprints checks the caps at once (its cost is bounded by the caps, not
  // by the session's length); others only every so often.
  if (trim || patch.private || patch.untrusted || patch.user) trimDetectorState(detectors, bounds);
}

function addFingerprints(detectors: DetectorState, map: Record<string, string>, source: DataSource, fingerprints: string[]): void {
  let added = false;
  for (const fingerprint of fingerprints) {
    if (map[fingerprint] === undefined) {
      map[fingerprint] = source.toolCallId;
      added = true;
    }
  }
  if (added) detectors.sources[source.toolCallId] ??= source;
}

function trimDetectorState(detectors: DetectorState, bounds: DetectorBounds): void {
  const cap = bounds.maxFingerprints;
  trimInsertionOrder(detectors.private, cap);
  trimInsertionOrder(detectors.untrusted, cap);
  trimInsertionOrder(detectors.user, cap);
  trimInsertionOrder(detectors.repeats, 256);
  if (Object.keys(detectors.sources).length > 256) {
    const used = new Set<string>([...Object.values(detectors.private), ...Object.values(detectors.untrusted)]);
    for (const id of Object.keys(detectors.sources)) if (!used.has(id)) delete detectors.sources[id];
  }
}

// Keys of fingerprint maps start with a letter, so object order is insertion order.
function trimInsertionOrder(map: Record<string, unknown>, cap: number): void {
  const keys = Object.keys(map);
  if (keys.length <= cap) return;
  const drop = keys.length - Math.floor(cap * 0.9);
  for (let index = 0; index < drop; index++) delete map[keys[index] as string];
}
