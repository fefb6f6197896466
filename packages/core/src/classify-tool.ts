import { CAPABILITIES, type Capability } from './capabilities.js';
import { Evidence } from './classify/evidence.js';
import { extractFeatures, type HttpOperation, type ParameterFeature, type ToolFeatures } from './classify/features.js';
import { recognizeIntegration, type IntegrationMatch } from './classify/integrations.js';
import { LEXICON, READ_ONLY_PHRASE, WRITE_PHRASE } from './classify/lexicon.js';
import type { Classification, ToolDefinition } from './tool.js';

export { tokenize } from './classify/words.js';
export type { HttpOperation } from './classify/features.js';

/** What the classifier reads: a tool definition, and optionally the integration it belongs to. */
export interface ClassifyToolInput extends Omit<ToolDefinition, 'name'> {
  name: string;
  /** The integration (e.g. `gmail`, `slack`): what it implies counts too. */
  integration?: string;
  /** The HTTP operation the tool wraps, when it comes from an OpenAPI document. */
  http?: HttpOperation;
}

export interface ClassifyToolOptions {
  /**
   * A bucket with evidence against it is withheld only when that evidence reaches this confidence;
   * below it the bucket is given anyway: a missing bucket is a security hole, an extra one only an
   * extra approval. Default 0.6.
   */
  threshold?: number;
}

const A: Capability = 'untrusted_content';
const B: Capability = 'private_data';
const C: Capability = 'external_or_state_change';
const ALL = CAPABILITIES;

type VerbClass = 'execute' | 'send' | 'write' | 'weak_write' | 'read' | 'compute' | 'navigate' | 'browser_action' | 'browser_gesture';

interface Verb {
  word: string;
  verbClass: VerbClass;
  place: 'name' | 'title' | 'description' | 'path';
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Words that name private data even on a public network (`get_my_dms`, `list_saved_posts`). */
const STRONG_PRIVATE: ReadonlySet<string> = new Set(['me', 'my', 'inbox', 'dm', 'private', 'personal', 'secret', 'credential', 'password', 'token', 'account', 'balance', 'transaction', 'payment', 'invoice', 'draft', 'bookmark', 'saved', 'save', 'history', 'contact', 'setting', 'notification', 'subscription', 'mail', 'email', 'message', 'conversation', 'chat', 'file', 'document', 'calendar', 'whoami']);

/** Words that make a read about an object rather than of its content (`get_file_metadata`). */
const ABOUT_OBJECT: ReadonlySet<string> = new Set(['metadata', 'meta', 'info', 'stat', 'statistic', 'size', 'count', 'permission', 'acl', 'quota', 'usage']);

/** Words that name text too generally to outweigh a configuration noun on their own. */
const WEAK_UNTRUSTED = new Set(['content', 'contents', 'result', 'page', 'link', 'url', 'file', 'document', 'log', 'activity', 'code', 'history', 'release', 'update', 'status', 'source']);

function classOf(word: string, browser: boolean): VerbClass | undefined {
  if (browser && LEXICON.navigate.has(word)) return 'navigate';
  if (browser && LEXICON.browserAction.has(word)) return 'browser_action';
  if (browser && LEXICON.browserGesture.has(word)) return 'browser_gesture';
  if (LEXICON.execute.has(word)) return 'execute';
  if (LEXICON.send.has(word)) return 'send';
  if (LEXICON.weakWrite.has(word)) return 'weak_write';
  if (LEXICON.write.has(word)) return 'write';
  if (LEXICON.read.has(word)) return 'read';
  if (LEXICON.compute.has(word)) return 'compute';
  return undefined;
}

const isChange = (verbClass: VerbClass | undefined) =>
  verbClass === 'execute' || verbClass === 'send' || verbClass === 'write' || verbClass === 'browser_action';

/**
 * The verb that says what a tool does: the first verb of its words, except that a verb that is
 * also a noun (`email_list`, `post_get`) gives way to a plain verb after it, and `pull request` /
 * `merge request` are nouns.
 */
function primaryVerb(words: readonly string[], place: Verb['place'], browser: boolean, inflected?: ReadonlySet<string>): Verb | undefined {
  let nounish: Verb | undefined;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    const next = words[index + 1];
    if ((word === 'pull' || word === 'merge') && next === 'request') {
      index += 1;
      continue;
    }
    // After the first word an inflected verb is a noun or an adjective: `console_messages`, `git_diff_unstaged`.
    if (index > 0 && inflected?.has(word)) continue;
    const verbClass = classOf(word, browser);
    if (!verbClass) continue;
    if (LEXICON.nounishVerb.has(word)) {
      // A plural of a verb that is also a noun is the noun: `contacts`, `messages`, `posts`.
      if (!inflected?.has(word)) nounish ??= { word, verbClass, place };
      continue;
    }
    return { word, verbClass, place };
  }
  return nounish;
}

