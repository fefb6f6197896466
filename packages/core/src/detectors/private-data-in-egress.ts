import type { Detector } from '../decide.js';
import type { Enforcement } from '../decision.js';
import { privateEvidence } from './egress-evidence.js';
import { callLabel } from '../reasons.js';

/**
 * `private_data_in_egress`: values first seen in a private-data tool's response (e-mail addresses,
 * long numbers, account numbers, distinctive tokens, runs of words — as fingerprints; also
 * base64-, hex- or URL-encoded, or split across arguments) reappear in the content of a call that
 * sends data out or changes state. The destination arguments themselves are left out: mailing a
 * contact found in the address book is what address books are for.
 *
 * Sending one's own data is what benign sessions do all day, so by default this only records the
 * evidence (`ignore`): it names the source call in the decision, and it withholds the trusted and
 * user-named destination relaxation. Enforce it with `rules: { private_data_in_egress: 'deny' }`.
 */
export function createPrivateDataInEgressDetector(options: { seed: number; enforcement: Enforcement }): Detector {
  return {
    rule: 'private_data_in_egress',
    enforcement: options.enforcement,
    detect(context) {
      if (!context.capabilities.includes('external_or_state_change')) return undefined;
      // Recorded only (the default) and with no untrusted content that could have steered the
      // call, the evidence changes nothing: not computed, so the common "mail my notes to Bob"
      // session pays nothing for it. With untrusted content held it names the source in the
      // trifecta's reason; enforced, it always runs.
      const enforced = (context.policy.rules.private_data_in_egress ?? options.enforcement) !== 'ignore';
      const steerable = context.state.exposures.untrusted_content !== undefined || context.capabilities.includes('untrusted_content');
      if (!enforced && !steerable) return undefined;
      const found = privateEvidence(context, options.seed).privateInContent;
      if (!found) return undefined;
      const { input } = context;
      return {
        rule: 'private_data_in_egress',
        reason: `Sends private data out through ${input.call.tool}: "${found.argument}" carries a ${found.kind} first seen in the output of ${found.source.tool} (${callLabel(found.source.toolCallId)}).`,
        buckets: ['private_data', 'external_or_state_change'],
        provenance: {
          private_data: found.source,
          external_or_state_change: { tool: input.call.tool, toolCallId: input.call.toolCallId, at: input.now },
        },
      };
    },
  };
}
