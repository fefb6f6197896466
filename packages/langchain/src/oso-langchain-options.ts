import type { Capability, Oso, SessionMetadata } from '@oso-agents/core';
import type { RunnableConfig } from '@langchain/core/runnables';

/** Options shared by `withOso`, `osoMiddleware` and `OsoCallbackHandler`. */
export interface OsoLangChainOptions {
  /** The engine from `createOso()`; it holds the policy, the sessions and the approvals. */
  oso: Oso;
  /**
   * The session a run belongs to. Default: the run's `configurable.thread_id`; without one, the id
   * of the conversation's first message (one session per conversation state). A string fixes it;
   * a function reads it from the run's config (return `undefined` to fall back to the default).
   */
  sessionId?: string | ((config: RunnableConfig) => string | undefined);
  /** Who the session acts for (user id, e-mail, IP, scopes), fixed or read from the run's config. */
  metadata?: SessionMetadata | ((config: RunnableConfig) => SessionMetadata | undefined);
  /** Names the tools in the engine: a tool `search` is `${integration}.search`. Default `langchain`. */
  integration?: string;
  /** Manual override of a tool's buckets, by the tool's LangChain name; wins over the classifier. */
  capabilities?: Readonly<Record<string, readonly Capability[]>>;
}

/** The integration name used when none is given. */
export const DEFAULT_INTEGRATION = 'langchain';
