// Memory per idle session on the memory store, in a fresh heap: sessions that made one decided
// call and then went idle (the store's entry, the session state with its exposures and call record),
// with the event log counted apart (it is bounded by `maxEventsPerSession`).
// Run with `npm run bench`, or `pnpm run bench:memory` after a build.
import { createOso, MemorySessionStore } from '@oso-agents/core';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(1);
}

const SESSIONS = 20_000;
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const NO_DETECTORS = {
  detection: { secretEgress: false, privateDataInEgress: false, untrustedArgument: false, outputExfiltration: false, abnormalRate: false, destinationRelaxation: false },
};

async function measure(label, options) {
  const store = new MemorySessionStore({ maxSessions: SESSIONS * 2 });
  const oso = createOso({ agentId: 'bench', store, ...options });
  oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'] }]);
  // Warm up the code paths so that compiled code is not counted as session memory.
  for (let index = 0; index < 200; index++) {
    await oso.session(`warm-${index}`).authorize({ toolCallId: 'c1', tool: 'web.fetch', args: { url: 'https://example.com/a' } });
  }
  const before = heap();
  for (let index = 0; index < SESSIONS; index++) store.load({ agentId: 'bench', sessionId: `idle-${index}` });
  const opened = heap();
  for (let index = 0; index < SESSIONS; index++) {
    await oso.session(`idle-${index}`).authorize({ toolCallId: 'c1', tool: 'web.fetch', args: { url: 'https://example.com/a' } });
  }
  const withEvents = heap();
  // The same sessions with their event logs emptied: what an idle session costs beyond its log.
  let events = 0;
  for (let index = 0; index < SESSIONS; index++) {
    const log = store['sessions'].get(`bench\u0000idle-${index}`).events;
    events += log.length;
    log.length = 0;
  }
  const withoutEvents = heap();
  const perSession = (opened - before) / SESSIONS;
  const perCall = (withoutEvents - opened) / SESSIONS;
  const perEvent = (withEvents - withoutEvents) / events;
  const bytes = (value) => `${Math.round(value).toLocaleString('en').padStart(5)} bytes`;
  console.log(`${label}:`);
  console.log(`  an idle session (store entry, state)                         ${bytes(perSession)}`);
  console.log(`  + its first allowed call (exposure, remembered call record)  ${bytes(perCall)}   (bounded: maxCallsPerSession)`);
  console.log(`  + each event in its log                                      ${bytes(perEvent)}   (bounded: maxEventsPerSession)`);
  return store.size;
}

console.log(`Memory per idle session, ${SESSIONS.toLocaleString('en')} sessions that each made one allowed call (Node ${process.version})\n`);
await measure('defaults (capture "redacted", every detector on)', {});
await measure('capture "metadata"', { capture: { content: 'metadata' } });
await measure('behaviour detectors off', NO_DETECTORS);
console.log('\nGoal: under 2 KB per idle session plus its bounded event log.');
