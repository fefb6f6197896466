import type { OsoEvent } from '@oso-agents/core';

/** A decision or approval event, without what differs from run to run (times, ids, sequence numbers). */
export type EngineStep =
  | { type: 'decision'; tool: string; toolCallId: string; outcome: string; rule: string | undefined; reason: string }
  | { type: 'approval_requested' | 'approval_resolved'; tool: string; toolCallId: string; status: string; argsHash: string };

/**
 * The engine's own events of a timeline, in order: decisions and approvals. Conversation events
 * are left out on purpose: adapters that capture messages add `message_from_user` /
 * `message_to_user` events the bare core never sees, and a capture middleware may record a step's
 * `tool_call_request`s together before the gate decides the first of them, so their position
 * legitimately differs.
 */
export function engineSteps(events: readonly OsoEvent[]): EngineStep[] {
  return events.flatMap((event): EngineStep[] => {
    switch (event.type) {
      case 'decision':
        return [
          {
            type: 'decision',
            tool: event.decision.tool,
            toolCallId: event.decision.toolCallId,
            outcome: event.decision.outcome,
            rule: event.decision.rule,
            reason: event.decision.reason,
          },
        ];
      case 'approval_requested':
      case 'approval_resolved':
        return [
          { type: event.type, tool: event.approval.tool, toolCallId: event.approval.toolCallId, status: event.approval.status, argsHash: event.approval.argsHash },
        ];
      default:
        return [];
    }
  });
}

/** The ids of the calls whose response the timeline holds (the calls that ran), sorted. */
export function respondedCalls(events: readonly OsoEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'tool_call_response' ? [event.toolCallId] : [])).sort();
}

/** The ids of the calls whose request the timeline holds, each once, sorted. */
export function requestedCalls(events: readonly OsoEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'tool_call_request' ? [event.toolCallId] : [])).sort();
}

/**
 * For each tool call, its events in order (request, decision with its outcome, approval events
 * with their status, response). Unlike the whole timeline this is the same for every driver: where
 * a capture middleware records a step's requests, or when a framework hands a person's answers
 * to the engine (the AI SDK: one call at a time, as it re-validates each approved call), moves
 * events of different calls relative to each other, but each call's own story does not move.
 */
export function eventsPerCall(events: readonly OsoEvent[]): Record<string, string[]> {
  const perCall: Record<string, string[]> = {};
  for (const event of events) {
    const toolCallId =
      event.type === 'decision'
        ? event.decision.toolCallId
        : event.type === 'approval_requested' || event.type === 'approval_resolved'
          ? event.approval.toolCallId
          : event.type === 'tool_call_request' || event.type === 'tool_call_response'
            ? event.toolCallId
            : undefined;
    const detail =
      event.type === 'decision'
        ? `decision: ${event.decision.outcome}`
        : event.type === 'approval_requested' || event.type === 'approval_resolved'
          ? `${event.type}: ${event.approval.status}`
          : event.type;
    if (toolCallId !== undefined) (perCall[toolCallId] ??= []).push(detail);
  }
  return perCall;
}

/** The conversation's messages in the timeline, in order: who said what. */
export function conversation(events: readonly OsoEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'message_from_user' || event.type === 'message_to_user' ? [`${event.type}: ${String(event.content)}`] : [],
  );
}

/** The decisions of a timeline, in order (see `engineSteps`): what every driver must agree on. */
export function decisionSteps(events: readonly OsoEvent[]): EngineStep[] {
  return engineSteps(events).filter((step) => step.type === 'decision');
}

/** The arguments each call was requested with, as the engine recorded them (masked), by call id. */
export function requestArguments(events: readonly OsoEvent[]): Record<string, unknown> {
  const byCall: Record<string, unknown> = {};
  for (const event of events) if (event.type === 'tool_call_request') byCall[event.toolCallId] = event.args;
  return byCall;
}
