import { safeDenialMessage, type ApprovalRequest, type Decision } from '@oso-agents/core';

/** A tool's return value as the text a tool message or output item carries. */
export function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined) return '';
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}

/** What the model reads for a denied call: the engine's safe message, never internals. */
export function deniedText(decision: Decision): string {
  return safeDenialMessage(decision);
}

/** What the model reads for a call waiting for a person's approval. */
export function pendingText(approval: ApprovalRequest): string {
  return (
    `The action "${approval.tool}" is waiting for a person's approval and has not run: ${approval.reason} ` +
    'Tell the user it needs their approval; do not try to do it another way.'
  );
}
