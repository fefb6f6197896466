import type { ApprovalRequest } from './approval.js';
import type { Capability } from './capabilities.js';
import type { DestinationCheck } from './detectors/destinations/trusted-destinations.js';

/** What the engine says about a tool call. */
export type Outcome = 'allow' | 'deny' | 'require_approval';

/** What happens when a rule fires: block, ask a person, or only record it (testing). */
export type Enforcement = 'deny' | 'require_approval' | 'ignore';

/** Every rule the engine knows; a decision names the one that decided it. */
export type RuleId =
  | 'lethal_trifecta'
  | 'rule_of_two'
  | 'unexpected_tool'
  | 'missing_scope'
  | 'secret_egress'
  | 'private_data_in_egress'
  | 'output_exfiltration'
  | 'untrusted_argument'
  | 'abnormal_rate'
  | 'call_id_reused'
  | 'engine_error';

/** The event that first brought a bucket into the session. */
export interface Provenance {
  /** Full tool name, e.g. `gmail.list_inbox`. */
  tool: string;
  toolCallId: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Buckets the session holds, each with the event that first brought it. */
export type Exposures = Partial<Record<Capability, Provenance>>;

/** A rule that fired for a call. */
export interface Violation {
  rule: RuleId;
  enforcement: Enforcement;
  /** A sentence for a reviewer. */
  reason: string;
  /** The buckets that made the rule fire. */
  buckets: Capability[];
  /** For each bucket, the event that caused it (the call itself when it comes with the call). */
  provenance: Exposures;
}

/** The engine's answer for one tool call. */
export interface Decision {
  outcome: Outcome;
  toolCallId: string;
  /** Full tool name. */
  tool: string;
  /** The rule that decided (or fired under `ignore`); absent when nothing fired. */
  rule?: RuleId;
  /** A sentence fit for a review UI and, on denial, for the model. */
  reason: string;
  /** The enforcement of the deciding rule. */
  enforcement?: Enforcement;
  /** The buckets of the tool as the engine used them (shared with the registry: read-only). */
  capabilities: readonly Capability[];
  /** The session's exposures before this call. */
  exposures: Exposures;
  /** Every rule that fired, strictest first (read-only: an empty list is shared). */
  violations: readonly Violation[];
  /** The approval request, when the outcome is (or was) `require_approval`. */
  approval?: ApprovalRequest;
  /** How an approval turned into `allow`: this call's own approval, or a session-wide grant. */
  approvedBy?: { approvalId: string; by?: string; scope: 'call' | 'session' };
  /**
   * The destination check of an external call that met the trifecta: which rule vouched for each
   * destination (`trusted`, `user_named`) and whether the trifecta was set aside (`relaxed`).
   */
  destinations?: DestinationCheck;
  /** True when the answer came from an earlier decision for the same `toolCallId`. */
  repeated: boolean;
  /** Milliseconds since the epoch. */
  decidedAt: number;
}
