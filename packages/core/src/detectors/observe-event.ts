import { CAPABILITIES, type Capability } from '../capabilities.js';
import type { RecordableEvent } from '../events.js';
import type { DetectorPatch } from './detector-state.js';
import { fingerprintValue, isSteeringKey } from './fingerprints.js';

/** What the record hook needs to know of the engine. */
export interface ObserveOptions {
  seed: number;
  /** Fingerprints taken from one event at most. */
  maxPerEvent: number;
}

/**
 * The detectors' view of a recorded event (issue 8): fingerprints of a private-data tool's output,
 * of the links, addresses and numbers an untrusted-content tool brought in, and of what the user
 * wrote. Returns nothing for other events. `buckets` are the responding tool's (all of them for
 * a tool the engine does not know).
 */
export function observeEvent(
  event: RecordableEvent,
  buckets: readonly Capability[] | undefined,
  at: number,
  options: ObserveOptions,
): DetectorPatch | undefined {
  if (event.type === 'message_from_user') {
    const user = fingerprintValue(event.content, { seed: options.seed, shingles: 'none', words: true, decode: false }, options.maxPerEvent);
    return user.length > 0 ? { user } : undefined;
  }
  if (event.type !== 'tool_call_response' || event.output === undefined) return undefined;
  const held = buckets ?? CAPABILITIES;
  const source = { tool: event.tool, toolCallId: event.toolCallId, at };
  const patch: DetectorPatch = {};
  let privatePrints: number[] | undefined;
  if (held.includes('private_data')) {
    privatePrints = fingerprintValue(event.output, { seed: options.seed, shingles: 'sample', words: false, decode: false }, options.maxPerEvent);
    if (privatePrints.length > 0) patch.private = { source, fingerprints: privatePrints };
  }
  if (held.includes('untrusted_content')) {
    // Only the values that steer a call (addresses, links, numbers, accounts): runs of words from
    // a web page are no evidence of anything. Taken from the private pass when there was one.
    const found = privatePrints
      ? privatePrints.filter(isSteeringKey)
      : fingerprintValue(event.output, { seed: options.seed, shingles: 'none', words: false, decode: false, tokens: false }, options.maxPerEvent);
    if (found.length > 0) patch.untrusted = { source, fingerprints: found };
  }
  return patch.private || patch.untrusted ? patch : undefined;
}
