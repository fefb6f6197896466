import { hashArguments } from '@oso-agents/core';

/**
 * A stable id for an input message that has none of its own: where it sits in the request and a
 * hash of what it says. The same history sent again gives the same ids, so each message is
 * recorded once; the same words said again later get a new id.
 */
export function inputMessageId(scope: string, index: number, role: string, content: unknown): string {
  return `${scope}:${index}:${hashArguments({ role, content }).slice(0, 22)}`;
}
