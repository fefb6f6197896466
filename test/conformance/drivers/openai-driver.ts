/**
 * The OpenAI adapter as its README's quick starts wire it: a `withOso(client)` for capture and
 * `osoTools` for the gate, in the app's own loop over Chat Completions (`tools.handle`) or the
 * Responses API (`tools.handleResponse`), with the real `openai` client talking to the package's
 * scripted OpenAI-compatible server (`@oso-agents/openai/testing`).
 */
import { osoTools, withOso, type OsoFunctionTool } from '@oso-agents/openai';
import { startScriptedOpenAIServer, type ScriptedTurn } from '@oso-agents/openai/testing';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseInput, ResponseInputItem } from 'openai/resources/responses/responses';
import type { z } from 'zod';
import { INTEGRATION, type Driver, type DriverInput, type Scenario } from '../scenario.js';

function serverTurns(scenario: Scenario): ScriptedTurn[] {
  return scenario.steps.map((step) => ({
    ...(step.text !== undefined ? { text: step.text } : {}),
    ...(step.calls ? { toolCalls: step.calls.map((call) => ({ id: call.id, name: call.tool, arguments: call.args })) } : {}),
  }));
}

function gatedTools({ scenario, oso, spy }: DriverInput) {
  const tools: Record<string, OsoFunctionTool<z.ZodObject>> = {};
  for (const definition of scenario.tools) {
    tools[definition.name] = {
      description: definition.description,
      parameters: definition.parameters,
      execute: (args) => spy.run(definition.name, args),
      ...(definition.override ? { capabilities: definition.capabilities } : {}),
    };
  }
  return osoTools({ oso, sessionId: scenario.sessionId, integration: INTEGRATION, tools });
}

async function withServer<Result>(scenario: Scenario, use: (client: OpenAI) => Promise<Result>): Promise<Result> {
  const server = await startScriptedOpenAIServer(serverTurns(scenario));
  try {
    return await use(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 }));
  } finally {
    await server.close();
  }
}

export const openaiChatDriver: Driver = {
  name: 'openai (Chat Completions: withOso(client) + osoTools.handle)',
  capturesMessages: true,
  play: (input) =>
    withServer(input.scenario, async (plainClient) => {
      const { scenario, oso } = input;
      const client = withOso(plainClient, { oso, sessionId: scenario.sessionId, integration: INTEGRATION });
      const tools = gatedTools(input);
      const toldModel = new Map<string, string>();
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: scenario.userMessage }];
      let finalText: string | undefined;
      for (let turn = 0; turn < scenario.steps.length; turn++) {
        const response = await client.chat.completions.create({ model: 'scripted', messages, tools: tools.chatCompletions });
        const message = response.choices[0]!.message;
        messages.push(message);
        finalText = message.content ?? undefined;
        if (!message.tool_calls?.length) break;
        const answers = await tools.handle(message.tool_calls);
        for (const answer of answers) toldModel.set(answer.tool_call_id, String(answer.content));
        messages.push(...answers);
      }
      return { toldModel, finalText };
    }),
};

export const openaiResponsesDriver: Driver = {
  name: 'openai (Responses: withOso(client) + osoTools.handleResponse)',
  capturesMessages: true,
  play: (input) =>
    withServer(input.scenario, async (plainClient) => {
      const { scenario, oso } = input;
      const client = withOso(plainClient, { oso, sessionId: scenario.sessionId, integration: INTEGRATION });
      const tools = gatedTools(input);
      const toldModel = new Map<string, string>();
      const conversation: ResponseInput = [{ role: 'user', content: scenario.userMessage }];
      let finalText: string | undefined;
      for (let turn = 0; turn < scenario.steps.length; turn++) {
        const response = await client.responses.create({ model: 'scripted', input: conversation, tools: tools.responses });
        finalText = response.output_text || undefined;
        const outputs = await tools.handleResponse(response.output);
        if (outputs.length === 0) break;
        for (const output of outputs) if (output.call_id) toldModel.set(output.call_id, String(output.output));
        // The model's output items go back as input; the SDK's types keep the two unions apart.
        conversation.push(...(response.output as ResponseInputItem[]), ...outputs);
      }
      return { toldModel, finalText };
    }),
};
