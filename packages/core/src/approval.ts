import { z } from 'zod';
import type { Capability } from './capabilities.js';
import type { RuleId } from './decision.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/**
 * A paused tool call waiting for a person (DESIGN §3). Bound to the exact arguments (by hash),
 * usable once, and it expires.
 */
export interface ApprovalRequest {
  id: string;
  agentId: string;
  sessionId: string;
  toolCallId: string;
  /** Full tool name. */
  tool: string;
  /** The arguments with secrets masked, for display. */
  args: unknown;
  /** SHA-256 of the exact arguments' stable JSON. */
  argsHash: string;
  /** The rule that asked for the approval. */
  rule: RuleId;
  /** Why a person is asked, in a sentence. */
  reason: string;
  /** The tool's buckets. */
  capabilities: Capability[];
  status: ApprovalStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  expiresAt: number;
  /** Set once answered. */
  resolvedAt?: number;
  resolvedBy?: string;
  resolution?: string;
  /** `session` approves this tool for the rest of the session. */
  scope?: 'call' | 'session';
  /** Set when an approved request has been used by a call. */
  usedByToolCallId?: string;
}

/** A person's answer to an approval request. */
export const approvalAnswerSchema = z.object({
  /** True to let the call run. */
  approved: z.boolean(),
  /** Who answered (user id or e-mail), kept in the timeline. */
  by: z.string().optional(),
  /** Why, in the reviewer's words. */
  reason: z.string().optional(),
  /** `call` (default): this call only. `session`: this tool for the rest of the session. */
  scope: z.enum(['call', 'session']).optional(),
});

export type ApprovalAnswer = z.infer<typeof approvalAnswerSchema>;

/** Called when a call needs approval; the call waits for the answer (or the timeout, a denial). */
export type ApprovalHandler = (request: ApprovalRequest) => Promise<ApprovalAnswer> | ApprovalAnswer;