/**
 * The verb of the description's first words. "Execute web searches" and "Run SELECT queries" read:
 * a running verb whose object is a reading word counts as that reading word.
 */
function leadSentenceVerb(lead: readonly string[], browser: boolean): Verb | undefined {
  const verb = primaryVerb(lead.slice(0, 4), 'description', browser);
  if (verb?.verbClass === 'execute') {
    const index = lead.indexOf(verb.word);
    const object = lead.slice(index + 1, index + 4).find((word) => LEXICON.read.has(word) && !LEXICON.write.has(word));
    if (object) return { word: object, verbClass: 'read', place: 'description' };
  }
  return verb;
}

function otherVerbs(words: readonly string[], primary: Verb | undefined, browser: boolean, inflected: ReadonlySet<string>): { change?: string; read?: string } {
  const out: { change?: string; read?: string } = {};
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    if (word === primary?.word) continue;
    if (index > 0 && inflected.has(word)) continue;
    // `mark_all_notifications_read`, `mark_as_unread`: a state, not a read.
    if (primary?.word === 'mark' && (word === 'read' || word === 'unread')) continue;
    if ((word === 'pull' || word === 'merge') && words[index + 1] === 'request') {
      index += 1;
      continue;
    }
    if (LEXICON.nounishVerb.has(word)) continue;
    const verbClass = classOf(word, browser);
    if (isChange(verbClass) && verbClass !== 'browser_action') out.change ??= word;
    if (verbClass === 'read') out.read ??= word;
  }
  return out;
}

function firstIn(words: readonly string[], set: ReadonlySet<string>, skip?: string): string | undefined {
  return words.find((word) => word !== skip && set.has(word));
}

interface Dispatcher {
  kind: 'shell' | 'code' | 'sql' | 'http' | 'browser' | 'any_action' | 'graphql';
  signal: string;
  readOnly: boolean;
}

const TARGET_PARAMETER = new Set(['name', 'tool', 'toolname', 'action', 'actionname', 'operation', 'operationid', 'function', 'functionname', 'endpoint', 'app', 'slug', 'toolslug', 'actionslug', 'command', 'capability', 'skill']);
const ARGUMENTS_PARAMETER = new Set(['argument', 'args', 'param', 'parameter', 'input', 'payload', 'body', 'data', 'toolinput', 'toolargument', 'arguments', 'params', 'parameters', 'inputs']);
const HTTP_SHAPE_PARAMETER = new Set(['method', 'header', 'headers', 'body', 'httpmethod', 'requestbody', 'verb']);

function describes(parameter: ParameterFeature, set: ReadonlySet<string>): string | undefined {
  return parameter.descriptionWords.find((word) => set.has(word));
}

