// Replays the corpus through a real engine and reports, for every step, which rules fired.
//
// Every rule is set to `ignore` for the replay, so each session runs to its end as if a person
// had approved every pause, and each decision still lists every rule that fired. Whether a step
// would have been interrupted is then read off for any enforcement (see `interrupts`).
import { createOso, type CreateOsoOptions, type DestinationCheck, type Enforcement, type RuleId } from '@oso-agents/core';
import { CORPUS_TOOLS } from './corpus-tools.js';
import type { CorpusSession } from './corpus.js';

export interface StepResult {
  index: number;
  /** Tool name, or `reply` for a message to the user. */
  tool: string;
  malicious: boolean;
  /** Every rule that fired on this step. */
  rules: RuleId[];
  /** The destination check, when the trifecta met an external call. */
  destinations?: DestinationCheck;
  /** Reasons, for the report. */
  reasons: string[];
}

export interface SessionResult {
  session: CorpusSession;
  steps: StepResult[];
}

export interface ReplayConfig {
  destinationRelaxation: boolean;
  untrustedArgumentScope?: 'keys' | 'keys_and_content';
}

const EVERY_RULE: RuleId[] = [
  'lethal_trifecta',
  'rule_of_two',
  'unexpected_tool',
  'missing_scope',
  'secret_egress',
  'private_data_in_egress',
  'output_exfiltration',
  'untrusted_argument',
  'abnormal_rate',
];

export async function replay(session: CorpusSession, config: ReplayConfig): Promise<SessionResult> {
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  const options: CreateOsoOptions = {
    agentId: 'corpus',
    enforcement: 'ignore',
    rules: Object.fromEntries(EVERY_RULE.map((rule) => [rule, 'ignore'])) as Partial<Record<RuleId, Enforcement>>,
    trustedDestinations: session.trustedDestinations ?? [],
    // `alert` reports a leaking link without removing it, so the replay sees the reply as written.
    detection: {
      destinationRelaxation: config.destinationRelaxation,
      untrustedArgumentScope: config.untrustedArgumentScope ?? 'keys_and_content',
      outputExfiltration: 'alert',
    },
    // Steps two seconds apart: an agent working at a brisk human-visible pace.
    now: () => (clock += 2_000),
  };
  const oso = createOso(options);
  for (const [integration, tools] of Object.entries(CORPUS_TOOLS)) oso.registerTools(integration, tools);
  const osoSession = oso.session(session.id);
  await osoSession.record({ type: 'message_from_user', content: session.user });

  const steps: StepResult[] = [];
  for (const [index, step] of session.steps.entries()) {
    const malicious = step.malicious === true;
    if ('reply' in step) {
      const screened = await osoSession.screenMessage(step.reply);
      await osoSession.record({ type: 'message_to_user', content: step.reply });
      steps.push({
        index,
        tool: 'reply',
        malicious,
        rules: screened.violation ? [screened.violation.rule] : [],
        reasons: screened.violation ? [screened.violation.reason] : [],
      });
      continue;
    }
    const call = { toolCallId: `${session.id}-${index}`, tool: step.tool, args: step.args ?? {} };
    const decision = await osoSession.authorize(call);
    if (decision.outcome !== 'allow') throw new Error(`${session.id} step ${index}: replay expects every rule ignored, got ${decision.outcome}`);
    if (step.output !== undefined) {
      await osoSession.record({ type: 'tool_call_response', toolCallId: call.toolCallId, tool: call.tool, output: step.output });
    }
    steps.push({
      index,
      tool: step.tool,
      malicious,
      rules: decision.violations.map((violation) => violation.rule),
      ...(decision.destinations ? { destinations: decision.destinations } : {}),
      reasons: decision.violations.map((violation) => violation.reason),
    });
  }
  return { session, steps };
}

/** The enforcement of each rule under `createOso`'s defaults in production. */
export const DEFAULT_ENFORCEMENT: Record<RuleId, Enforcement> = {
  lethal_trifecta: 'deny',
  rule_of_two: 'deny',
  unexpected_tool: 'deny',
  missing_scope: 'deny',
  secret_egress: 'deny',
  private_data_in_egress: 'ignore',
  output_exfiltration: 'deny',
  untrusted_argument: 'require_approval',
  abnormal_rate: 'require_approval',
  call_id_reused: 'deny',
  engine_error: 'deny',
};

/** True when a step is stopped or paused under the given enforcement of each rule. */
export function interrupts(step: StepResult, enforcement: Partial<Record<RuleId, Enforcement>>): boolean {
  return step.rules.some((rule) => (enforcement[rule] ?? DEFAULT_ENFORCEMENT[rule]) !== 'ignore');
}

/** Only the listed rules enforced (the rest ignored): to measure one rule or a set. */
export function only(...rules: RuleId[]): Partial<Record<RuleId, Enforcement>> {
  const enforcement: Partial<Record<RuleId, Enforcement>> = {};
  for (const rule of Object.keys(DEFAULT_ENFORCEMENT) as RuleId[]) enforcement[rule] = rules.includes(rule) ? 'deny' : 'ignore';
  return enforcement;
}
