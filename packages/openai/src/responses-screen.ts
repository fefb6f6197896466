import type { Response, ResponseOutputItem, ResponseStreamEvent, ResponseTextDeltaEvent } from 'openai/resources/responses/responses';
import { memoised } from './output-screener.js';

type Screen = (text: string) => Promise<string>;

/**
 * `output_exfiltration` on a response: each `output_text` part of the assistant's messages,
 * screened in place, and the SDK's `output_text` convenience made again from them.
 */
export async function screenResponse(response: Response, screen: Screen): Promise<void> {
  if (!(await screenOutput(response?.output, screen))) return;
  if (typeof response.output_text === 'string') response.output_text = outputText(response.output);
}

/** Screens the output items in place; true when a text changed. */
async function screenOutput(output: readonly ResponseOutputItem[] | undefined, screen: Screen): Promise<boolean> {
  let changed = false;
  for (const item of output ?? []) changed = (await screenItem(item, screen)) || changed;
  return changed;
}

async function screenItem(item: ResponseOutputItem | undefined, screen: Screen): Promise<boolean> {
  if (item?.type !== 'message' || !Array.isArray(item.content)) return false;
  let changed = false;
  for (const part of item.content) {
    if (part?.type !== 'output_text' || typeof part.text !== 'string' || part.text.length === 0) continue;
    const text = await screen(part.text);
    if (text !== part.text) {
      part.text = text;
      changed = true;
    }
  }
  return changed;
}

function outputText(output: readonly ResponseOutputItem[]): string {
  return output
    .flatMap((item) => (item?.type === 'message' ? item.content.flatMap((part) => (part.type === 'output_text' ? [part.text] : [])) : []))
    .join('');
}

/**
 * A streamed response with each text part's `response.output_text.delta` events held until its
 * `response.output_text.done`, then sent screened as one delta (with the first held delta's
 * sequence number) before the `done` event; the events that repeat the text (`done`,
 * `content_part.done`, `output_item.done`, the final response) carry the screened text too.
 * Every other event passes as it came.
 */
export function screenResponsesStream(screen: Screen): (events: AsyncIterable<ResponseStreamEvent>) => AsyncIterable<ResponseStreamEvent> {
  return async function* screened(events) {
    const once = memoised(screen);
    const held = new Map<string, { first: ResponseTextDeltaEvent; text: string }>();
    for await (const event of events) {
      switch (event?.type) {
        case 'response.output_text.delta': {
          const key = `${event.item_id}:${event.content_index}`;
          const part = held.get(key);
          if (part) part.text += event.delta;
          else held.set(key, { first: event, text: event.delta });
          continue;
        }
        case 'response.output_text.done': {
          const key = `${event.item_id}:${event.content_index}`;
          const part = held.get(key);
          held.delete(key);
          const text = await once(event.text);
          if (part) yield { ...part.first, delta: text, logprobs: [] };
          yield { ...event, text, logprobs: [] };
          continue;
        }
        case 'response.content_part.done':
          if (event.part?.type === 'output_text') yield { ...event, part: { ...event.part, text: await once(event.part.text) } };
          else yield event;
          continue;
        case 'response.output_item.done':
          await screenItem(event.item, once);
          yield event;
          continue;
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed':
          await screenOutput(event.response?.output, once);
          yield event;
          continue;
        default:
          yield event;
      }
    }
  };
}
