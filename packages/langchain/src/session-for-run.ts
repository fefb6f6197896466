import { OsoValidationError, type OsoSession } from '@oso-agents/core';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { OsoLangChainOptions } from './oso-langchain-options.js';

/** What a hook knows about its run: the config and, inside an agent, the conversation's messages. */
export interface RunContext {
  config: RunnableConfig | undefined;
  /** The conversation so far, when the caller has it (first message id is the fallback session id). */
  messages?: readonly { id?: string | undefined }[] | undefined;
}

/**
 * The oso session of a LangChain run: the `sessionId` option, else the run's `thread_id`, else the
 * id of the conversation's first message. Throws `OsoValidationError` when none is known, so the
 * gate fails closed instead of mixing unrelated conversations in one session.
 */
export function sessionForRun(options: OsoLangChainOptions, context: RunContext): OsoSession {
  const config = context.config ?? {};
  const sessionId = resolveSessionId(options, config, context.messages);
  if (sessionId === undefined) {
    throw new OsoValidationError({
      what: 'LangChain run',
      issues: [
        {
          path: 'configurable.thread_id',
          message: 'no session id: pass { configurable: { thread_id } } to the run or the sessionId option',
        },
      ],
    });
  }
  const metadata = typeof options.metadata === 'function' ? options.metadata(config) : options.metadata;
  return options.oso.session(sessionId, metadata);
}

function resolveSessionId(
  options: OsoLangChainOptions,
  config: RunnableConfig,
  messages: RunContext['messages'],
): string | undefined {
  if (typeof options.sessionId === 'string') return options.sessionId;
  const chosen = options.sessionId?.(config);
  if (chosen) return chosen;
  const threadId = config.configurable?.['thread_id'];
  if (typeof threadId === 'string' && threadId.length > 0) return threadId;
  if (typeof threadId === 'number') return String(threadId);
  const firstMessageId = messages?.[0]?.id;
  return firstMessageId ? `conversation:${firstMessageId}` : undefined;
}
