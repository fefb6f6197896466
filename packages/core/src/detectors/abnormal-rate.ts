import type { Detector, DetectorContext } from '../decide.js';
import type { Enforcement } from '../decision.js';
import type { RateWindow, RepeatCount } from './detector-state.js';
import { hash53 } from './fingerprints.js';

/** Bounds of `abnormal_rate`. */
export interface AbnormalRateBounds {
  /** Tool calls allowed per window. Default 120. */
  maxCalls: number;
  /** The window of `maxCalls`, in milliseconds. Default 60 s. */
  windowMs: number;
  /** The same tool with the same arguments, at most this many times. Default 10. */
  maxRepeats: number;
  /** Repeats further apart than this start the count again, in milliseconds. Default 10 minutes. */
  repeatWindowMs: number;
}

interface RateReading {
  rate: RateWindow;
  /** Calls in the last `windowMs`, estimated from the current and previous fixed windows. */
  estimate: number;
  repeatKey: string;
  repeat: RepeatCount;
}

const readings = new WeakMap<object, RateReading>();

function read(context: DetectorContext, bounds: AbnormalRateBounds): RateReading {
  const cached = readings.get(context.input);
  if (cached) return cached;
  const { now, call, argsHash } = context.input;
  const width = bounds.windowMs;
  const start = Math.floor(now / width) * width;
  const stored = context.state.detectors?.rate;
  let rate: RateWindow;
  if (stored && stored.start === start) rate = { start, count: stored.count + 1, previous: stored.previous };
  else if (stored && stored.start === start - width) rate = { start, count: 1, previous: stored.count };
  else rate = { start, count: 1, previous: 0 };
  const estimate = rate.count + rate.previous * (1 - (now - start) / width);
  const repeatKey = `r${hash53(`${call.tool}\u0000${argsHash}`, 0).toString(36)}`;
  const last = context.state.detectors?.repeats[repeatKey];
  const repeat = { count: last && now - last.at <= bounds.repeatWindowMs ? last.count + 1 : 1, at: now };
  const reading = { rate, estimate, repeatKey, repeat };
  readings.set(context.input, reading);
  return reading;
}

/**
 * `abnormal_rate`: more than `maxCalls` tool calls in `windowMs` (a burst), or the same tool with
 * the same arguments more than `maxRepeats` times (a loop), per session. Every new call counts,
 * allowed or not; a call id asked again does not.
 */
export function createAbnormalRateDetector(options: { bounds: AbnormalRateBounds; enforcement: Enforcement }): Detector {
  const { bounds } = options;
  return {
    rule: 'abnormal_rate',
    enforcement: options.enforcement,
    detect(context) {
      const reading = read(context, bounds);
      const self = { tool: context.input.call.tool, toolCallId: context.input.call.toolCallId, at: context.input.now };
      if (reading.repeat.count > bounds.maxRepeats) {
        return {
          rule: 'abnormal_rate',
          reason: `${context.input.call.tool} was called ${reading.repeat.count} times with the same arguments in this session (at most ${bounds.maxRepeats}): the agent may be in a loop.`,
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
      return { rate: reading.rate, repeat: { key: reading.repeatKey, count: reading.repeat } };
    },
  };
}
