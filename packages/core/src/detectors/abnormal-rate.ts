import type { Detector, DetectorContext } from '../decide.js';
import type { DecisionInput } from '../decide.js';
import type { Enforcement } from '../decision.js';
import { RECENT_CALLS, type RateWindow } from './detector-state.js';
import { hash53, hash53Range } from './fingerprints.js';

/** Bounds of `abnormal_rate`. */
export interface AbnormalRateBounds {
  /** Tool calls allowed per window. Default 120. */
  maxCalls: number;
  /** The window of `maxCalls`, in milliseconds. Default 60 s. */
  windowMs: number;
  /** The same tool with the same arguments at most this many times among the last 64 calls. Default 10. */
  maxRepeats: number;
  /** Only repeats within this time count, in milliseconds. Default 10 minutes. */
  repeatWindowMs: number;
}

interface RateReading {
  input: DecisionInput;
  rate: RateWindow;
  /** Calls in the last `windowMs`, estimated from the current and previous fixed windows. */
  estimate: number;
  key: number;
  /** This call and its earlier twins among the recent calls. */
  repeats: number;
}

// Hashes of tool names, as the seed of a call's key (a session calls a handful of tools).
const toolSeeds = new Map<string, number>();
function toolSeed(tool: string): number {
  let seed = toolSeeds.get(tool);
  if (seed === undefined) {
    seed = hash53(tool, 7) % 4294967296;
    if (toolSeeds.size >= 4_096) toolSeeds.clear();
    toolSeeds.set(tool, seed);
  }
  return seed;
}

// The reading of the decision in progress: `detect` and `update` run for the same input, one
// after the other, in one synchronous decision.
let last: RateReading | undefined;

function read(context: DetectorContext, bounds: AbnormalRateBounds): RateReading {
  if (last && last.input === context.input) return last;
  const { now, call, argsHash } = context.input;
  const width = bounds.windowMs;
  const start = Math.floor(now / width) * width;
  const detectors = context.state.detectors;
  const stored = detectors?.rate;
  let rate: RateWindow;
  if (stored && stored.start === start) rate = { start, count: stored.count + 1, previous: stored.previous };
  else if (stored && stored.start === start - width) rate = { start, count: 1, previous: stored.count };
  else rate = { start, count: 1, previous: 0 };
  const estimate = rate.count + rate.previous * (1 - (now - start) / width);
  // The arguments' hash is a SHA-256 already: its first 12 characters (72 bits) are enough to
  // tell calls apart, mixed with the tool's name (its hash kept per name).
  const key = hash53Range(argsHash, 0, Math.min(12, argsHash.length), toolSeed(call.tool));
  let repeats = 1;
  const recent = detectors?.recent;
  if (recent) {
    // Keys are compared first (a loop over up to 64 numbers on every call), times only on a match.
    const since = now - bounds.repeatWindowMs;
    const keys = recent.keys;
    const end = keys.length < RECENT_CALLS ? keys.length : RECENT_CALLS;
    for (let index = 0; index < end; index++) {
      if (keys[index] === key && (recent.at[index] ?? 0) >= since) repeats++;
    }
  }
  last = { input: context.input, rate, estimate, key, repeats };
  return last;
}

/**
 * `abnormal_rate`: more than `maxCalls` tool calls in `windowMs` (a burst), or the same tool with
 * the same arguments more than `maxRepeats` times among the session's last 64 calls (a loop).
 * Every new call counts, allowed or not; a call id asked again does not.
 */
export function createAbnormalRateDetector(options: { bounds: AbnormalRateBounds; enforcement: Enforcement }): Detector {
  const { bounds } = options;
  return {
    rule: 'abnormal_rate',
    enforcement: options.enforcement,
    detect(context) {
      const reading = read(context, bounds);
      if (reading.repeats > bounds.maxRepeats) {
        const self = { tool: context.input.call.tool, toolCallId: context.input.call.toolCallId, at: context.input.now };
        return {
          rule: 'abnormal_rate',
          reason: `${context.input.call.tool} was called ${reading.repeats} times with the same arguments in this session (at most ${bounds.maxRepeats}): the agent may be in a loop.`,
          buckets: [],
          provenance: { external_or_state_change: self },
        };
      }
      if (reading.estimate > bounds.maxCalls) {
        return {
          rule: 'abnormal_rate',
          reason: `About ${Math.round(reading.estimate)} tool calls in the last ${Math.round(bounds.windowMs / 1000)} s in this session (at most ${bounds.maxCalls}).`,
          buckets: [],
          provenance: {},
        };
      }
      return undefined;
    },
    update(context) {
      const reading = read(context, bounds);
      return { rate: reading.rate, recent: { key: reading.key, at: context.input.now } };
    },
  };
}
