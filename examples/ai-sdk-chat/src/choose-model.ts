import { createOpenAI } from '@ai-sdk/openai';
import type { ChatModel } from './create-chat-server.js';
import { createScriptedModel } from './scripted-model.js';

/**
 * The scripted offline model by default; a real OpenAI model when `OPENAI_API_KEY` is set
 * (`OPENAI_MODEL` picks which, default `gpt-4.1-mini`).
 */
export function chooseModel(environment: NodeJS.ProcessEnv = process.env): { model: ChatModel; description: string } {
  const apiKey = environment.OPENAI_API_KEY;
  if (apiKey) {
    const modelId = environment.OPENAI_MODEL ?? 'gpt-4.1-mini';
    return { model: createOpenAI({ apiKey })(modelId), description: `OpenAI ${modelId}` };
  }
  return { model: createScriptedModel(), description: 'the offline scripted model (set OPENAI_API_KEY for a real one)' };
}
