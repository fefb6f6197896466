import { createOso, type Oso } from '@oso-agents/core';
import { osoTools, withOso, type HandledToolCalls } from '@oso-agents/openai';
import { startScriptedOpenAIServer, type ScriptedReply } from '@oso-agents/openai/testing';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import { mailTools, outbox } from './mail-tools.ts';
import { attackTurns, benignTurns } from './scripted-turns.ts';

/** Where the example talks to a model: the real API, or a scripted local server. */
export interface ExampleOptions {
  log: (line: string) => void;
  /** Set to use the real API (`OPENAI_API_KEY`); unset, each part runs against a scripted local server. */
  live?: { client: OpenAI; model: string };
}

/** What happened, for the example's test. */
export interface ExampleSummary {
  /** Recipients of every email actually sent. */
  sentTo: string[];
  /** Outcome of each part's last send attempt, as the engine decided it. */
  outcomes: Record<'chat' | 'responses' | 'benign', string[]>;
}

const PROMPT = 'Summarise my inbox, please.';
const SYSTEM = 'You are a mail assistant. Use the tools to help the user.';

export async function runExample(options: ExampleOptions): Promise<ExampleSummary> {
  const { log } = options;
  outbox.length = 0;
  const outcomes: ExampleSummary['outcomes'] = { chat: [], responses: [], benign: [] };

  log('━━ 1. Chat Completions, production: the prompt-injected send is denied ━━');
  await withModel(options, attackTurns, async (client, model) => {
    const oso = createOso({ agentId: 'mail-assistant', environment: 'production' });
    outcomes.chat = await chatLoop(oso, 'chat-attack', client, model, PROMPT, log);
    await printTimeline(oso, 'chat-attack', log);
  });

  log('\n━━ 2. Responses API, streamed, development: the send waits for a person, who says no ━━');
  await withModel(options, attackTurns, async (client, model) => {
    const oso = createOso({ agentId: 'mail-assistant', environment: 'development' });
    outcomes.responses = await responsesLoop(oso, 'responses-attack', client, model, PROMPT, log);
  });

  log('\n━━ 3. Chat Completions, production: a benign session runs untouched ━━');
  await withModel(options, benignTurns, async (client, model) => {
    const oso = createOso({ agentId: 'mail-assistant', environment: 'production' });
    outcomes.benign = await chatLoop(oso, 'benign', client, model, 'Send Bob my standup notes (notes/standup.txt).', log);
  });

  log(`\nEmails actually sent: ${outbox.length === 0 ? 'none' : outbox.map((email) => email.to).join(', ')}`);
  return { sentTo: outbox.map((email) => email.to), outcomes };
}

async function withModel(options: ExampleOptions, turns: ScriptedReply[], part: (client: OpenAI, model: string) => Promise<void>): Promise<void> {
  if (options.live) return part(options.live.client, options.live.model);
  const server = await startScriptedOpenAIServer(turns);
  try {
    await part(new OpenAI({ baseURL: server.baseURL, apiKey: 'offline', maxRetries: 0 }), 'scripted-model');
  } finally {
    await server.close();
  }
}

/** The ordinary Chat Completions tool loop, with `withOso` (capture) and `osoTools` (the gate). */
async function chatLoop(oso: Oso, sessionId: string, openai: OpenAI, model: string, prompt: string, log: (line: string) => void): Promise<string[]> {
  const client = withOso(openai, { oso, sessionId });
  const tools = osoTools({ oso, sessionId, tools: mailTools });
  const sends: string[] = [];
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: SYSTEM }, { role: 'user', content: prompt }];
  log(`user: ${prompt}`);
  for (let turn = 0; turn < 8; turn++) {
    const response = await client.chat.completions.create({ model, messages, tools: tools.chatCompletions });
    const message = response.choices[0]!.message;
    messages.push(message);
    if (message.content) log(`model: ${message.content}`);
    if (!message.tool_calls?.length) break;
    const results = await tools.handle(message.tool_calls);
    printCalls(results, log);
    sends.push(...outcomesOfSends(results));
    messages.push(...results);
  }
  return sends;
}

/**
 * The Responses API loop, streamed. Without an `onApproval` callback, a pending call is held: the
 * app shows the request to a person, records their answer with `oso.resolveApproval`, then
 * handles the same output again.
 */
async function responsesLoop(oso: Oso, sessionId: string, openai: OpenAI, model: string, prompt: string, log: (line: string) => void): Promise<string[]> {
  const client = withOso(openai, { oso, sessionId });
  const tools = osoTools({ oso, sessionId, tools: mailTools });
  const sends: string[] = [];
  const input: ResponseInputItem[] = [{ role: 'user', content: prompt }];
  log(`user: ${prompt}`);
  for (let turn = 0; turn < 8; turn++) {
    const stream = await client.responses.create({ model, instructions: SYSTEM, input, tools: tools.responses, stream: true });
    let output: ResponseOutputItem[] = [];
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') output = event.response.output;
    }
    if (text) log(`model (streamed): ${text}`);
    let results = await tools.handleResponse(output);
    printCalls(results, log);
    for (const request of results.pending) {
      log(`  ⏸ approval ${request.id.slice(0, 12)}… for ${request.tool} ${JSON.stringify(request.args)}`);
      log(`    why: ${request.reason}`);
      log('    reviewer (alice@example.com): no — "that address is not ours"');
      await oso.resolveApproval(request.id, { approved: false, by: 'alice@example.com', reason: 'that address is not ours' });
    }
    if (results.pending.length > 0) {
      sends.push(...outcomesOfSends(results));
      results = await tools.handleResponse(output);
      printCalls(results, log);
    }
    sends.push(...outcomesOfSends(results));
    if (results.length === 0) break;
    input.push(...(output as ResponseInputItem[]), ...results);
  }
  return sends;
}

function printCalls(results: HandledToolCalls, log: (line: string) => void): void {
  for (const call of results.calls) {
    const { decision } = call;
    const mark = call.status === 'pending' ? '⏸' : call.status === 'denied' ? '✗' : '✓';
    log(`  ${mark} ${decision.tool} → ${decision.outcome}${decision.rule ? ` (${decision.rule})` : ''}`);
    if (call.status === 'denied') log(`    the model reads: ${call.text}`);
  }
}

function outcomesOfSends(results: HandledToolCalls): string[] {
  return results.calls.filter((call) => call.name === 'send_email').map((call) => call.status);
}

async function printTimeline(oso: Oso, sessionId: string, log: (line: string) => void): Promise<void> {
  log('  timeline:');
  for (const event of await oso.session(sessionId).timeline()) {
    const detail =
      event.type === 'decision'
        ? `${event.decision.tool} ${event.decision.outcome}`
        : event.type === 'tool_call_request' || event.type === 'tool_call_response'
          ? event.tool
          : event.type === 'message_from_user' || event.type === 'message_to_user'
            ? JSON.stringify(event.content).slice(0, 60)
            : '';
    log(`    #${event.seq} ${event.type} ${detail}`);
  }
}