function detectDispatcher(
  features: ToolFeatures,
  ownWords: readonly string[],
  verb: Verb | undefined,
  browser: boolean,
  urlParameter: ParameterFeature | undefined,
  readOnlyDeclared: boolean,
): Dispatcher | undefined {
  const executes = verb?.verbClass === 'execute' || ownWords.some((word) => LEXICON.execute.has(word) && word !== 'use' && word !== 'do');
  const parameters = features.parameters;
  const keys = new Set(parameters.map((parameter) => parameter.key));

  const shellWord = firstIn(ownWords, LEXICON.shellWord);
  const commandParameter = parameters.find((parameter) => ['command', 'cmd', 'commandline', 'script', 'shellcommand', 'bashcommand'].includes(parameter.key));
  if (shellWord && (executes || commandParameter || ownWords.length <= 2)) {
    return { kind: 'shell', signal: `runs shell commands (name word "${shellWord}")`, readOnly: false };
  }
  if (commandParameter && executes && !firstIn(ownWords, LEXICON.anyActionWord)) {
    return { kind: 'shell', signal: `runs a caller-given command (parameter "${commandParameter.name}")`, readOnly: false };
  }

  const codeWord = firstIn(ownWords, LEXICON.codeWord);
  const codeParameter = parameters.find(
    (parameter) =>
      ['code', 'script', 'javascript', 'js', 'python', 'source', 'sourcecode', 'program', 'function', 'expression', 'snippet'].includes(parameter.key) &&
      (parameter.key !== 'function' && parameter.key !== 'expression' && parameter.key !== 'source' || describes(parameter, LEXICON.codeWord)),
  );
  if ((codeWord && executes) || (codeParameter && (executes || codeWord))) {
    return { kind: 'code', signal: `runs code (${codeParameter ? `parameter "${codeParameter.name}"` : `name word "${codeWord}"`})`, readOnly: false };
  }

  const sqlParameter = parameters.find(
    (parameter) =>
      ['sql', 'sqlquery', 'statement', 'cypher', 'cypherquery', 'querystring'].includes(parameter.key) ||
      (parameter.key === 'query' && (describes(parameter, LEXICON.sqlWord) !== undefined && /\b(?:sql|select|statement|cypher)\b/i.test(parameter.description))),
  );
  const sqlWord = ownWords.find((word) => ['sql', 'cypher', 'soql', 'kql', 'promql'].includes(word));
  if (sqlParameter || (sqlWord && (executes || verb?.word === 'query'))) {
    const readOnly =
      readOnlyDeclared ||
      verb?.verbClass === 'read' ||
      ownWords.includes('read') ||
      ownWords.includes('select') ||
      READ_ONLY_PHRASE.test(features.description) ||
      /\bonly (?:select|read)\b|\bselect (?:queries|statements) only\b/i.test(features.description);
    const writeOnly = !readOnly && (verb?.verbClass === 'write' || ownWords.includes('write') || ownWords.includes('insert') || ownWords.includes('update'));
    return {
      kind: 'sql',
      signal: `runs database queries (${sqlParameter ? `parameter "${sqlParameter.name}"` : `name word "${sqlWord}"`})${readOnly ? ', read-only' : writeOnly ? ', writes' : ''}`,
      readOnly,
    };
  }
  if (ownWords.includes('graphql') && parameters.some((parameter) => parameter.key === 'query' || parameter.key === 'mutation')) {
    return { kind: 'graphql', signal: 'runs caller-written GraphQL (queries and mutations)', readOnly: readOnlyDeclared };
  }

  // `create_uptime_monitor(url, method, body)` configures something; `http_request(url, method)` sends now.
  const writes = verb !== undefined && (verb.verbClass === 'write' || verb.verbClass === 'weak_write') && verb.word !== 'request';
  if (urlParameter && !writes) {
    const shape = parameters.find((parameter) => HTTP_SHAPE_PARAMETER.has(parameter.key));
    const httpWord = firstIn(ownWords, LEXICON.httpWord);
    if (shape || (httpWord && httpWord !== 'fetch' && (executes || verb?.verbClass === 'send' || !verb))) {
      return { kind: 'http', signal: `makes arbitrary HTTP requests (parameter "${urlParameter.name}"${shape ? ` and "${shape.name}"` : ''})`, readOnly: false };
    }
  }

  const targetParameter = parameters.find((parameter) => TARGET_PARAMETER.has(parameter.key));
  const argumentsParameter = parameters.find((parameter) => ARGUMENTS_PARAMETER.has(parameter.key) && parameter !== targetParameter);
  const actionWord = firstIn(ownWords, LEXICON.anyActionWord);
  if (targetParameter && argumentsParameter && (executes || actionWord) && verb?.verbClass !== 'read') {
    return { kind: 'any_action', signal: `runs any ${actionWord ?? 'operation'} by name (parameters "${targetParameter.name}" and "${argumentsParameter.name}")`, readOnly: false };
  }
  if (browser && (verb?.word === 'evaluate' || (executes && codeParameter))) {
    return { kind: 'browser', signal: 'runs script in the browser page', readOnly: false };
  }
  void keys;
  return undefined;
}

