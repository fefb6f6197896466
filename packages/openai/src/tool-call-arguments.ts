/**
 * A model's arguments string as the engine should see them: the parsed JSON when it parses, the
 * raw text otherwise (a malformed call is still gated; it is never run).
 */
export function parseToolCallArguments(text: string | undefined): { args: unknown; valid: boolean } {
  if (text === undefined || text.trim() === '') return { args: {}, valid: true };
  try {
    return { args: JSON.parse(text) as unknown, valid: true };
  } catch {
    return { args: text, valid: false };
  }
}
