import type { DecisionInput } from '../decide.js';
import type { RegisteredTool } from '../tool.js';
import { fingerprintText, visitStrings, type FingerprintOptions } from './fingerprints.js';

/** One string inside a call's arguments, with the argument it sits in (`to`, `message.cc`). */
export interface ArgumentValue {
  argument: string;
  value: string;
}

/** A call's arguments sorted by role, read once per decision and shared by the detectors. */
export interface ArgumentScan {
  /** Values of destination arguments (where the data goes: recipient, URL, channel, account). */
  destinations: ArgumentValue[];
  /** Values of key arguments (destinations, links, files, accounts, members): what an attacker steers. */
  keys: ArgumentValue[];
  /** Every value outside the destination arguments (the content sent). */
  content: ArgumentValue[];
  /** True when the tool declares its destination arguments (else they were inferred from names). */
  declared: boolean;
}

// Argument names (lowercase, without `_` and `-`) that pick where data goes.
const DESTINATION_NAMES = new Set([
  'to', 'cc', 'bcc', 'recipient', 'recipients', 'channel', 'channels', 'channelid', 'url', 'uri', 'endpoint',
  'webhook', 'iban', 'account', 'accountnumber', 'accountid', 'phone', 'phonenumber', 'destination', 'target',
  'invitee', 'invitees', 'attendee', 'attendees', 'participants', 'participant', 'address', 'email', 'emails',
  'host', 'sharewith', 'recipientiban', 'payee', 'beneficiary', 'conversation', 'chatid', 'room', 'user', 'users',
  'member', 'members', 'username', 'receiver', 'toemail', 'emailaddress',
]);
const DESTINATION_SUFFIXES = ['email', 'emails', 'url', 'recipient', 'recipients', 'iban', 'webhook', 'address'];
// Further arguments an injected instruction would steer: links and files.
const KEY_NAMES = new Set(['link', 'links', 'href', 'file', 'files', 'path', 'filename', 'filepath', 'repo', 'repository', 'domain', 'website']);

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** True when an argument name reads as a destination (`to`, `recipient_email`, `webhookUrl`). */
export function isDestinationName(name: string): boolean {
  const normalised = normaliseName(name);
  if (DESTINATION_NAMES.has(normalised)) return true;
  return DESTINATION_SUFFIXES.some((suffix) => normalised.length > suffix.length && normalised.endsWith(suffix));
}

function isKeyName(name: string): boolean {
  return KEY_NAMES.has(normaliseName(name));
}

/** The tool's declared destination arguments: its definition's, else its classification's, if any. */
export function declaredDestinations(tool: RegisteredTool | undefined): readonly string[] | undefined {
  if (!tool) return undefined;
  const declared = tool.definition.destinations ?? (tool.classification as { destinations?: string[] }).destinations;
  return declared && declared.length > 0 ? declared : undefined;
}

const scans = new WeakMap<DecisionInput, ArgumentScan>();

/** Sorts a call's argument values by role; computed once per decision (memoised on its input). */
export function scanArguments(input: DecisionInput): ArgumentScan {
  const cached = scans.get(input);
  if (cached) return cached;
  const declared = declaredDestinations(input.tool);
  const declaredSet = declared ? new Set(declared.map(normaliseName)) : undefined;
  const scan: ArgumentScan = { destinations: [], keys: [], content: [], declared: declaredSet !== undefined };
  visitStrings(input.call.args, (value, path) => {
    if (value.length === 0) return;
    const argument = path.join('.');
    const destination = declaredSet
      ? path.some((segment) => declaredSet.has(normaliseName(segment))) || declaredSet.has(normaliseName(argument))
      : path.some(isDestinationName);
    const entry = { argument: argument || '(arguments)', value };
    if (destination) {
      scan.destinations.push(entry);
      scan.keys.push(entry);
      // A URL destination's query and fragment can carry data: they count as content too.
      const query = /^https?:\/\/[^?#]*([?#].+)$/i.exec(value)?.[1];
      if (query) scan.content.push({ argument: entry.argument, value: query });
    } else {
      scan.content.push(entry);
      if (path.some(isKeyName) || (!declaredSet && path.some(isDestinationName))) scan.keys.push(entry);
    }
  });
  scans.set(input, scan);
  return scan;
}

/**
 * Fingerprints of a list of argument values, each mapped to the argument it came from. The values
 * are also read joined together, so a number or address split across two arguments still matches.
 */
export function fingerprintArguments(values: readonly ArgumentValue[], options: FingerprintOptions): Map<string, string> {
  const found = new Map<string, string>();
  const one = new Set<string>();
  for (const { argument, value } of values) {
    one.clear();
    fingerprintText(value, options, one);
    for (const fingerprint of one) if (!found.has(fingerprint)) found.set(fingerprint, argument);
  }
  if (values.length > 1) {
    one.clear();
    const joined = values.map((entry) => entry.value).join('');
    fingerprintText(joined, { ...options, shingles: 'none', decode: false }, one);
    const where = values.map((entry) => entry.argument).join(' + ');
    for (const fingerprint of one) if (!found.has(fingerprint)) found.set(fingerprint, where);
  }
  return found;
}
