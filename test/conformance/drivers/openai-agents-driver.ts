/**
 * The OpenAI Agents SDK through the adapter's `osoAgentTools` in a real `run()`, with the SDK's own
 * `ScriptedModel` (`@openai/agents/testing`) or the SDK's `OpenAIResponsesModel` on a
 * `withOso(client)` talking to the scripted OpenAI server. The next turn runs on the
 * previous run's history; an approval asked out of band is the run's interruption, answered with
 * `resolveOsoInterruption` and resumed from the run state, as the README shows.
 */
import { osoAgentTools, resolveOsoInterruption, withOso, type OsoAgentToolsOptions } from '@oso-agents/openai';
import { startScriptedOpenAIServer, type ScriptedRequest } from '@oso-agents/openai/testing';
import OpenAI from 'openai';
import { Agent, OpenAIResponsesModel, run, setTracingDisabled, tool, type AgentInputItem } from '@openai/agents';
import { ScriptedModel, assistantMessage, functionCall } from '@openai/agents/testing';
import type { Capability } from '@oso-agents/core';
import { INTEGRATION, allSteps, type Driver, type Scenario } from '../scenario.js';
import { serverTurns } from './openai-driver.js';
import { pendingApproval } from './pending-approval.js';

const INSTRUCTIONS = 'Help the user.';

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

/**
 * `scripted`: the SDK's own `ScriptedModel`; it does not go through an OpenAI client, so nothing
 * captures the conversation and the timeline holds the gate's events only, as with the bare core.
 * `withOso client`: the SDK's `OpenAIResponsesModel` on a `withOso(client)` talking to the scripted
 * server, as the README shows for capturing an agent's conversation.
 */
function openaiAgentsDriver(model: 'scripted' | 'withOso client'): Driver {
  return {
    name: `openai (Agents SDK: osoAgentTools + run, ${model === 'scripted' ? 'ScriptedModel' : 'OpenAIResponsesModel on a withOso client'})`,
    capturesMessages: model === 'withOso client',
    // The withOso(client) under the model screens its text; osoAgentTools alone does not (known gap).
    screensOutput: model === 'withOso client',
    // Known gap: the SDK's tool() catches a tool's error inside invoke(), which osoAgentTools wraps,
    // so the gate only ever sees "An error occurred while running the tool. Please try again."
    hidesToolErrors: true,
    ...(model === 'withOso client' ? { instructionsCaptured: INSTRUCTIONS } : {}),
    async play({ scenario, oso, spy, review, metadata }) {
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
      const options: OsoAgentToolsOptions = { oso, sessionId: scenario.sessionId, metadata, integration: INTEGRATION, capabilities };
      const scripted = model === 'scripted' ? scriptedModel(scenario) : undefined;
      const server = model === 'withOso client' ? await startScriptedOpenAIServer(serverTurns(scenario)) : undefined;
      try {
        const agentModel =
          scripted ??
          new OpenAIResponsesModel(
            withOso(new OpenAI({ baseURL: server!.baseURL, apiKey: 'test-key', maxRetries: 0 }), {
              oso,
              sessionId: scenario.sessionId,
              metadata,
              integration: INTEGRATION,
            }),
            'scripted',
          );
        const agent = new Agent({ name: 'conformance', instructions: INSTRUCTIONS, model: agentModel, tools: osoAgentTools(tools, options) });
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
        const toldModel = scripted ? toolOutputsSeenBy(scripted) : toolOutputsSentTo(server!.requests);
        return { toldModel, answers };
      } finally {
        await server?.close();
      }
    },
  };
}

/** The text of every `function_call_output` the agent sent the server, by call id. */
function toolOutputsSentTo(requests: readonly ScriptedRequest[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const request of requests) {
    const input = request.body['input'];
    if (!Array.isArray(input)) continue;
    for (const item of input as Array<{ type?: string; call_id?: string; output?: unknown }>) {
      if (item.type !== 'function_call_output' || !item.call_id) continue;
      seen.set(item.call_id, typeof item.output === 'string' ? item.output : JSON.stringify(item.output));
    }
  }
  return seen;
}

export const openaiAgentsDrivers = [openaiAgentsDriver('scripted'), openaiAgentsDriver('withOso client')];
