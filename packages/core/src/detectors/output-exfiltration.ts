import type { Violation } from '../decision.js';
import type { SessionState } from '../session-state.js';
import { compileDestinationPatterns } from './destinations/trusted-destinations.js';
import { fingerprintText, KIND_URL, kindOfKey } from './fingerprints.js';
import { describeCall } from '../reasons.js';

/** What to do with a message to the user that leaks through links: `strip` them, or only `alert`. */
export type OutputEnforcement = 'strip' | 'alert';

/** The result of screening a `message_to_user`. */
export interface OutputScreen {
  /** The message to show: links removed under `strip`, unchanged otherwise. */
  content: string;
  /** Set when `output_exfiltration` fired. */
  violation?: Violation;
  /** Hosts of the links and images that were (or, under `alert`, would have been) removed. */
  hosts: string[];
}

export interface OutputScreenOptions {
  /** Hosts (or URL patterns with `*`) links may point to: `docs.acme.com`, `*.acme.com`. */
  allowlist: readonly string[];
  enforcement: OutputEnforcement;
  seed: number;
}

// ![alt](url "title"), [text](url), <img src="url">: the channels a chat UI renders.
const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(\s*<?(https?:\/\/[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/gi;
const MARKDOWN_LINK = /(?<!!)\[([^\]]*)\]\(\s*<?(https?:\/\/[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/gi;
const HTML_IMAGE = /<img\b[^>]*\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]+)[^>]*>/gi;
const REFERENCE_IMAGE = /^\s*\[([^\]]+)\]:\s*<?(https?:\/\/\S+?)>?\s*$/gim;

/**
 * `output_exfiltration` (the rendered-image channel of chat UIs): while the session holds
 * untrusted content and private data, a message to the user carries
 * - a markdown or HTML image whose URL points outside the allowlist and can carry data (a query,
 *   a fragment or a long path segment) — the UI fetches it without a click; or
 * - a link outside the allowlist whose URL carries a private-data fingerprint (also encoded).
 * Plain links from a page the agent read stay: they cannot leak without private data in them.
 * `strip` replaces each with its text and the removed host; `alert` only reports.
 */
export function screenOutput(text: string, state: Readonly<SessionState>, options: OutputScreenOptions): OutputScreen {
  if (!state.exposures.untrusted_content || !state.exposures.private_data || !text.includes('http')) {
    return { content: text, hosts: [] };
  }
  const allow = compiledAllowlist(options.allowlist);
  const allowed = (url: string) => {
    const host = hostOf(url);
    return allow.some(({ regex }) => regex.test(host) || regex.test(url));
  };
  const privateMap = state.detectors?.private;
  const carriesPrivate = (url: string) => {
    const prints = new Set<number>();
    fingerprintText(url, { seed: options.seed, shingles: 'none', words: false, decode: true }, prints);
    // The link itself (kind `u`) is not evidence: what it carries is.
    for (const print of prints) if (privateMap?.has(print) && kindOfKey(print) !== KIND_URL) return true;
    return false;
  };
  const hosts: string[] = [];
  const leaks = (url: string, image: boolean) => {
    if (allowed(url)) return false;
    const leak = image ? canCarryData(url) || carriesPrivate(url) : carriesPrivate(url);
    if (leak) hosts.push(hostOf(url));
    return leak;
  };
  let content = text
    .replace(MARKDOWN_IMAGE, (whole, alt: string, url: string) => (leaks(url, true) ? `[image removed: ${hostOf(url)}]${alt ? ` ${alt}` : ''}` : whole))
    .replace(HTML_IMAGE, (whole, url: string) => (leaks(url, true) ? `[image removed: ${hostOf(url)}]` : whole))
    .replace(REFERENCE_IMAGE, (whole, label: string, url: string) => (leaks(url, true) ? `[${label}]: [link removed: ${hostOf(url)}]` : whole))
    .replace(MARKDOWN_LINK, (whole, label: string, url: string) => (leaks(url, false) ? `${label} [link removed: ${hostOf(url)}]` : whole));
  content = content.replace(/\bhttps?:\/\/[^\s)\]"'<>]+/gi, (url) => (leaks(url, false) ? `[link removed: ${hostOf(url)}]` : url));
  if (hosts.length === 0) return { content: text, hosts };
  const unique = [...new Set(hosts)];
  const { untrusted_content: a, private_data: b } = state.exposures;
  const violation: Violation = {
    rule: 'output_exfiltration',
    enforcement: options.enforcement === 'strip' ? 'deny' : 'ignore',
    reason: `A message to the user links to ${unique.join(', ')} with room for data, after reading untrusted content (${describeCall(a)}) and private data (${describeCall(b)}): rendering it could send the data out.${options.enforcement === 'strip' ? ' The links were removed.' : ''}`,
    buckets: ['untrusted_content', 'private_data'],
    provenance: { untrusted_content: a, private_data: b },
  };
  return { content: options.enforcement === 'strip' ? content : text, violation, hosts: unique };
}

function hostOf(url: string): string {
  return (/^https?:\/\/([^/?#:]+)/i.exec(url)?.[1] ?? url).toLowerCase();
}

// A query, a fragment, or a path segment long enough to hold an encoded value.
function canCarryData(url: string): boolean {
  const match = /^https?:\/\/[^/?#]+([^?#]*)([?#].*)?$/i.exec(url);
  if (!match) return true;
  if (match[2] && match[2].length > 1) return true;
  return (match[1] ?? '').split('/').some((segment) => segment.length >= 16);
}

// The allowlist is the engine's own array, the same for every message: compiled once.
const compiled = new WeakMap<readonly string[], ReturnType<typeof compileDestinationPatterns>>();
function compiledAllowlist(allowlist: readonly string[]): ReturnType<typeof compileDestinationPatterns> {
  let patterns = compiled.get(allowlist);
  if (!patterns) {
    patterns = compileDestinationPatterns(allowlist);
    compiled.set(allowlist, patterns);
  }
  return patterns;
}
