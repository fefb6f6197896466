import { CAPABILITY_DESCRIPTION, type Capability } from './capabilities.js';
import type { Exposures, Provenance } from './decision.js';

const READ_WORDS: Record<Capability, string> = {
  untrusted_content: 'untrusted content',
  private_data: 'private data',
  external_or_state_change: 'an external action',
};

function origin(provenance: Provenance | undefined, toolCallId: string): string {
  if (!provenance || provenance.toolCallId === toolCallId) return 'this call itself';
  return describeCall(provenance);
}

/** `web.fetch, call 3` — or `web.fetch, call_abc` when the framework's id reads so already. */
export function describeCall(source: { tool: string; toolCallId: string }): string {
  return `${source.tool}, ${callLabel(source.toolCallId)}`;
}

/** `call 3`, or the id as it is when it reads `call_abc` already. */
export function callLabel(toolCallId: string): string {
  return /^call/i.test(toolCallId) ? toolCallId : `call ${toolCallId}`;
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Sends data out or changes state (x) after reading untrusted content (web.fetch, call 3) and …" */
export function trifectaReason(tool: string, toolCallId: string, provenance: Exposures): string {
  const held = (['untrusted_content', 'private_data'] as const).map(
    (bucket) => `${READ_WORDS[bucket]} (${origin(provenance[bucket], toolCallId)})`,
  );
  return `Sends data out or changes state (${tool}) after reading ${list(held)} in this session.`;
}

/** Rule of Two in strict mode: all three buckets in any order. */
export function ruleOfTwoReason(tool: string, toolCallId: string, provenance: Exposures): string {
  const parts = (Object.keys(provenance) as Capability[]).map(
    (bucket) => `${CAPABILITY_DESCRIPTION[bucket]} (${origin(provenance[bucket], toolCallId)})`,
  );
  return `Calling ${tool} would give this session ${list(parts)} at once, which the Rule of Two forbids without a person in the loop.`;
}

export function unexpectedToolReason(tool: string): string {
  return `The tool ${tool} is not registered with the security policy, so what it can do is unknown.`;
}

export function missingScopeReason(tool: string, missing: string[]): string {
  return `The user of this session lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${tool} requires.`;
}

export function callIdReusedReason(toolCallId: string): string {
  return `The call id ${toolCallId} was already used for a different tool or different arguments.`;
}
