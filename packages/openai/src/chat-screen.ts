import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';

type Screen = (text: string) => Promise<string>;

/** `output_exfiltration` on a completion: each choice's `message.content`, screened in place. */
export async function screenChatCompletion(completion: ChatCompletion, screen: Screen): Promise<void> {
  for (const choice of completion?.choices ?? []) {
    const message = choice?.message;
    if (typeof message?.content === 'string' && message.content.length > 0) message.content = await screen(message.content);
  }
}

/**
 * A streamed completion with each choice's text held until the choice finishes, then sent
 * screened as one delta just before its finishing chunk (a link can span deltas). Chunks left
 * empty by holding are not sent, nor the held tokens' log probabilities; every other chunk and
 * field passes as it came. Text of a choice
 * that never finished is sent screened when the stream ends, and dropped if it fails.
 */
export function screenChatStream(screen: Screen): (chunks: AsyncIterable<ChatCompletionChunk>) => AsyncIterable<ChatCompletionChunk> {
  return async function* screened(chunks) {
    const held = new Map<number, string>();
    let last: ChatCompletionChunk | undefined;
    for await (const chunk of chunks) {
      last = chunk;
      if (!Array.isArray(chunk?.choices) || chunk.choices.length === 0) {
        yield chunk;
        continue;
      }
      const choices: ChatCompletionChunk.Choice[] = [];
      for (const choice of chunk.choices) {
        const { content, ...delta } = choice.delta ?? {};
        if (typeof content !== 'string' || content.length === 0) {
          if (choice.finish_reason) yield* release(chunk, choice.index);
          choices.push(choice);
          continue;
        }
        held.set(choice.index, (held.get(choice.index) ?? '') + content);
        if (choice.finish_reason) yield* release(chunk, choice.index);
        // Log probabilities name the held tokens: they are not sent either.
        if (Object.keys(delta).length > 0 || choice.finish_reason) choices.push({ ...choice, delta, logprobs: null });
      }
      if (choices.length > 0 || chunk.usage) yield { ...chunk, choices };
    }
    if (last) for (const index of [...held.keys()]) yield* release(last, index);

    async function* release(around: ChatCompletionChunk, index: number): AsyncGenerator<ChatCompletionChunk> {
      const text = held.get(index);
      held.delete(index);
      if (!text) return;
      const { usage: _usage, choices: _choices, ...envelope } = around;
      yield { ...envelope, choices: [{ index, delta: { content: await screen(text) }, finish_reason: null, logprobs: null }] };
    }
  };
}
