import { z } from 'zod';
import type { ApprovalHandler } from './approval.js';
import type { Detector, UnknownToolsPolicy } from './decide.js';
import type { Enforcement, RuleId } from './decision.js';
import { detectionOptionsSchema } from './detectors/detection-options.js';
import type { Redactor } from './redact.js';
import type { SessionStore } from './session-store.js';
import type { ToolClassifier } from './tool-registry.js';

const enforcementSchema = z.enum(['deny', 'require_approval', 'ignore']);
const isFunction = (value: unknown) => typeof value === 'function';

/** How much of a session's content is kept. */
export type CaptureContent = 'full' | 'redacted' | 'metadata';

/** `createOso` options; every default lives here. */
export const createOsoOptionsSchema = z.object({
  /** Names the agent; sessions of different agents never share state. */
  agentId: z.string().min(1),
  /** `production` → enforcement `deny`; `development` → `require_approval`. Default `production`. */
  environment: z.enum(['production', 'development']).default('production'),
  /** Overrides the environment's enforcement of the trifecta rule. `ignore` only records (testing). */
  enforcement: enforcementSchema.optional(),
  /** `default`: gate the external call that completes the trifecta. `strict`: any order. */
  ruleOfTwo: z.enum(['default', 'strict']).default('default'),
  /** A tool the engine does not know: deny (default), ask a person, or assume it does everything. */
  unknownTools: z.enum(['deny', 'require_approval', 'assume_all']).default('deny'),
  /** Enforcement per rule id, e.g. `{ missing_scope: 'require_approval' }`. */
  rules: z.record(z.string(), enforcementSchema).default({}),
  /** Awaited when a call needs approval. Without it, `session.run` throws `ApprovalRequiredError`. */
  onApproval: z.custom<ApprovalHandler>(isFunction, 'must be a function').optional(),
  /** How long `onApproval` may take; past it the call is denied. Default 5 minutes. */
  approvalTimeoutMs: z.number().int().positive().default(5 * 60 * 1000),
  /** How long an approval request can be answered and used. Default 1 hour. */
  approvalTtlMs: z.number().int().positive().default(60 * 60 * 1000),
  /** How long a decision may take (a slow store); past it the call is denied. Default 5 s. */
  decisionTimeoutMs: z.number().int().positive().default(5_000),
  /**
   * When the engine cannot decide (store down, timeout): `closed` (default) denies the call;
   * `open` lets it run and records the failure. Choose `open` only knowingly.
   */
  failureMode: z.enum(['closed', 'open']).default('closed'),
  /** Where sessions live. Default: an in-memory store. */
  store: z.custom<SessionStore>((value) => typeof value === 'object' && value !== null, 'must be a SessionStore').optional(),
  capture: z
    .object({
      /** `redacted` (default): secrets masked; `full`: as is; `metadata`: no content at all. */
      content: z.enum(['full', 'redacted', 'metadata']).default('redacted'),
      /** Replaces the built-in secret redactor (e.g. to also mask personal data). */
      redact: z.custom<Redactor>(isFunction, 'must be a function').optional(),
    })
    .default({ content: 'redacted' }),
  /** Classifies registered tools. Default: the built-in deterministic classifier. */
  classifier: z.custom<ToolClassifier>(isFunction, 'must be a function').optional(),
  /**
   * Destinations a send may go to even while the trifecta holds, as patterns with `*`:
   * `*@acme.com`, `https://hooks.acme.com/*`, `#team-*` (see `detection.destinationRelaxation`).
   */
  trustedDestinations: z.array(z.string().min(1)).default([]),
  /** Hosts links and images in messages to the user may point to (`docs.acme.com`, `*.acme.com`). */
  outputAllowlist: z.array(z.string().min(1)).default([]),
  /** The built-in behaviour detectors: on/off, bounds, fingerprint secret. */
  detection: detectionOptionsSchema.prefault({}),
  /** Further rules (behaviour detectors) of your own, run after the built-in ones. */
  detectors: z.array(z.custom<Detector>((value) => typeof value === 'object' && value !== null)).default([]),
  /** Told about failures of side channels (capture after a call ran); they never change a decision. */
  onError: z.custom<(error: unknown) => void>(isFunction, 'must be a function').optional(),
  /** Clock, for tests. Milliseconds since the epoch. */
  now: z.custom<() => number>(isFunction, 'must be a function').optional(),
});

export type CreateOsoOptions = z.input<typeof createOsoOptionsSchema> & {
  rules?: Partial<Record<RuleId, Enforcement>>;
  unknownTools?: UnknownToolsPolicy;
};
export type ResolvedOsoOptions = z.output<typeof createOsoOptionsSchema>;