/**
 * Classifies a tool into the buckets of DESIGN §1 from everything its definition says: the verbs
 * and nouns of its name, title and description, its parameters (names, descriptions, enumerated
 * operations), its MCP annotations, the HTTP method and path it wraps, and what its integration
 * implies. Deterministic; each bucket comes with a confidence and the signals that decided it; a
 * bucket that is not clearly absent is given (recall before precision). Generic dispatchers
 * (shells, code runners, raw HTTP or SQL, browsers, run-any-action tools) get every bucket their
 * reach implies. A manual `capabilities` override wins.
 */
export function classifyTool(input: ClassifyToolInput, options: ClassifyToolOptions = {}): Classification {
  const threshold = options.threshold ?? 0.6;
  if (input.capabilities) return manualOverride(input.capabilities);

  const features = extractFeatures(input);
  const evidence = new Evidence();
  const integrationSet = new Set(features.integrationWords);
  // The tool's own words: its name without a repeated integration prefix, then its title.
  // The integration's own name is a prefix of many tool names (`slack_post_message`): drop it there only,
  // so `get_calendar` in a calendar integration keeps its object.
  let prefix = 0;
  while (prefix < features.nameWords.length - 1 && integrationSet.has(features.nameWords[prefix]!)) prefix += 1;
  const nameWords = features.nameWords.slice(prefix);
  const ownWords = [...nameWords, ...features.titleWords];
  const integration = recognizeIntegration(features.integrationWords, [...features.nameWords, ...features.titleWords], features.descriptionWords);
  const browser = integration?.kind.id === 'browser' || ownWords.some((word) => ['browser', 'playwright', 'puppeteer', 'selenium', 'webdriver'].includes(word));
  const annotations = input.annotations;

  // --- What the tool does (the verb) -----------------------------------------------------------
  const nameVerb = primaryVerb(nameWords.length > 0 ? nameWords : features.nameWords, 'name', browser, features.inflected);
  const titleVerb = nameVerb ? undefined : primaryVerb(features.titleWords, 'title', browser, features.inflected);
  const leadVerb = nameVerb || titleVerb ? undefined : leadSentenceVerb(features.leadWords, browser);
  // REST paths name resources (`/v1/contacts`); only a plain verb in the last segments counts (`/messages/send`).
  const pathCandidate = nameVerb || titleVerb || leadVerb ? undefined : primaryVerb(features.pathWords.slice(-2), 'path', browser);
  const pathVerb = pathCandidate && !LEXICON.nounishVerb.has(pathCandidate.word) ? pathCandidate : undefined;
  let verb = nameVerb ?? titleVerb ?? leadVerb ?? pathVerb;
  // A name whose only verb is also a noun (`git_log`, `post`) is read through its description: "Shows the commit logs".
  if (nameVerb && LEXICON.nounishVerb.has(nameVerb.word)) {
    const described = leadSentenceVerb(features.leadWords, browser);
    if (described && (described.verbClass === 'read' || described.verbClass === 'compute') && nameVerb.verbClass !== 'read') {
      verb = described;
    }
  }
  // `convert_issue_to_subtask`, `format_page`: a computing verb applied to a record changes it.
  if (verb?.verbClass === 'compute' && !firstIn(ownWords, LEXICON.pureNoun) && !firstIn(ownWords, LEXICON.referenceNoun)) {
    const record = firstIn(ownWords, LEXICON.privateNoun, verb.word) ?? firstIn(ownWords, LEXICON.untrustedNoun, verb.word);
    if (record) verb = { ...verb, verbClass: 'write' };
  }
  const others = otherVerbs(nameWords, verb, browser, features.inflected);
  const operations = operationVerbs(features.parameters, browser);

  // A `uri` in the integration's own scheme (`gdrive:///{fileId}`) names a record, not an address on the web.
  const urlParameter = features.parameters.find(
    (parameter) => LEXICON.urlParameter.has(parameter.key) && !/\b(?!https?:)[a-z][a-z0-9+.-]*:\/\//i.test(parameter.description),
  );
  const readOnlyDeclared = annotations?.readOnlyHint === true;
  const dispatcher = detectDispatcher(features, ownWords, verb, browser, urlParameter, readOnlyDeclared);

  if (dispatcher) {
    if (dispatcher.kind === 'sql' && dispatcher.readOnly) {
      evidence.addAll([A, B], 1.2, `generic dispatcher: ${dispatcher.signal}`);
      evidence.add(C, -1, `generic dispatcher: ${dispatcher.signal}`);
    } else if (dispatcher.kind === 'sql' && dispatcher.signal.endsWith(', writes')) {
      evidence.add(C, 1.2, `generic dispatcher: ${dispatcher.signal}`);
      evidence.addAll([A, B], 0.3, `generic dispatcher: ${dispatcher.signal} (statements may return rows)`);
    } else {
      evidence.addAll(ALL, 1.2, `generic dispatcher: ${dispatcher.signal}`);
    }
  }

  // --- C: does it send data out or change anything? -------------------------------------------
  const verbWeight = verb?.place === 'name' ? 1 : verb?.place === 'title' ? 0.95 : 0.9;
  const verbLabel = verb ? `${verb.place === 'name' ? 'name' : verb.place === 'title' ? 'title' : verb.place === 'path' ? 'path' : 'description'} verb "${verb.word}"` : '';
  switch (verb?.verbClass) {
    case 'send':
      evidence.add(C, verbWeight, `${verbLabel} sends something out`);
      break;
    case 'write':
      evidence.add(C, verbWeight, `${verbLabel} changes state`);
      break;
    case 'execute':
      evidence.add(C, verbWeight, `${verbLabel} runs something`);
      break;
    case 'browser_action':
      evidence.add(C, verbWeight, `${verbLabel} acts on a web page (clicks, types, submits)`);
      break;
    case 'navigate':
      if (urlParameter) evidence.add(C, verbWeight, `${verbLabel} loads a caller-chosen page (the URL carries data out)`);
      else evidence.add(C, 0.5 * verbWeight, `${verbLabel} moves between pages`);
      break;
    case 'browser_gesture':
      evidence.add(C, 0.5 * verbWeight, `${verbLabel} changes only the local browser state`);
      break;
    case 'weak_write':
      evidence.add(C, 0.5 * verbWeight, `${verbLabel} may change state`);
      break;
    case 'read':
      evidence.add(C, verb.place === 'name' ? -0.7 : -0.7 * verbWeight - 0.05, `${verbLabel} only reads`);
      break;
    case 'compute':
      evidence.add(C, verb.place === 'name' ? -0.7 : -0.7 * verbWeight - 0.05, `${verbLabel} only computes`);
      break;
    default:
      break;
  }
  if (verb && (verb.verbClass === 'read' || verb.verbClass === 'compute') && others.change) {
    evidence.add(C, 0.9, `name verb "${others.change}" changes state`);
  }
  if (operations.change) evidence.add(C, 1, `parameter "${operations.change.parameter}" may be "${operations.change.value}"`);
  else if (operations.read && !isChange(verb?.verbClass)) evidence.add(C, -0.3, `parameter "${operations.read.parameter}" selects only reads`);

  if (annotations) {
    if (annotations.readOnlyHint === true) {
      evidence.usedAnnotations = true;
      evidence.add(C, -1, 'annotation readOnlyHint: true');
    } else if (annotations.readOnlyHint === false) {
      evidence.usedAnnotations = true;
      evidence.add(C, 0.8, 'annotation readOnlyHint: false');
    }
    if (annotations.destructiveHint === true && annotations.readOnlyHint !== true) {
      evidence.usedAnnotations = true;
      evidence.add(C, 0.6, 'annotation destructiveHint: true');
    }
  }

  const http = features.http;
  if (http) {
    const method = http.method.toUpperCase();
    if (READ_METHODS.has(method)) evidence.add(C, -0.8, `HTTP ${method} ${http.path}`);
    else if (method === 'POST' && verb && (verb.verbClass === 'read' || verb.verbClass === 'compute') && !operations.change) {
      evidence.add(C, 0.1, `HTTP POST ${http.path} (used for a read)`);
    } else evidence.add(C, 1, `HTTP ${method} ${http.path}`);
  }

  const readsByVerb = verb?.verbClass === 'read' || verb?.verbClass === 'navigate' || others.read !== undefined;
  if (urlParameter && !dispatcher) {
    if (isChange(verb?.verbClass) || verb?.verbClass === 'weak_write') {
      evidence.add(C, 0.8, `parameter "${urlParameter.name}": data goes to a caller-chosen address`);
    } else {
      evidence.add(C, 1, `parameter "${urlParameter.name}": requests a caller-chosen address (a GET carries data in its URL)`);
    }
  }
  for (const declared of input.destinations ?? []) {
    evidence.add(C, 0.8, `declared destination parameter "${declared}"`);
    break;
  }
  const contentParameter = features.parameters.find((parameter) => LEXICON.contentParameter.has(parameter.key));
  const recipientParameter = features.parameters.find((parameter) => LEXICON.recipientParameter.has(parameter.key));
  if (recipientParameter && contentParameter && !readsByVerb) {
    evidence.add(C, 0.6, `parameters "${recipientParameter.name}" and "${contentParameter.name}": sends content to someone`);
  } else if (contentParameter && !verb && !readsByVerb) {
    evidence.add(C, 0.3, `parameter "${contentParameter.name}" carries content to write`);
  }
  if (!verb && !readsByVerb && features.parameters.some((parameter) => LEXICON.readParameter.has(parameter.key))) {
    evidence.add(C, -0.3, 'search or paging parameters');
  }
  const savesLocally = /\b(?:download|save|write|store)s? (?:\w+ )?(?:to|into|in) (?:the )?(?:local (?:storage|disk|directory|folder|file ?system)|disk|a (?:local )?(?:file|directory|folder))\b/i.exec(features.description);
  if (savesLocally && !isChange(verb?.verbClass)) evidence.add(C, 0.8, `description: "${savesLocally[0]}" (writes files)`);
  if (READ_ONLY_PHRASE.test(features.description.slice(0, 300)) && !dispatcher && !isChange(verb?.verbClass)) evidence.add(C, -0.6, 'description says it is read-only');
  else if (WRITE_PHRASE.test(features.description) && !readsByVerb) evidence.add(C, 0.4, 'description warns of a permanent change');

  // --- A and B: what does it bring into the session? -------------------------------------------
  const pureWrite =
    // A weak verb (`open_thread`, `generate_report`) may read as well: its nouns still count.
    (verb?.verbClass === 'write' || verb?.verbClass === 'send' || verb?.verbClass === 'execute') &&
    !others.read &&
    !operations.read &&
    !dispatcher;
  if (pureWrite) {
    const strong = verb?.verbClass !== 'weak_write';
    const returns = /\breturns? (?:the )?(?:full |updated |resulting |new )?(?:content|contents|diff|text|body|messages?|results?|output|response)\b/i.exec(features.description);
    if (returns) {
      evidence.add(B, 0.4, `description: "${returns[0]}"`);
      evidence.add(A, 0.2, `description: "${returns[0]}"`);
    } else {
      evidence.addAll([A, B], strong ? -0.7 : -0.3, `${verbLabel}: returns only what it was given`);
    }
  }
  readBuckets(evidence, features, ownWords, verb, integration, urlParameter, dispatcher, pureWrite, browser, input);

  return evidence.finish(threshold);
}

