/**
 * The OpenAI Agents SDK through the adapter's `osoAgentTools`, with the SDK's own `ScriptedModel`
 * (`@openai/agents/testing`) playing the script in a real `run()`. The next turn runs on the
 * previous run's history; an approval asked out of band is the run's interruption, answered with
 * `resolveOsoInterruption` and resumed from the run state, as the README shows.
 */
import { osoAgentTools, resolveOsoInterruption, type OsoAgentToolsOptions } from '@oso-agents/openai';
import { Agent, run, setTracingDisabled, tool, type AgentInputItem } from '@openai/agents';
import { ScriptedModel, assistantMessage, functionCall } from '@openai/agents/testing';
import type { Capability } from '@oso-agents/core';
import { INTEGRATION, allSteps, type Driver, type Scenario } from '../scenario.js';
import { pendingApproval } from './pending-approval.js';

function scriptedModel(scenario: Scenario): ScriptedModel {
  return new ScriptedModel(
    allSteps(scenario).map((step) => [
      ...(step.text !== undefined ? [assistantMessage(step.text)] : []),
      ...(step.calls ?? []).map((call) => functionCall(call.tool, call.args, { callId: call.id })),
    ]),
  );
}

/** The text of every tool output the model was given, by call id. */
function toolOutputsSeenBy(model: ScriptedModel): Map<string, string> {
  const seen = new Map<string, string>();
  for (const call of model.calls) {
    const items: readonly AgentInputItem[] = Array.isArray(call.request.input) ? call.request.input : [];
    for (const item of items) {
      if (item.type !== 'function_call_result') continue;
      const output: unknown = item.output;
      const text =
        typeof output === 'string'
          ? output
          : output && typeof output === 'object' && 'text' in output
            ? String((output as { text: unknown }).text)
            : JSON.stringify(output);
      seen.set(item.callId, text);
    }
  }
  return seen;
}

export const openaiAgentsDriver: Driver = {
  name: 'openai (Agents SDK: osoAgentTools + run)',
  // The ScriptedModel does not go through an OpenAI client, so there is no `withOso(client)` to
  // capture the conversation: the timeline holds the gate's events only, as with the bare core.
  capturesMessages: false,
  async play({ scenario, oso, spy, review }) {
    setTracingDisabled(true);
    const capabilities: Record<string, Capability[]> = {};
    for (const definition of scenario.tools) if (definition.override) capabilities[definition.name] = definition.capabilities;
    const tools = scenario.tools.map((definition) =>
      tool({
        name: definition.name,
        description: definition.description,
        parameters: definition.parameters,
        execute: (args: unknown) => spy.run(definition.name, args),
      }),
    );
    const options: OsoAgentToolsOptions = { oso, sessionId: scenario.sessionId, integration: INTEGRATION, capabilities };
    const model = scriptedModel(scenario);
    const agent = new Agent({ name: 'conformance', instructions: 'Help the user.', model, tools: osoAgentTools(tools, options) });
    const maxTurns = allSteps(scenario).length + 2;
    const answers: Array<string | undefined> = [];
    let history: AgentInputItem[] = [];
    for (const turn of scenario.turns) {
      let result = await run(agent, [...history, { role: 'user', content: turn.userMessage }], { maxTurns });
      while (result.interruptions.length > 0) {
        for (const interruption of result.interruptions) {
          const callId = interruption.rawItem.type === 'function_call' ? interruption.rawItem.callId : undefined;
          if (!callId) throw new Error(`Not a function call interruption: ${interruption.rawItem.type}`);
          const answer = review(await pendingApproval(oso, scenario.sessionId, callId));
          await resolveOsoInterruption(result.state, interruption, answer, options);
        }
        result = await run(agent, result.state, { maxTurns });
      }
      history = result.history;
      answers.push(typeof result.finalOutput === 'string' ? result.finalOutput : undefined);
    }
    return { toldModel: toolOutputsSeenBy(model), answers };
  },
};
