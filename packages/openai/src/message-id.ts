import { hashArguments } from '@oso-agents/core';

/**
 * Stable ids for input messages that have none of their own, within a scope (what the model last
 * said): a hash of what each says, and how many times the same words came before it in the scope.
 * The same request sent again gives the same ids, so each message is recorded once.
 */
export function inputMessageIds(scope: string, messages: readonly { role: string; content: unknown }[]): string[] {
  const seen = new Map<string, number>();
  return messages.map(({ role, content }) => {
    const hash = hashArguments({ role, content }).slice(0, 22);
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return `${scope}:${hash}:${occurrence}`;
  });
}

/** A short stable hash of a value, to anchor a scope on. */
export function shortHash(value: unknown): string {
  return hashArguments(value).slice(0, 22);
}