/** A and B for a tool that brings data into the session. */
function readBuckets(
  evidence: Evidence,
  features: ToolFeatures,
  ownWords: readonly string[],
  verb: Verb | undefined,
  integration: IntegrationMatch | undefined,
  urlParameter: ParameterFeature | undefined,
  dispatcher: Dispatcher | undefined,
  pureWrite: boolean,
  browser: boolean,
  input: ClassifyToolInput,
): void {
  // The verb is not an object noun, unless it is one of the verbs that are also nouns (`git_diff`, `git_log`).
  const skip = (verb?.place === 'name' || verb?.place === 'title') && !LEXICON.nounishVerb.has(verb.word) ? verb.word : undefined;
  const nounWords = [...ownWords, ...features.pathWords, ...features.parameters.flatMap((parameter) => (['method', 'action', 'operation', 'op'].includes(parameter.key) ? operationValues(parameter).flat() : []))];
  const lead = features.leadWords;

  const identity = firstIn(nounWords, new Set(['me', 'whoami', 'myself'])) ?? (/\b(?:the )?(?:current|authenticated|logged[- ]in) user\b|\bwho am i\b|\bmy (?:own )?(?:profile|account)\b|\bthe user'?s (?:own )?(?:\w+ )?(?:profile|account)(?: information| details)?\b/i.test(features.description.slice(0, 200)) && !firstIn(nounWords, LEXICON.untrustedNoun) ? 'the signed-in user' : undefined);
  const meta = firstIn(ownWords, LEXICON.metaNoun, skip);
  const pure = firstIn(ownWords, LEXICON.pureNoun, skip) ?? (verb?.verbClass === 'compute' ? verb.word : undefined);
  const aboutObject = firstIn(ownWords, ABOUT_OBJECT, skip);
  const untrustedName = aboutObject ? undefined : firstIn(nounWords, LEXICON.untrustedNoun, skip);
  const untrustedLead = untrustedName ? undefined : firstIn(lead, LEXICON.untrustedNoun, skip);
  // Where data is public by default (a social network, a search engine) only plainly private words count.
  const publicByDefault = (integration?.kind.private ?? 0) < 0;
  const privateName = firstIn(nounWords, publicByDefault ? STRONG_PRIVATE : LEXICON.privateNoun, skip);
  const privateLead = privateName ? undefined : firstIn(lead, publicByDefault ? STRONG_PRIVATE : LEXICON.privateNoun, skip);
  const publicWord = firstIn(ownWords, LEXICON.publicNoun, skip) ?? firstIn(lead.slice(0, 16), LEXICON.publicNoun, skip);
  const referenceWord = firstIn(ownWords, LEXICON.referenceNoun, skip) ?? firstIn(lead.slice(0, 12), LEXICON.referenceNoun, skip);
  // Code hosting and social networks: user and organisation profiles are pages their owners write.
  const publicProfile = integration?.kind.publicProfiles ? firstIn(ownWords, new Set(['user', 'org', 'organization', 'profile', 'people', 'follower']), skip) : undefined;
  // Configuration is what is read only when it is the object, the last noun of the name:
  // `get_projects` reads configuration, `get_project_tasks` reads tasks.
  const objectWord = [...features.nameWords].reverse().find((word) => word !== skip && !LEXICON.read.has(word));
  const objectIsContent = objectWord !== undefined && LEXICON.untrustedNoun.has(objectWord);
  const ownMetadata = publicProfile || objectIsContent ? undefined : aboutObject ?? firstIn(ownWords, LEXICON.ownMetadataNoun, skip) ?? firstIn(ownWords, new Set(['user', 'people']), skip);
  const fetchesUrl = urlParameter !== undefined && !pureWrite && !dispatcher;

  // A: text written by someone other than the user or the organisation.
  if (!dispatcher) {
    const strongLead = untrustedLead !== undefined && !WEAK_UNTRUSTED.has(untrustedLead);
    // `get_file_metadata`, `file_info`, `message_count`: facts about an object, not its content.
    const metadataOnly = ownMetadata !== undefined && !untrustedName && !strongLead && !fetchesUrl && !pureWrite;
    if (pureWrite) {
      // A write returns what it was given; its nouns say what it changes, not what it reads.
    } else if (untrustedName) evidence.add(A, 1, `name word "${untrustedName}" (text others may write)`);
    else if (untrustedLead && !metadataOnly && !identity && !(pure && !fetchesUrl)) evidence.add(A, 0.6, `description word "${untrustedLead}" (text others may write)`);
    if (fetchesUrl) evidence.add(A, 1, `fetches the content at a caller-chosen "${urlParameter.name}"`);
    if (browser && !pureWrite) evidence.add(A, 0.9, 'browser: pages are written by anyone');
    if (publicProfile && !pureWrite && !identity) evidence.add(A, 0.8, `reads "${publicProfile}" profiles, which their owners write (${integration?.word})`);
    const blocked = identity ?? meta ?? (pure && !untrustedName ? pure : undefined) ?? (metadataOnly ? ownMetadata : undefined);
    if (integration && integration.kind.untrusted !== 0 && !pureWrite && !blocked && !browser) {
      evidence.add(A, integration.kind.untrusted, `integration "${integration.word}" (${integration.kind.description})`);
    }
    if (identity) evidence.add(A, -1, `reads ${identity === 'the signed-in user' ? 'the signed-in user' : `"${identity}"`}: the user's own account`);
    else if (meta) evidence.add(A, -1, `reads the server's own "${meta}" catalogue`);
    else if (pure && !untrustedName && !fetchesUrl) evidence.add(A, -0.8, `"${pure}" only computes`);
    else if (referenceWord && !untrustedName && !fetchesUrl) evidence.add(A, -0.7, `"${referenceWord}" is structured reference data`);
    else if (metadataOnly) evidence.add(A, -1, `reads configuration or records ("${ownMetadata}"), not text from others`);
    if (input.annotations?.openWorldHint === true && !pureWrite) {
      evidence.usedAnnotations = true;
      evidence.add(A, 0.3, 'annotation openWorldHint: true');
    }
  }

  // B: non-public data.
  if (!dispatcher) {
    // A browser may be signed in: a "web page" there is not public data.
    const publicData = browser ? undefined : publicWord ?? referenceWord;
    if (identity) evidence.add(B, 1, `reads ${identity === 'the signed-in user' ? 'the signed-in user' : `"${identity}"`} (account details)`);
    if (meta && !privateName) evidence.add(B, -1, `reads the server's own "${meta}" catalogue`);
    else if (pure && !privateName) evidence.add(B, -0.8, `"${pure}" only computes`);
    else if (publicData && !privateName) evidence.add(B, -1, `public data ("${publicData}")`);
    else {
      if (pureWrite) {
        // See above: a write's nouns name what it changes.
      } else if (privateName) evidence.add(B, 1, `name word "${privateName}" (non-public data)`);
      else if (privateLead) evidence.add(B, 0.5, `description word "${privateLead}" (non-public data)`);
      if (integration && integration.kind.private !== 0 && !pureWrite && (integration.kind.private > 0 || !privateName)) {
        evidence.add(B, integration.kind.private, `integration "${integration.word}" (${integration.kind.description})`);
      }
      if (fetchesUrl && !privateName && !browser) evidence.add(B, -0.7, `fetches a caller-chosen "${urlParameter.name}" (public pages)`);
    }
    const security = features.http?.security;
    if (security === 'required' && !pureWrite) evidence.add(B, 0.5, 'operation requires credentials');
    else if (security === 'none') evidence.add(B, -0.5, 'operation needs no credentials');
  }
}

const HTTP_METHOD_VALUES = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'option']);

