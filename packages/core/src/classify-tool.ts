import type { Capability } from './capabilities.js';
import { CAPABILITIES } from './capabilities.js';
import type { Classification, ClassificationReason, ToolDefinition } from './tool.js';

/** What the classifier reads: a tool definition, and optionally the integration it belongs to. */
export interface ClassifyToolInput extends Omit<ToolDefinition, 'name'> {
  name: string;
  /** The integration (e.g. `gmail`, `slack`): what it implies counts too. */
  integration?: string;
}

export interface ClassifyToolOptions {
  /**
   * Below this confidence the classifier gives the bucket anyway: a missing bucket is a security
   * hole, an extra one only an extra approval. Default 0.6.
   */
  threshold?: number;
}

/** Splits `chat.postMessage`, `send_email`, `listInbox`, `get-file` into lower-case words. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const WRITE_VERBS = new Set([
  'send', 'post', 'create', 'update', 'delete', 'remove', 'write', 'put', 'patch', 'set', 'add', 'insert',
  'upload', 'publish', 'reply', 'forward', 'share', 'invite', 'book', 'pay', 'transfer', 'charge', 'refund',
  'execute', 'exec', 'run', 'merge', 'push', 'commit', 'close', 'assign', 'move', 'rename', 'archive',
  'comment', 'submit', 'approve', 'cancel', 'schedule', 'edit', 'modify', 'trigger', 'deploy', 'dispatch',
  'enable', 'disable', 'install', 'notify', 'email', 'message', 'tweet', 'order', 'purchase', 'transfer',
  'save', 'store', 'append', 'apply', 'revoke', 'grant', 'mark', 'star', 'fork', 'lock', 'unlock', 'reopen',
  'resolve', 'dismiss', 'request', 'call', 'invoke', 'start', 'stop', 'restart', 'kill', 'reset', 'change',
]);

const READ_VERBS = new Set([
  'get', 'list', 'read', 'search', 'find', 'fetch', 'query', 'view', 'show', 'download', 'retrieve',
  'lookup', 'look', 'describe', 'export', 'browse', 'scrape', 'crawl', 'open', 'load', 'check', 'count',
]);

const UNTRUSTED_NOUNS = new Set([
  'web', 'page', 'pages', 'url', 'website', 'site', 'search', 'internet', 'browse', 'browser', 'scrape',
  'crawl', 'html', 'email', 'emails', 'mail', 'inbox', 'message', 'messages', 'comment', 'comments',
  'issue', 'issues', 'review', 'reviews', 'ticket', 'tickets', 'chat', 'thread', 'threads', 'tweet',
  'tweets', 'feed', 'rss', 'news', 'forum', 'discussion', 'discussions', 'notification', 'notifications',
  'channel', 'conversation', 'conversations', 'pull', 'pr', 'prs', 'post', 'posts', 'article', 'articles',
  'dm', 'dms', 'reply', 'replies', 'slack', 'discord', 'reddit', 'youtube', 'transcript',
]);

const PRIVATE_NOUNS = new Set([
  'file', 'files', 'drive', 'document', 'documents', 'doc', 'docs', 'mail', 'email', 'emails', 'inbox',
  'message', 'messages', 'dm', 'dms', 'calendar', 'event', 'events', 'contact', 'contacts', 'record',
  'records', 'customer', 'customers', 'account', 'accounts', 'transaction', 'transactions', 'payment',
  'payments', 'invoice', 'invoices', 'balance', 'repo', 'repository', 'secret', 'secrets', 'credential',
  'credentials', 'password', 'token', 'database', 'db', 'sql', 'user', 'users', 'profile', 'note',
  'notes', 'history', 'order', 'orders', 'employee', 'employees', 'salary', 'medical', 'health', 'crm',
  'lead', 'leads', 'deal', 'deals', 'folder', 'directory', 'memory', 'private', 'personal', 'internal',
]);

/** Parameters whose value picks where data goes. */
const DESTINATION_PARAMETERS = new Set([
  'url', 'uri', 'endpoint', 'webhook', 'to', 'cc', 'bcc', 'recipient', 'recipients', 'channel', 'email',
  'address', 'phone', 'iban', 'destination', 'target', 'host',
]);

/** Tools whose reach is everything: shells, code runners, raw HTTP, SQL, browsers. */
const DISPATCHER_WORDS = new Set(['shell', 'bash', 'exec', 'terminal', 'command', 'eval', 'python', 'sql', 'http', 'curl', 'browser', 'playwright', 'puppeteer', 'code', 'script']);

function schemaParameterNames(schema: Record<string, unknown> | undefined): string[] {
  const properties = schema?.properties;
  if (!properties || typeof properties !== 'object') return [];
  return Object.keys(properties);
}

