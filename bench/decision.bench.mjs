// Decision benchmark: `session.run` (authorize → execute → record the response) on the memory
// store, against a baseline measured in the same run: the same loop calling the tool directly.
// Sessions of 10, 1,000 and 10,000 events; calls per second, p50 and p99 latency, and the median
// overhead per call. `npm run bench` runs it (and bench/session-memory.bench.mjs for memory).
import { createOso, MemorySessionStore } from '@oso-agents/core';

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const WARMUP = 2_000;

const tools = {
  'web.fetch': async (args) => ({ url: args.url, text: 'page' }),
  'drive.read_file': async (args) => ({ path: args.path, text: 'file' }),
  'math.add': async (args) => args.a + args.b,
};
const names = Object.keys(tools);
const argsFor = (index) => {
  const tool = names[index % names.length];
  return tool === 'web.fetch' ? { url: `https://example.com/${index}` } : tool === 'drive.read_file' ? { path: `notes/${index}.md` } : { a: index, b: 1 };
};

// Every detector runs. A benchmark is one long burst (100,000 calls a second), so the rate
// detector's bound is raised out of its way: it still counts every call, as in a normal session,
// without firing on each. The last row turns the behaviour detectors off, to show what the
// trifecta rule alone costs.
const ALL_DETECTORS = { detection: { abnormalRate: { maxCalls: 1_000_000_000 } } };
const NO_DETECTORS = {
  detection: { secretEgress: false, privateDataInEgress: false, untrustedArgument: false, outputExfiltration: false, abnormalRate: false, destinationRelaxation: false },
};

function engine(maxEvents, options = ALL_DETECTORS) {
  const store = new MemorySessionStore({ maxEventsPerSession: maxEvents, maxCallsPerSession: maxEvents });
  const oso = createOso({ agentId: 'bench', store, ...options });
  oso.registerTools('web', [{ name: 'fetch', description: 'Fetch a web page', capabilities: ['untrusted_content'], inputSchema: { type: 'object', properties: { url: { type: 'string' } } } }]);
  oso.registerTools('drive', [{ name: 'read_file', description: 'Read a private file', capabilities: ['private_data'], inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }]);
  oso.registerTools('math', [{ name: 'add', description: 'Add two numbers', capabilities: [], inputSchema: { type: 'object', properties: { a: {}, b: {} } } }]);
  return oso;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label, count, step) {
  const samples = new Float64Array(count);
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) {
    const before = process.hrtime.bigint();
    await step(index);
    samples[index] = Number(process.hrtime.bigint() - before) / 1_000;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return { label, perSecond: count / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const rows = [];
const direct = (index) => tools[names[index % names.length]](argsFor(index));
await measure('warmup', WARMUP, direct);
const baseline = await measure('baseline: tool called directly', CALLS, direct);
rows.push(baseline);

for (const [events, options] of [[10, ALL_DETECTORS], [1_000, ALL_DETECTORS], [10_000, ALL_DETECTORS], [1_000, NO_DETECTORS]]) {
  const oso = engine(events * 2, options);
  const session = oso.session(`s-${events}`);
  // Fill the session to about `events` events (each call adds a request, a decision and a response).
  let id = 0;
  while ((await session.timeline()).length < events) {
    const index = id++;
    await session.run({ toolCallId: `fill-${index}`, tool: names[index % names.length], args: argsFor(index) }, (args) => tools[names[index % names.length]](args));
    if (events <= 10 && id >= 3) break;
  }
  const held = (await session.timeline()).length;
  // Measure in a fresh session of the same length so that the event cap is not reached mid-run.
  await measure('warmup', WARMUP, (index) =>
    session.run({ toolCallId: `warm-${index}`, tool: names[index % names.length], args: argsFor(index) }, (args) => tools[names[index % names.length]](args)),
  );
  const suffix = options === NO_DETECTORS ? ', detectors off' : '';
  const row = await measure(`oso run, session of ${held.toLocaleString('en')} events${suffix}`, CALLS, (index) =>
    session.run({ toolCallId: `call-${index}`, tool: names[index % names.length], args: argsFor(index) }, (args) => tools[names[index % names.length]](args)),
  );
  rows.push(row);
}

const pad = (text, width) => String(text).padEnd(width);
const num = (value, digits = 1) => value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`\nDecision hot path, ${CALLS.toLocaleString('en')} calls each (Node ${process.version})\n`);
console.log(`${pad('loop', 56)}${pad('calls/s', 14)}${pad('p50 µs', 10)}${pad('p99 µs', 10)}${pad('p50 overhead µs', 18)}ratio p50`);
for (const row of rows) {
  const overhead = row === baseline ? '—' : num(row.p50 - baseline.p50, 2);
  const ratio = row === baseline ? '1.00×' : `${num(row.p50 / baseline.p50, 2)}×`;
  console.log(`${pad(row.label, 56)}${pad(Math.round(row.perSecond).toLocaleString('en'), 14)}${pad(num(row.p50, 2), 10)}${pad(num(row.p99, 2), 10)}${pad(overhead, 18)}${ratio}`);
}
