import type { Oso, OsoSession, RecordableEvent } from '@oso-agents/core';

const MAX_REMEMBERED_MESSAGES = 10_000;

/**
 * Records what `withOso` sees into a session. A side channel: it never throws into the caller's
 * request; failures go to the engine's `onError`. Events are queued on the session in the order
 * they are recorded, so the timeline keeps the conversation's order.
 */
export class CaptureRecorder {
  private readonly seenMessageIds = new Set<string>();

  constructor(
    readonly session: OsoSession,
    private readonly oso: Oso,
    private readonly integration: string | undefined,
  ) {}

  /** Starts recording an event (synchronously enqueued) and resolves once it is stored. */
  record(event: RecordableEvent): Promise<void> {
    if ((event.type === 'message_from_user' || event.type === 'message_to_user') && event.messageId !== undefined) {
      // The whole history comes back every turn: a message already recorded here is skipped
      // (the store would also keep it once, but this saves the round trip).
      if (this.seenMessageIds.has(event.messageId)) return Promise.resolve();
      if (this.seenMessageIds.size >= MAX_REMEMBERED_MESSAGES) this.seenMessageIds.clear();
      this.seenMessageIds.add(event.messageId);
    }
    try {
      return this.session.record(event).catch((error: unknown) => this.report(error));
    } catch (error) {
      this.report(error);
      return Promise.resolve();
    }
  }

  /** Reports a failure of the side channel; never throws. */
  report(error: unknown): void {
    try {
      this.oso.options.onError?.(error);
    } catch {
      // An error reporter that fails must not break the caller's request either.
    }
  }

  /**
   * The engine's name of a function the model called: `integration.name` when an integration is
   * set; otherwise the one registered tool with that name (so `withOso` and `osoTools` agree
   * without being told), else `openai.name`.
   */
  toolName(name: string): string {
    if (this.integration !== undefined) return `${this.integration}.${name}`;
    const matches = this.oso.listTools().filter((tool) => tool.name === name);
    const only = matches.length === 1 ? matches[0] : undefined;
    return only ? only.fullName : `openai.${name}`;
  }
}
