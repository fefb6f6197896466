import type { Oso, OsoSession } from '@oso-agents/core';
import { AIMessage } from '@langchain/core/messages';

/** LangGraph's `messages` stream skips a chat-model run with this tag (langchain's own middleware uses it). */
const NO_STREAM_TAG = 'nostream';

/** True when the engine strips leaking links from messages (`detection.outputExfiltration: 'strip'`, the default). */
export function stripsOutput(oso: Oso): boolean {
  return oso.options.detection?.outputExfiltration === 'strip';
}

/**
 * `output_exfiltration` on a model reply: each text of the message screened by
 * `session.screenMessage`. Returns the same message when nothing changed, else a copy with the
 * screened text (same id, tool calls and metadata).
 */
export async function screenReply(session: OsoSession, message: AIMessage): Promise<AIMessage> {
  const { content } = message;
  let screened: AIMessage['content'];
  if (typeof content === 'string') {
    const text = await screenText(session, content);
    if (text === content) return message;
    screened = text;
  } else {
    let changed = false;
    const blocks: typeof content = [];
    for (const block of content) {
      if (block.type === 'text' && typeof block.text === 'string') {
        const text = await screenText(session, block.text);
        changed ||= text !== block.text;
        blocks.push(text === block.text ? block : { ...block, text });
      } else {
        blocks.push(block);
      }
    }
    if (!changed) return message;
    screened = blocks;
  }
  return new AIMessage({
    content: screened,
    ...(message.id !== undefined ? { id: message.id } : {}),
    ...(message.name !== undefined ? { name: message.name } : {}),
    ...(message.tool_calls !== undefined ? { tool_calls: message.tool_calls } : {}),
    ...(message.invalid_tool_calls !== undefined ? { invalid_tool_calls: message.invalid_tool_calls } : {}),
    ...(message.usage_metadata !== undefined ? { usage_metadata: message.usage_metadata } : {}),
    additional_kwargs: message.additional_kwargs,
    response_metadata: message.response_metadata,
  });
}

/** The text to show; if screening fails, a text with a link is withheld (fail closed). */
async function screenText(session: OsoSession, text: string): Promise<string> {
  try {
    return (await session.screenMessage(text)).content;
  } catch {
    return text.includes('http') ? '[message withheld: it could not be checked for links that leak data]' : text;
  }
}

/** Only such a session can leak through a message; if the store cannot say, assume it can. */
export async function holdsUntrustedAndPrivate(session: OsoSession): Promise<boolean> {
  try {
    const exposures = await session.exposures();
    return Boolean(exposures.untrusted_content && exposures.private_data);
  } catch {
    return true;
  }
}

/**
 * The model, tagged so LangGraph's `messages` stream does not show its tokens: the reply reaches
 * that stream once screened, as the model node's output. A model that cannot be tagged and still
 * bound to tools by `createAgent` (neither a chat model nor a binding of one) is returned as is.
 */
export function withoutTokenStream<Model>(model: Model): Model {
  const runnable = model as { withConfig?: (config: { tags: string[] }) => Model; bindTools?: unknown; bound?: { bindTools?: unknown } };
  if (typeof runnable?.withConfig !== 'function') return model;
  if (typeof runnable.bindTools !== 'function' && typeof runnable.bound?.bindTools !== 'function') return model;
  return runnable.withConfig({ tags: [NO_STREAM_TAG] });
}
