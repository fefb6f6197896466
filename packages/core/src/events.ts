import { z } from 'zod';
import type { ApprovalRequest } from './approval.js';
import type { Decision, Violation } from './decision.js';

/** Who the session acts for, from the identity provider. */
export const sessionUserSchema = z.object({
  id: z.string().optional(),
  email: z.string().optional(),
  ip: z.string().optional(),
  /** Scopes the user holds; a tool's `requiredScopes` are checked against them. */
  scopes: z.array(z.string()).optional(),
});

/** Optional session metadata carried on every event of the session. */
export const sessionMetadataSchema = z.object({
  user: sessionUserSchema.optional(),
  /** Anything else worth keeping with the session (channel, tenant…). */
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export type SessionUser = z.infer<typeof sessionUserSchema>;
export type SessionMetadata = z.infer<typeof sessionMetadataSchema>;

/** A tool call as the engine sees it: any JSON object as arguments. */
export const toolCallSchema = z.object({
  /** The framework's id of the call; decisions are idempotent per id. */
  toolCallId: z.string().min(1),
  /** Full tool name, `integration.name`. */
  tool: z.string().min(1),
  /**
   * The arguments the model chose: normally a JSON object, but any value is accepted and gated
   * (checking them against the tool's schema is the framework's job).
   */
  args: z.unknown(),
});

export type ToolCall = z.infer<typeof toolCallSchema>;

export const messageFromUserSchema = z.object({
  type: z.literal('message_from_user'),
  content: z.unknown(),
  /** The framework's id of the message, when it has one: a message recorded twice is kept once. */
  messageId: z.string().optional(),
});

export const messageToUserSchema = z.object({
  type: z.literal('message_to_user'),
  content: z.unknown(),
  messageId: z.string().optional(),
});

export const toolCallRequestSchema = z.object({
  type: z.literal('tool_call_request'),
  toolCallId: z.string().min(1),
  tool: z.string().min(1),
  args: z.unknown(),
});

export const toolCallResponseSchema = z.object({
  type: z.literal('tool_call_response'),
  toolCallId: z.string().min(1),
  tool: z.string().min(1),
  output: z.unknown().optional(),
  /** Set when the tool failed; the error's message. */
  error: z.string().optional(),
});

/** What a caller (or an adapter) records: the four events of a conversation. */
export const recordableEventSchema = z.discriminatedUnion('type', [
  messageFromUserSchema,
  messageToUserSchema,
  toolCallRequestSchema,
  toolCallResponseSchema,
]);

export type MessageFromUserEvent = z.infer<typeof messageFromUserSchema>;
export type MessageToUserEvent = z.infer<typeof messageToUserSchema>;
export type ToolCallRequestEvent = z.infer<typeof toolCallRequestSchema>;
export type ToolCallResponseEvent = z.infer<typeof toolCallResponseSchema>;
export type RecordableEvent = z.infer<typeof recordableEventSchema>;

/** The engine's own events. */
export interface DecisionEvent {
  type: 'decision';
  decision: Decision;
}
export interface ApprovalRequestedEvent {
  type: 'approval_requested';
  approval: ApprovalRequest;
}
export interface ApprovalResolvedEvent {
  type: 'approval_resolved';
  approval: ApprovalRequest;
}

/**
 * `output_exfiltration` fired on a message to the user (`session.screenMessage`): what was found,
 * and whether it was stripped or, under `alert`, only reported.
 */
export interface OutputScreenedEvent {
  type: 'output_screened';
  violation: Violation;
  /** Hosts of the links and images found. */
  hosts: string[];
  /** True when they were removed from the message (`strip`). */
  stripped: boolean;
}

export type EventBody = RecordableEvent | DecisionEvent | ApprovalRequestedEvent | ApprovalResolvedEvent | OutputScreenedEvent;

export type EventType = EventBody['type'];

/** Stamped on every stored event. */
export interface EventEnvelope {
  agentId: string;
  sessionId: string;
  /** Milliseconds since the epoch, applied on receipt. */
  timestamp: number;
  /** Order within the session. */
  seq: number;
  metadata?: SessionMetadata;
}

/** An event as the timeline holds it. */
export type OsoEvent = EventBody & EventEnvelope;
