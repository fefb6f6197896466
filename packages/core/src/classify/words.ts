/**
 * Word handling for the classifier: splitting identifiers and prose into lower-case words, and
 * reducing a word to a simple stem so `sends`, `sending` and `sent` meet `send` in a lexicon.
 */

/** Splits `chat.postMessage`, `send_email`, `listInbox`, `get-file` into lower-case words. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

const IRREGULAR: Readonly<Record<string, string>> = {
  sent: 'send',
  wrote: 'write',
  written: 'write',
  ran: 'run',
  running: 'run',
  began: 'begin',
  got: 'get',
  gotten: 'get',
  made: 'make',
  found: 'find',
  read: 'read',
  reads: 'read',
  reading: 'read',
  paid: 'pay',
  bought: 'buy',
  shared: 'share',
  threw: 'throw',
  does: 'do',
  status: 'status',
  statuses: 'status',
  address: 'address',
  addresses: 'address',
  access: 'access',
  process: 'process',
  processes: 'process',
  business: 'business',
  analysis: 'analysis',
  series: 'series',
  news: 'news',
  setting: 'setting',
  settings: 'setting',
  meeting: 'meeting',
  meetings: 'meeting',
  billing: 'billing',
  pricing: 'pricing',
  recording: 'recording',
  recordings: 'recording',
  booking: 'booking',
  bookings: 'booking',
  string: 'string',
  strings: 'string',
  thinking: 'thinking',
  listing: 'listing',
  listings: 'listing',
  mapping: 'mapping',
  mappings: 'mapping',
  heading: 'heading',
  headings: 'heading',
  building: 'building',
  ping: 'ping',
  thing: 'thing',
  things: 'thing',
  messages: 'message',
  issues: 'issue',
  analyses: 'analysis',
  aliases: 'alias',
  children: 'child',
  people: 'person',
  data: 'data',
  media: 'media',
  sms: 'sms',
  dns: 'dns',
  https: 'http',
  gis: 'gis',
  is: 'is',
  has: 'has',
  was: 'was',
  this: 'this',
  its: 'its',
};

/**
 * A deliberately small stemmer: plurals and the common verb endings (`created` -> `creat`; the
 * vocabulary puts the `e` back when `create` is a known word). It only needs to make a word and its
 * lexicon entry meet.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ch|sh|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) {
    const base = word.slice(0, -3);
    if (/(.)\1$/.test(base) && !/(?:ll|ss)$/.test(base)) return base.slice(0, -1);
    return base;
  }
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ed') && word.length > 4) {
    const base = word.slice(0, -2);
    if (/(.)\1$/.test(base) && !/(?:ll|ss)$/.test(base)) return base.slice(0, -1);
    return base;
  }
  if (word.endsWith('s') && !/(?:ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The stems of a text's words, in order. */
export function stems(text: string): string[] {
  return tokenize(text).map(stem);
}
