import type { Capability, Oso, OsoSession, SessionMetadata } from '@oso-agents/core';
import type { RunContext } from '@openai/agents';

/** Options of {@link osoAgentTools} and {@link resolveOsoInterruption} (pass the same object to both). */
export interface OsoAgentToolsOptions<TContext = unknown> {
  /** The engine. */
  oso: Oso;
  /**
   * The conversation: a fixed id, or one read from the run's context (an `Agent` is usually
   * shared by many conversations), e.g. `(runContext) => runContext.context.conversationId`.
   */
  sessionId: string | ((runContext: RunContext<TContext>) => string);
  /** Session metadata (the user, their scopes…), carried on every event. */
  metadata?: SessionMetadata;
  /** The integration the tools are registered under, `openai` unless set: `openai.send_email`. */
  integration?: string;
  /** Manual overrides of tools' buckets, by tool name; they win over the classifier. */
  capabilities?: Record<string, Capability[]>;
}

/** The engine's session for a run. */
export function sessionFor<TContext>(options: OsoAgentToolsOptions<TContext>, runContext: RunContext<TContext>): OsoSession {
  const sessionId = typeof options.sessionId === 'function' ? options.sessionId(runContext) : options.sessionId;
  return options.oso.session(sessionId, options.metadata);
}

/** The engine's name of an agent tool. */
export function agentToolName(options: Pick<OsoAgentToolsOptions, 'integration'>, name: string): string {
  return `${options.integration ?? 'openai'}.${name}`;
}
