import type { Detector } from '../decide.js';
import type { Enforcement } from '../decision.js';
import { untrustedEvidence } from './egress-evidence.js';
import { describeCall } from '../reasons.js';

/**
 * `untrusted_argument`: a call that sends data out or changes state takes a destination or key
 * argument (recipient, URL, account, invitee, file) whose value appeared in untrusted content this
 * session received and nowhere in what the user wrote: the mark of an instruction followed from a
 * planted text, even where no private data is involved (a phishing link sent to a colleague, a
 * stranger invited to the workspace, a payment to a planted account).
 *
 * Its default enforcement is chosen from the corpus in `test/detectors/` (see
 * `test/detectors/README.md`): it catches most integrity attacks but also fires on benign tasks
 * such as "find her address on her website and invite her", so it asks a person
 * (`require_approval`) rather than denying.
 */
export function createUntrustedArgumentDetector(options: {
  seed: number;
  enforcement: Enforcement;
  /**
   * `keys`: destination and key arguments only. `keys_and_content`: also a link, address or
   * account number from untrusted content anywhere in the arguments (a link in a message body).
   */
  scope: 'keys' | 'keys_and_content';
}): Detector {
  return {
    rule: 'untrusted_argument',
    enforcement: options.enforcement,
    detect(context) {
      if (!context.capabilities.includes('external_or_state_change')) return undefined;
      const evidence = untrustedEvidence(context, options.seed);
      const found = evidence.untrustedInKeys ?? (options.scope === 'keys_and_content' ? evidence.untrustedInContent : undefined);
      if (!found) return undefined;
      const { input } = context;
      return {
        rule: 'untrusted_argument',
        reason: `The ${found.kind} in "${found.argument}" of ${input.call.tool} came from untrusted content (${describeCall(found.source)}), not from the user: it may follow an instruction planted there.`,
        buckets: ['untrusted_content', 'external_or_state_change'],
        provenance: {
          untrusted_content: found.source,
          external_or_state_change: { tool: input.call.tool, toolCallId: input.call.toolCallId, at: input.now },
        },
      };
    },
  };
}
