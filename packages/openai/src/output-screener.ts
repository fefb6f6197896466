import type { Oso, OsoSession } from '@oso-agents/core';

/** Screens the model's text for `withOso` (`output_exfiltration`). */
export interface OutputScreener {
  /** True when the engine strips leaking links (`detection.outputExfiltration: 'strip'`, the default). */
  readonly stripping: boolean;
  /**
   * True under `strip` or `alert`: a complete reply is screened either way, so that core records
   * the finding (`output_screened`); under `alert` the text stays as written.
   */
  readonly screening: boolean;
  /** The text to show: `session.screenMessage`'s content; a text with a link is withheld if screening fails. */
  screen(text: string): Promise<string>;
  /** True when the session holds untrusted content and private data (or the store cannot say). */
  couldLeak(): Promise<boolean>;
}

/** The screener of a session. */
export function outputScreener(oso: Oso, session: OsoSession): OutputScreener {
  return {
    stripping: oso.options.detection?.outputExfiltration === 'strip',
    screening: oso.options.detection?.outputExfiltration === 'strip' || oso.options.detection?.outputExfiltration === 'alert',
    async screen(text) {
      try {
        return (await session.screenMessage(text)).content;
      } catch {
        return text.includes('http') ? '[message withheld: it could not be checked for links that leak data]' : text;
      }
    },
    async couldLeak() {
      try {
        const exposures = await session.exposures();
        return Boolean(exposures.untrusted_content && exposures.private_data);
      } catch {
        return true;
      }
    },
  };
}

/** Screens each distinct text once (a stream repeats the final text in several events). */
export function memoised(screen: (text: string) => Promise<string>): (text: string) => Promise<string> {
  const screened = new Map<string, Promise<string>>();
  return (text) => {
    let result = screened.get(text);
    if (!result) {
      result = screen(text);
      screened.set(text, result);
    }
    return result;
  };
}