/** Enumerated values of an operation parameter, leaving out HTTP method names (`method: GET|POST`). */
function operationValues(parameter: ParameterFeature): string[][] {
  if (!LEXICON.operationParameter.has(parameter.key)) return [];
  const httpMethods = parameter.enumValues.filter((value) => value.length === 1 && HTTP_METHOD_VALUES.has(value[0]!)).length;
  if (httpMethods >= 2 && httpMethods === parameter.enumValues.length) return [];
  return parameter.enumValues;
}

function operationVerbs(parameters: readonly ParameterFeature[], browser: boolean): {
  change?: { parameter: string; value: string };
  read?: { parameter: string; value: string };
} {
  const out: { change?: { parameter: string; value: string }; read?: { parameter: string; value: string } } = {};
  for (const parameter of parameters) {
    for (const value of operationValues(parameter)) {
      const verb = primaryVerb(value, 'name', browser);
      if (!verb) continue;
      if (isChange(verb.verbClass) || verb.verbClass === 'weak_write') out.change ??= { parameter: parameter.name, value: value.join('_') };
      else if (verb.verbClass === 'read') out.read ??= { parameter: parameter.name, value: value.join('_') };
    }
  }
  return out;
}

function manualOverride(given: readonly Capability[]): Classification {
  const set = new Set(given);
  return {
    capabilities: CAPABILITIES.filter((capability) => set.has(capability)),
    confidence: { untrusted_content: 1, private_data: 1, external_or_state_change: 1 },
    reasons: CAPABILITIES.map((capability) => ({
      capability,
      present: set.has(capability),
      signal: 'manual override',
      weight: 1,
    })),
    source: 'override',
  };
}
