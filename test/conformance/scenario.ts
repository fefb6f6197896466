/**
 * What a conformance scenario is: plain data that every driver (the bare core and each adapter
 * through its own documented API and its framework's own offline test model) plays the same way.
 */
import type { ApprovalRequest, Capability, CreateOsoOptions, Oso, OsoEvent, Outcome, RuleId, SessionMetadata } from '@oso-agents/core';
import type { z } from 'zod';

/** Every driver registers the tools under this integration, so tool names agree: `mail.send_email`. */
export const INTEGRATION = 'mail';

/** A tool as the model sees it, what it returns, and the buckets the engine must give it. */
export interface ScenarioTool {
  /** The name the model calls (snake_case, valid in every framework). */
  name: string;
  description: string;
  parameters: z.ZodObject;
  /** What the tool returns when it runs (a string, so every framework passes it on unchanged). */
  returns: string;
  /** When set, the tool fails instead: it throws an `Error` with this message (after the spy saw it run). */
  fails?: string;
  /** The buckets the engine must hold for the tool once the driver has registered it. */
  capabilities: Capability[];
  /** Give `capabilities` as a manual override; otherwise the classifier must find them itself. */
  override?: boolean;
}

/** A tool call the scripted model makes. */
export interface ScriptedCall {
  id: string;
  tool: string;
  args: Record<string, unknown>;
}

/** One model call of the script: text for the user and/or tool calls (several = parallel calls). */
export interface ScriptStep {
  text?: string;
  /**
   * What the user must be shown for `text` when it differs: the text after the engine's
   * `output_exfiltration` screening (`session.screenMessage`), which adapters apply to the
   * model's messages before they reach the user.
   */
  shownText?: string;
  calls?: ScriptedCall[];
}

/** A user message and the model calls it leads to; the last step is the model's text answer. */
export interface Turn {
  userMessage: string;
  steps: ScriptStep[];
}

/** The decision the engine must take for a call (its latest decision event when asked twice). */
export interface ExpectedDecision {
  toolCallId: string;
  outcome: Outcome;
  rule?: RuleId;
}

/** A person's answer to an approval request. */
export interface ReviewAnswer {
  approved: boolean;
  by: string;
  reason: string;
  /** `session` approves the tool for the rest of the session. */
  scope?: 'call' | 'session';
}

/**
 * Who answers `require_approval`: the engine's `onApproval` callback (awaited in the tool call),
 * or a person out of band, through the framework's own pause-and-resume (the AI SDK's tool
 * approval parts, LangChain's interrupt, the Agents SDK's interruptions, `pending` requests of
 * `osoTools`, `ApprovalRequiredError` for the bare core).
 */
export interface Reviewer extends ReviewAnswer {
  mode: 'callback' | 'out_of_band';
}

export interface Scenario {
  name: string;
  sessionId: string;
  /** One or more user turns of the same session (a multi-turn chat keeps its exposures). */
  turns: Turn[];
  tools: ScenarioTool[];
  /** Engine options besides the agent id and clock (environment, enforcement…). */
  engine?: Partial<CreateOsoOptions>;
  /**
   * What the app declares about tools with `oso.registerTools` at startup, before any adapter
   * registers them (required scopes, destinations): the adapters that have no option for it rely
   * on the engine keeping it.
   */
  registeredByApp?: Array<{ name: string; capabilities?: Capability[]; requiredScopes?: string[]; destinations?: string[] }>;
  reviewer?: Reviewer;
  /**
   * Sessions live in a store that answers asynchronously (each operation a turn of the event loop
   * later), as a store across the network does, instead of the synchronous memory store.
   */
  asyncStore?: boolean;
  /** The outcome depends on the user's messages being in the timeline (drivers that capture none skip it). */
  needsConversation?: boolean;
  expected: {
    /** Tools that actually ran, in order (sorted when a step has parallel calls). */
    executed: string[];
    /** Every decision event of the timeline, in order. */
    decisions: ExpectedDecision[];
    /** Calls the model must be told were blocked, with the engine's safe denial. */
    deniedCalls: string[];
    /** Calls the reviewer must be asked about, in order. */
    approvalsAsked?: string[];
    /** Values that must never be stored in the timeline (the engine's redactor masks them). */
    neverStored?: string[];
  };
}

/** Every step of every turn, in order: the scripted model's whole script. */
export function allSteps(scenario: Scenario): ScriptStep[] {
  return scenario.turns.flatMap((turn) => turn.steps);
}

/** True when a scenario expects the model's text to be screened (`shownText` set). */
export function expectsScreening(scenario: Scenario): boolean {
  return allSteps(scenario).some((step) => step.shownText !== undefined);
}

/** Every scripted tool call, in order. */
export function allCalls(scenario: Scenario): ScriptedCall[] {
  return allSteps(scenario).flatMap((step) => step.calls ?? []);
}

/** What a tool spy saw: the tools that ran, in the order they ran. */
export interface ToolSpy {
  readonly executed: Array<{ tool: string; args: unknown }>;
  /** Runs the scenario's tool: records the call and returns the tool's scripted output. */
  run(tool: string, args: unknown): string;
}

/** Everything a driver needs to play a scenario. */
export interface DriverInput {
  scenario: Scenario;
  oso: Oso;
  /** Who the session acts for; every driver hands it to its adapter, and every event must carry it. */
  metadata: SessionMetadata;
  spy: ToolSpy;
  /**
   * The person reviewing out of band: a driver whose framework paused for approval calls it with
   * the engine's request and resumes the framework's way with the answer. Throws when the scenario
   * has no out-of-band reviewer (nothing should pause then).
   */
  review(request: ApprovalRequest): ReviewAnswer;
}

/** What a driver observed from the framework's side. */
export interface DriverOutput {
  /** For each tool call id, the text the model was given back as the call's result. */
  toldModel: Map<string, string>;
  /** The model's text answer at the end of each turn, as the framework returned it. */
  answers: Array<string | undefined>;
}

/** Plays a scenario through one adapter (or the bare core). */
export interface Driver {
  name: string;
  /**
   * True when the conversation (user turns, assistant text) reaches the timeline this way: the
   * adapter captures it, or, for the bare core, the app records it with `session.record`.
   */
  capturesMessages: boolean;
  /**
   * What the model reads for a call a person refused out of band: the engine's safe denial
   * (default), or the person's own reason, where the framework writes the refused call's result
   * itself from the approval response (the AI SDK's `execution-denied`).
   */
  refusalToldModel?: 'safe_denial' | 'reviewer_reason';
  /**
   * The agent's instructions, when the adapter records them as a `message_from_user` (once, before
   * the first user message): the OpenAI capture records the Responses `instructions`.
   */
  instructionsCaptured?: string;
  /**
   * True when the framework turns a tool's error into a generic text before the adapter sees it
   * (the Agents SDK's `tool()` catches it and returns its default `errorFunction`'s "An error
   * occurred while running the tool"): the model reads that text, and the timeline records it as
   * the call's output, not as an error.
   */
  hidesToolErrors?: boolean;
  /** True when the adapter screens the model's text with `session.screenMessage` before the user sees it. */
  screensOutput: boolean;
  /** True, or why the scenario does not apply to this way in (the test is then skipped, with the reason). */
  appliesTo?: (scenario: Scenario) => true | string;
  play(input: DriverInput): Promise<DriverOutput>;
}

/** A driver's run, with what the engine saw. */
export interface ConformanceRun extends DriverOutput {
  executed: Array<{ tool: string; args: unknown }>;
  approvalsAsked: string[];
  timeline: OsoEvent[];
  registered: Record<string, readonly Capability[] | undefined>;
}
