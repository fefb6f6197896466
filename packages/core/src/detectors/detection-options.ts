import { z } from 'zod';

/** Bounds of `abnormal_rate`; every default lives here. */
export const abnormalRateOptionsSchema = z.object({
  /** Tool calls per window before the session is paused. Default 120. */
  maxCalls: z.number().int().positive().default(120),
  /** The window of `maxCalls`, in milliseconds. Default 60 s. */
  windowMs: z.number().int().positive().default(60_000),
  /** The same tool with the same arguments at most this many times among the last 64 calls (a loop). Default 10. */
  maxRepeats: z.number().int().positive().max(63).default(10),
  /** Only repeats within this time count, in milliseconds. Default 10 minutes. */
  repeatWindowMs: z.number().int().positive().default(10 * 60_000),
});

/**
 * The built-in behaviour detectors (issue 8). Each is a rule with its own id; its enforcement is
 * set like any rule's, with `createOso({ rules: { secret_egress: 'require_approval' } })`.
 * `false` turns a detector off (it then neither runs nor records).
 */
export const detectionOptionsSchema = z.object({
  /** `secret_egress`: credentials in an external call's arguments. Default on, the environment's enforcement. */
  secretEgress: z.boolean().default(true),
  /** `private_data_in_egress`: values from a private-data response in an external call. Default on, record only. */
  privateDataInEgress: z.boolean().default(true),
  /** `untrusted_argument`: a destination or key argument taken from untrusted content. Default on, `require_approval`. */
  untrustedArgument: z.boolean().default(true),
  /**
   * What `untrusted_argument` reads: `keys` the destination and key arguments (recipient, URL,
   * account, invitee, file); `keys_and_content` (default) also links, addresses and account
   * numbers from untrusted content anywhere in the arguments, e.g. a planted link in a message
   * body. On the corpus in `test/detectors/` the wider scope catches more integrity attacks for
   * the same false alarms.
   */
  untrustedArgumentScope: z.enum(['keys', 'keys_and_content']).default('keys_and_content'),
  /** `output_exfiltration`: `strip` (default) removes leaking links and images from messages, `alert` only reports. */
  outputExfiltration: z.union([z.literal(false), z.enum(['strip', 'alert'])]).default('strip'),
  /** `abnormal_rate`: bursts and loops. Default on, `require_approval`. */
  abnormalRate: z.union([z.literal(false), abnormalRateOptionsSchema]).prefault({}),
  /**
   * Sets the trifecta aside for a send whose every destination is trusted (`trustedDestinations`)
   * or typed by the user, while its content carries no private data or planted link. Default on.
   */
  destinationRelaxation: z.boolean().default(true),
  /** Fingerprints kept per kind and session (private, untrusted, user). Default 4,000. */
  maxFingerprints: z.number().int().positive().default(4_000),
  /**
   * Seeds the fingerprint hash, so fingerprints in a shared store reveal nothing without it. Use
   * the same value on every instance sharing a store. Default: none (fingerprints still hold no
   * value, but a short number could be guessed back from its hash).
   */
  fingerprintSecret: z.string().min(1).optional(),
});

export type DetectionOptions = z.input<typeof detectionOptionsSchema>;
export type ResolvedDetectionOptions = z.output<typeof detectionOptionsSchema>;
