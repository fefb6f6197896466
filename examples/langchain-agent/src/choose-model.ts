import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

/** One scripted model turn: tool calls, or a text reply. */
export type ScriptStep = { calls: Array<{ id: string; name: string; args: Record<string, unknown> }> } | { text: string };

/**
 * The model of a scene: OpenAI when `OPENAI_API_KEY` is set (model from `OPENAI_MODEL`, default
 * `gpt-4o-mini`), otherwise LangChain's own scripted fake chat model playing `script` offline.
 */
export async function chooseModel(script: readonly ScriptStep[]): Promise<BaseChatModel> {
  if (process.env['OPENAI_API_KEY']) {
    const { ChatOpenAI } = await import('@langchain/openai');
    return new ChatOpenAI({ model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini', temperature: 0 });
  }
  const model = fakeModel();
  script.forEach((step, index) => {
    model.respond(
      'text' in step
        ? new AIMessage({ id: `scripted-${index}`, content: step.text })
        : new AIMessage({
            id: `scripted-${index}`,
            content: '',
            tool_calls: step.calls.map((call) => ({ ...call, type: 'tool_call' as const })),
          }),
    );
  });
  return model;
}

/** Which model the example runs on, for the header. */
export function modelName(): string {
  return process.env['OPENAI_API_KEY'] ? `OpenAI ${process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini'}` : 'a scripted model (offline)';
}
