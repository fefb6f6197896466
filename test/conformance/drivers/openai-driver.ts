/**
 * The OpenAI adapter as its README's quick starts wire it: a `withOso(client)` for capture and
 * `osoTools` for the gate, in the app's own loop over Chat Completions (`tools.handle`) or the
 * Responses API (`tools.handleResponse`), with the real `openai` client talking to the package's
 * scripted OpenAI-compatible server (`@oso-agents/openai/testing`). Calls waiting for a person
 * (`results.pending`) are answered with `oso.resolveApproval` and handled again, as the README shows.
 */
import { osoTools, withOso, type HandledToolCalls, type OsoFunctionTool } from '@oso-agents/openai';
import { startScriptedOpenAIServer, type ScriptedTurn } from '@oso-agents/openai/testing';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Response, ResponseInput, ResponseInputItem } from 'openai/resources/responses/responses';
import type { z } from 'zod';
import { INTEGRATION, allSteps, type Driver, type DriverInput, type Scenario } from '../scenario.js';
import { answerApproval } from './pending-approval.js';

/** The scenario's script as the scripted OpenAI server's turns. */
export function serverTurns(scenario: Scenario): ScriptedTurn[] {
  return allSteps(scenario).map((step) => ({
    ...(step.text !== undefined ? { text: step.text } : {}),
    ...(step.calls ? { toolCalls: step.calls.map((call) => ({ id: call.id, name: call.tool, arguments: call.args })) } : {}),
  }));
}

function gatedTools({ scenario, oso, spy, metadata }: DriverInput) {
  const tools: Record<string, OsoFunctionTool<z.ZodObject>> = {};
  for (const definition of scenario.tools) {
    tools[definition.name] = {
      description: definition.description,
      parameters: definition.parameters,
      execute: (args) => spy.run(definition.name, args),
      ...(definition.override ? { capabilities: definition.capabilities } : {}),
    };
  }
  return osoTools({ oso, sessionId: scenario.sessionId, metadata, integration: INTEGRATION, tools });
}

/** Handles a turn's calls; when some wait for a person, records the answers and handles them again. */
async function handleWithReview<Results extends HandledToolCalls>(input: DriverInput, handle: () => Promise<Results>): Promise<Results> {
  let results = await handle();
  while (results.pending.length > 0) {
    for (const request of results.pending) await answerApproval(input.oso, request.id, input.review(request));
    results = await handle();
  }
  return results;
}

async function withServer<Result>(scenario: Scenario, use: (client: OpenAI) => Promise<Result>): Promise<Result> {
  const server = await startScriptedOpenAIServer(serverTurns(scenario));
  try {
    return await use(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key', maxRetries: 0 }));
  } finally {
    await server.close();
  }
}

/** The Chat Completions loop; with `stream`, through the SDK's `chat.completions.stream(…).finalChatCompletion()`. */
function openaiChatDriver(stream: boolean): Driver {
  return {
    name: `openai (Chat Completions${stream ? ', streamed' : ''}: withOso(client) + osoTools.handle)`,
    capturesMessages: true,
    // withOso(client) screens the assistant's text (output_exfiltration) in the results it returns.
    screensOutput: true,
    play: (input) =>
      withServer(input.scenario, async (plainClient) => {
        const { scenario, oso } = input;
        const client = withOso(plainClient, { oso, sessionId: scenario.sessionId, metadata: input.metadata, integration: INTEGRATION });
        const tools = gatedTools(input);
        const toldModel = new Map<string, string>();
        const messages: ChatCompletionMessageParam[] = [];
        const answers: Array<string | undefined> = [];
        for (const turn of scenario.turns) {
          messages.push({ role: 'user', content: turn.userMessage });
          for (;;) {
            const body = { model: 'scripted', messages, tools: tools.chatCompletions };
            const response = stream ? await client.chat.completions.stream(body).finalChatCompletion() : await client.chat.completions.create(body);
            const message = response.choices[0]!.message;
            messages.push(message);
            if (!message.tool_calls?.length) {
              answers.push(message.content ?? undefined);
              break;
            }
            const results = await handleWithReview(input, () => tools.handle(message.tool_calls));
            for (const result of results) toldModel.set(result.tool_call_id, String(result.content));
            messages.push(...results);
          }
        }
        return { toldModel, answers };
      }),
  };
}

/**
 * The Responses loop; with `stream`, `responses.create({ stream: true })` read to
 * `response.completed`; with `chained`, each request sends only the new input items and
 * `previous_response_id` (the server keeps the conversation) instead of the whole history.
 */
function openaiResponsesDriver(options: { stream: boolean; chained: boolean }): Driver {
  const { stream, chained } = options;
  const variant = [stream ? 'streamed' : '', chained ? 'previous_response_id' : ''].filter(Boolean).join(', ');
  return {
    name: `openai (Responses${variant ? `, ${variant}` : ''}: withOso(client) + osoTools.handleResponse)`,
    capturesMessages: true,
    screensOutput: true,
    play: (input) =>
      withServer(input.scenario, async (plainClient) => {
        const { scenario, oso } = input;
        const client = withOso(plainClient, { oso, sessionId: scenario.sessionId, metadata: input.metadata, integration: INTEGRATION });
        const tools = gatedTools(input);
        const toldModel = new Map<string, string>();
        const conversation: ResponseInput = [];
        const answers: Array<string | undefined> = [];
        let previous: Response | undefined;
        let next: ResponseInput = [];
        for (const turn of scenario.turns) {
          next.push({ role: 'user', content: turn.userMessage });
          for (;;) {
            conversation.push(...next);
            const body = {
              model: 'scripted',
              tools: tools.responses,
              ...(chained && previous ? { input: next, previous_response_id: previous.id } : { input: [...conversation] }),
            };
            let response: Response | undefined;
            if (stream) {
              for await (const event of await client.responses.create({ ...body, stream: true })) {
                if (event.type === 'response.completed') response = event.response;
              }
            } else {
              response = await client.responses.create(body);
            }
            if (!response) throw new Error('The stream ended without response.completed');
            const outputs = await handleWithReview(input, () => tools.handleResponse(response.output));
            previous = response;
            // The model's output items go back as input; the SDK's types keep the two unions apart.
            conversation.push(...(response.output as ResponseInputItem[]));
            next = [...outputs];
            if (outputs.length === 0) {
              answers.push(outputText(response) || undefined);
              break;
            }
            for (const output of outputs) if (output.call_id) toldModel.set(output.call_id, String(output.output));
          }
        }
        return { toldModel, answers };
      }),
  };
}

/** The text of a response's messages (`output_text` is a convenience of non-streamed responses only). */
function outputText(response: Response): string {
  return response.output
    .flatMap((item) => (item.type === 'message' ? item.content.flatMap((part) => (part.type === 'output_text' ? [part.text] : [])) : []))
    .join('');
}

export const openaiChatDrivers = [openaiChatDriver(false), openaiChatDriver(true)];
export const openaiResponsesDrivers = [
  openaiResponsesDriver({ stream: false, chained: false }),
  openaiResponsesDriver({ stream: true, chained: false }),
  openaiResponsesDriver({ stream: false, chained: true }),
];
