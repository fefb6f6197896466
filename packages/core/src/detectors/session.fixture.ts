// Shared by the detectors' tests: an engine with a small, realistic tool set whose buckets are
// fixed by manual override, so the tests do not depend on the classifier.
import { createOso, type Oso } from '../create-oso.js';
import type { CreateOsoOptions } from '../options.js';
import type { Decision } from '../decision.js';
import type { OsoSession } from '../oso-session.js';

export const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

export function detectorsOso(options: Partial<CreateOsoOptions> = {}): Oso & { clock: { now: number } } {
  const clock = { now: NOW };
  const oso = createOso({ agentId: 'detectors-test', now: () => clock.now, ...options });
  const object = { type: 'object', properties: {} };
  oso.registerTools('web', [{ name: 'read_page', inputSchema: object, capabilities: ['untrusted_content'] }]);
  oso.registerTools('mail', [
    { name: 'list_inbox', inputSchema: object, capabilities: ['untrusted_content', 'private_data'] },
    { name: 'send_email', inputSchema: object, capabilities: ['external_or_state_change'], destinations: ['to', 'cc', 'bcc'] },
  ]);
  oso.registerTools('drive', [
    { name: 'read_file', inputSchema: object, capabilities: ['private_data'] },
    { name: 'write_file', inputSchema: object, capabilities: ['external_or_state_change'] },
  ]);
  oso.registerTools('slack', [{ name: 'post_message', inputSchema: object, capabilities: ['external_or_state_change'] }]);
  oso.registerTools('http', [{ name: 'post', inputSchema: object, capabilities: ['external_or_state_change'] }]);
  oso.registerTools('workspace', [{ name: 'invite_user', inputSchema: object, capabilities: ['external_or_state_change'] }]);
  oso.registerTools('bank', [{ name: 'send_money', inputSchema: object, capabilities: ['external_or_state_change'], destinations: ['recipient'] }]);
  oso.registerTools('math', [{ name: 'add', inputSchema: object, capabilities: [] }]);
  return Object.assign(oso, { clock });
}

let counter = 0;

/** Runs a read tool and records what it returned. */
export async function read(session: OsoSession, tool: string, output: unknown, args: unknown = {}): Promise<string> {
  const toolCallId = `read-${++counter}`;
  await session.run({ toolCallId, tool, args }, () => output);
  return toolCallId;
}

/** Asks for a call and returns the decision. */
export function attempt(session: OsoSession, tool: string, args: unknown): Promise<Decision> {
  return session.authorize({ toolCallId: `call-${++counter}`, tool, args });
}

export function rules(decision: Decision): string[] {
  return decision.violations.map((violation) => violation.rule);
}