/**
 * Classifies a tool into the buckets of DESIGN §1 from its name, description, parameter names and
 * MCP annotations. Deterministic; each bucket comes with a confidence and the signals that decided
 * it; an unsure bucket is given (recall before precision). A manual `capabilities` override wins.
 */
export function classifyTool(input: ClassifyToolInput, options: ClassifyToolOptions = {}): Classification {
  const threshold = options.threshold ?? 0.6;
  if (input.capabilities) {
    const given = new Set(input.capabilities);
    return {
      capabilities: CAPABILITIES.filter((capability) => given.has(capability)),
      confidence: { untrusted_content: 1, private_data: 1, external_or_state_change: 1 },
      reasons: CAPABILITIES.map((capability) => ({
        capability,
        present: given.has(capability),
        signal: 'manual override',
        weight: 1,
      })),
      source: 'override',
    };
  }

  const ownName = tokenize(input.name);
  const nameWords = [...ownName, ...tokenize(`${input.title ?? ''} ${input.integration ?? ''}`)];
  const descriptionWords = tokenize(input.description ?? '');
  const parameters = schemaParameterNames(input.inputSchema).flatMap((name) => tokenize(name));
  const reasons: ClassificationReason[] = [];
  const score: Record<Capability, number> = { untrusted_content: 0, private_data: 0, external_or_state_change: 0 };
  const add = (capability: Capability, weight: number, signal: string) => {
    score[capability] += weight;
    reasons.push({ capability, present: weight > 0, signal, weight });
  };

  const firstHit = (words: string[], lexicon: Set<string>) => words.find((word) => lexicon.has(word));
  // The verb is usually the name's first word (`read_latest_email`); a later word counts as a
  // write verb only when no read verb leads (`email` in `read_latest_email` is a noun).
  const readVerb = firstHit(nameWords, READ_VERBS);
  const leadsWithRead = ownName[0] !== undefined && READ_VERBS.has(ownName[0]);
  const writeVerb = leadsWithRead ? undefined : firstHit(nameWords, WRITE_VERBS);
  const dispatcher = firstHit(nameWords, DISPATCHER_WORDS);

  if (dispatcher) {
    for (const capability of CAPABILITIES) add(capability, 1, `generic dispatcher "${dispatcher}" reaches everything`);
  }
  if (writeVerb) add('external_or_state_change', 0.9, `name verb "${writeVerb}"`);
  else if (!readVerb) {
    const describedWrite = firstHit(descriptionWords.slice(0, 6), WRITE_VERBS);
    if (describedWrite) add('external_or_state_change', 0.7, `description verb "${describedWrite}"`);
  }
  const destination = parameters.find((word) => DESTINATION_PARAMETERS.has(word));
  if (destination) add('external_or_state_change', 0.6, `destination parameter "${destination}"`);

  const untrustedNoun = firstHit(nameWords, UNTRUSTED_NOUNS) ?? firstHit(descriptionWords, UNTRUSTED_NOUNS);
  if (untrustedNoun && (readVerb || !writeVerb)) add('untrusted_content', 0.8, `reads "${untrustedNoun}"`);
  if (parameters.includes('url') && !writeVerb) add('untrusted_content', 0.8, 'fetches a caller-chosen "url"');

  const privateNoun = firstHit(nameWords, PRIVATE_NOUNS) ?? firstHit(descriptionWords, PRIVATE_NOUNS);
  if (privateNoun && (readVerb || !writeVerb)) add('private_data', 0.8, `reads "${privateNoun}"`);

  const annotations = input.annotations;
  if (annotations?.readOnlyHint === true && !writeVerb) add('external_or_state_change', -1, 'annotation readOnlyHint');
  if (annotations?.destructiveHint === true) add('external_or_state_change', 1, 'annotation destructiveHint');
  if (annotations?.readOnlyHint === false) add('external_or_state_change', 0.7, 'annotation readOnlyHint: false');
  if (annotations?.openWorldHint === true) add('untrusted_content', 0.7, 'annotation openWorldHint');

  const confidence = {} as Record<Capability, number>;
  const capabilities: Capability[] = [];
  for (const capability of CAPABILITIES) {
    const value = score[capability];
    // A clear no needs a negative signal; no signal at all is only moderately sure.
    confidence[capability] = value > 0 ? Math.min(1, value) : value < 0 ? Math.min(1, -value) : 0.7;
    // Any evidence for a bucket gives it; so does a weak no (recall before precision).
    if (value > 0 || (value === 0 && confidence[capability] < threshold)) capabilities.push(capability);
  }
  const usedAnnotations = reasons.some((reason) => reason.signal.startsWith('annotation'));
  return { capabilities, confidence, reasons, source: usedAnnotations ? 'annotation' : 'heuristic' };
}
