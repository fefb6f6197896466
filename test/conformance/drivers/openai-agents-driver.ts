/**
 * The OpenAI Agents SDK through the adapter's `osoAgentTools`, with the SDK's own `ScriptedModel`
 * (`@openai/agents/testing`) playing the script in a real `run()`.
 */
import { osoAgentTools } from '@oso-agents/openai';
import { Agent, run, setTracingDisabled, tool, type AgentInputItem } from '@openai/agents';
import { ScriptedModel, assistantMessage, functionCall } from '@openai/agents/testing';
import type { Capability } from '@oso-agents/core';
import { INTEGRATION, type Driver, type Scenario } from '../scenario.js';

function scriptedModel(scenario: Scenario): ScriptedModel {
  return new ScriptedModel(
    scenario.steps.map((step) => [
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
  async play({ scenario, oso, spy }) {
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
    const model = scriptedModel(scenario);
    const agent = new Agent({
      name: 'conformance',
      instructions: 'Help the user.',
      model,
      tools: osoAgentTools(tools, { oso, sessionId: scenario.sessionId, integration: INTEGRATION, capabilities }),
    });
    const result = await run(agent, scenario.userMessage, { maxTurns: scenario.steps.length + 2 });
    return { toldModel: toolOutputsSeenBy(model), finalText: typeof result.finalOutput === 'string' ? result.finalOutput : undefined };
  },
};
