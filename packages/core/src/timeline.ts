import type { OsoEvent } from './events.js';

/** A session's timeline as JSON Lines: one event per line, in order, for export to a SIEM or a file. */
export function toJsonLines(events: readonly OsoEvent[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + (events.length > 0 ? '\n' : '');
}

/** Reads JSON Lines written by `toJsonLines`. */
export function fromJsonLines(text: string): OsoEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as OsoEvent);
}
