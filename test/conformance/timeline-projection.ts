import type { OsoEvent } from '@oso-agents/core';

/** A decision or approval event, without what differs from run to run (times, ids, sequence numbers). */
export type EngineStep =
  | { type: 'decision'; tool: string; toolCallId: string; outcome: string; rule: string | undefined; reason: string }
  | { type: 'approval_requested' | 'approval_resolved'; tool: string; toolCallId: string; status: string };

/**
 * The engine's own events of a timeline, in order: decisions and approvals. This is what every
 * driver must agree on. Conversation events are left out on purpose: adapters that capture
 * messages add `message_from_user` / `message_to_user` events the bare core never sees, and a
 * capture middleware may record a step's `tool_call_request`s together before the gate decides
 * the first of them, so their position legitimately differs.
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
        return [{ type: event.type, tool: event.approval.tool, toolCallId: event.approval.toolCallId, status: event.approval.status }];
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
