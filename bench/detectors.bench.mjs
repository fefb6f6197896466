// Behaviour detectors on the decision hot path: `authorize` + `record` of the response per tool
// call on the memory store, with every detector on, against the same loop with the detectors off
// and against a baseline measured in the same run (the tools called directly).
//
// Two workloads:
// - `typical`: the core benchmark's loop (bench/decision.bench.mjs: `session.run` of a web read, a
//   private file read and a bucket-less call, small arguments and outputs, the default rules; as
//   there, the rate bound of `abnormal_rate` is raised out of the way (a benchmark is one long
//   burst of 100,000 calls a second): it still counts every call, without firing on each, which
//   would make every call a violation to build and record, as no normal session is);
// - `sends`: the worst case on purpose. Every rule is `ignore`, so each call takes the full allow
//   path and every detector runs to its end; a third of the calls are sends (a recipient the user
//   named and a 300-character body, checked against the ~1,500 fingerprints the session holds,
//   as the destination relaxation must), a third record a 1 KB private file (fingerprinted), a
//   third are bucket-less;
// - `sends, B only`: the same without untrusted content in the session (the everyday "mail my
//   notes to Bob"): nothing could have steered the send, so the costly checks are skipped.
// The machine is shared, so the loops run in interleaved rounds and the median of each loop's
// per-round p50 is reported, with the CPU time per call (`process.cpuUsage`, a mean: it counts the
// costly calls a p50 hides, and is less moved by other processes than wall time). A workload
// mixes three kinds of call, so its p50 is one kind's cost: the p50 of each kind is listed too.
//
//   pnpm exec tsc -b && pnpm exec node bench/detectors.bench.mjs
import { createOso, MemorySessionStore } from '@oso-agents/core';

const CALLS = Number(process.env.BENCH_CALLS ?? 6_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

const WORDS = 'invoice quarterly budget review meeting notes customer renewal contract pricing roadmap hiring launch security audit migration'.split(' ');
// Text as it arrives from a model or a tool: parsed JSON (flat strings).
function text(seed, length) {
  let out = '';
  let index = seed;
  while (out.length < length) {
    out += `${WORDS[index % WORDS.length]} `;
    index = (index * 7 + 3) % 9973;
    if (index % 11 === 0) out += `ref-${index}x${seed % 97} `;
  }
  return JSON.parse(JSON.stringify(out.slice(0, length)));
}
const BODIES = Array.from({ length: 512 }, (_, index) => text(index, 300));
const FILES = Array.from({ length: 64 }, (_, index) => `${text(index + 1_000, 900)} Contact: dana.kim${index}@example.org, phone +1 415 555 ${1000 + index}.`);

const WORKLOADS = {
  typical: {
    tools: {
      'web.fetch': (args) => ({ url: args.url, text: 'page' }),
      'drive.read_file': (args) => ({ path: args.path, text: 'file' }),
      'math.add': (args) => args.a + args.b,
    },
    args(tool, index) {
      if (tool === 'web.fetch') return { url: `https://example.com/${index}` };
      if (tool === 'drive.read_file') return { path: `notes/${index}.md` };
      return { a: index, b: 1 };
    },
  },
  sends: {
    tools: {
      'mail.send_email': (args) => ({ id: args.subject }),
      'drive.read_file': (args) => FILES[Number(args.path.slice(6, -3)) % FILES.length],
      'math.add': (args) => args.a + args.b,
    },
    args(tool, index) {
      if (tool === 'mail.send_email') return { to: ['bob@partner.com'], subject: `Update ${index}`, body: BODIES[index % BODIES.length] };
      if (tool === 'drive.read_file') return { path: `notes/${index}.md` };
      return { a: index, b: 1 };
    },
  },
};

const EVERY_RULE = ['lethal_trifecta', 'rule_of_two', 'unexpected_tool', 'missing_scope', 'secret_egress', 'private_data_in_egress', 'output_exfiltration', 'untrusted_argument', 'abnormal_rate'];
const IGNORE_ALL = { enforcement: 'ignore', rules: Object.fromEntries(EVERY_RULE.map((rule) => [rule, 'ignore'])) };
const OUT_OF_THE_WAY = { abnormalRate: { maxCalls: 1_000_000_000 } };
const DETECTORS_OFF = { secretEgress: false, privateDataInEgress: false, untrustedArgument: false, outputExfiltration: false, abnormalRate: false, destinationRelaxation: false };

async function engine(detection, policy, untrusted = true) {
  const store = new MemorySessionStore({ maxEventsPerSession: 2_000, maxCallsPerSession: 2_000 });
  const oso = createOso({ agentId: 'bench', store, ...policy, ...(detection ? { detection } : {}) });
  const object = { type: 'object', properties: {} };
  oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'], inputSchema: object }]);
  oso.registerTools('drive', [{ name: 'read_file', capabilities: ['private_data'], inputSchema: object }]);
  oso.registerTools('mail', [{ name: 'send_email', capabilities: ['external_or_state_change'], inputSchema: object, destinations: ['to'] }]);
  oso.registerTools('math', [{ name: 'add', capabilities: [], inputSchema: object }]);
  const session = oso.session('bench');
  await session.record({ type: 'message_from_user', content: 'Read the vendor page and my notes, then mail the summary to bob@partner.com.' });
  if (untrusted) {
    await session.run({ toolCallId: 'page', tool: 'web.fetch', args: { url: 'https://vendor-site.com' } }, () => `${text(7, 900)} Write to partners@vendor-site.com.`);
  }
  for (let index = 0; index < 20; index++) {
    await session.run({ toolCallId: `file-${index}`, tool: 'drive.read_file', args: { path: `seed/${index}.md` } }, () => FILES[index]);
  }
  return session;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// p50 of the calls (µs), p50 of each kind of call (every third call is of one kind), CPU µs per call.
async function p50(count, step, offset) {
  const samples = new Float64Array(count);
  const cpu = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    const before = process.hrtime.bigint();
    await step(offset + index);
    samples[index] = Number(process.hrtime.bigint() - before) / 1_000;
  }
  const used = process.cpuUsage(cpu);
  const kinds = [0, 1, 2].map((kind) => median(samples.filter((_, index) => (offset + index) % 3 === kind)));
  return { p50: median(samples), kinds, cpu: (used.user + used.system) / count };
}

function loops(workload, session, useRun) {
  const names = Object.keys(workload.tools);
  const direct = async (index) => {
    const tool = names[index % names.length];
    return workload.tools[tool](workload.args(tool, index));
  };
  const run = async (index) => {
    const tool = names[index % names.length];
    return session.run({ toolCallId: `c-${index}`, tool, args: workload.args(tool, index) }, (args) => workload.tools[tool](args));
  };
  const gated = async (index) => {
    const tool = names[index % names.length];
    const call = { toolCallId: `c-${index}`, tool, args: workload.args(tool, index) };
    const decision = await session.authorize(call);
    if (decision.outcome !== 'allow') throw new Error(`unexpected ${decision.outcome}`);
    const output = await workload.tools[tool](call.args);
    await session.record({ type: 'tool_call_response', toolCallId: call.toolCallId, tool, output });
  };
  return { direct, gated: useRun ? run : gated };
}

const num = (value) => value.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const pad = (value, width) => String(value).padEnd(width);
console.log(`\nBehaviour detectors on the hot path: authorize + record per call, ${ROUNDS} interleaved rounds of ${CALLS.toLocaleString('en')} calls per loop (Node ${process.version})`);
console.log(`\n${pad('workload', 15)}${pad('baseline p50', 14)}${pad('detectors off p50', 19)}${pad('all on p50', 12)}${pad('overhead, all on', 18)}${pad('detectors alone', 17)}${pad('ratio on/off', 14)}CPU per call off → on`);
const perKind = [];

for (const [name, workload] of [...Object.entries(WORKLOADS), ['sends, B only', WORKLOADS.sends]]) {
  const policy = name === 'typical' ? {} : IGNORE_ALL;
  const untrusted = name !== 'sends, B only';
  const off = loops(workload, await engine(DETECTORS_OFF, policy, untrusted), name === 'typical');
  const on = loops(workload, await engine(name === 'typical' ? OUT_OF_THE_WAY : undefined, policy, untrusted), name === 'typical');
  const results = { baseline: [], off: [], on: [] };
  await p50(2_000, off.direct, 0);
  await p50(2_000, off.gated, 1_000_000);
  await p50(2_000, on.gated, 1_000_000);
  for (let round = 0; round < ROUNDS; round++) {
    const offset = round * CALLS;
    results.baseline.push(await p50(CALLS, off.direct, offset));
    // Alternate which goes first, so neither gains from the order.
    if (round % 2 === 0) {
      results.off.push(await p50(CALLS, off.gated, offset));
      results.on.push(await p50(CALLS, on.gated, offset));
    } else {
      results.on.push(await p50(CALLS, on.gated, offset));
      results.off.push(await p50(CALLS, off.gated, offset));
    }
  }
  const pick = (list, read) => median(list.map(read));
  const baseline = pick(results.baseline, (result) => result.p50);
  const offP50 = pick(results.off, (result) => result.p50);
  const onP50 = pick(results.on, (result) => result.p50);
  const offCpu = pick(results.off, (result) => result.cpu);
  const onCpu = pick(results.on, (result) => result.cpu);
  console.log(
    `${pad(name, 15)}${pad(`${num(baseline)} µs`, 14)}${pad(`${num(offP50)} µs`, 19)}${pad(`${num(onP50)} µs`, 12)}${pad(`${num(onP50 - baseline)} µs`, 18)}${pad(`${num(onP50 - offP50)} µs`, 17)}${pad(`${num(onP50 / offP50)}×`, 14)}${num(offCpu)} → ${num(onCpu)} µs (+${num(onCpu - offCpu)})`,
  );
  const names = Object.keys(workload.tools);
  perKind.push(
    `${pad(name, 15)}${names
      .map((tool, kind) => {
        const off = pick(results.off, (result) => result.kinds[kind]);
        const on = pick(results.on, (result) => result.kinds[kind]);
        return `${tool} ${num(off)} → ${num(on)} µs (+${num(on - off)})`;
      })
      .join(';  ')}`,
  );
}
console.log('\np50 of each kind of call, detectors off → all on:');
for (const line of perKind) console.log(line);
console.log('\noverhead = median p50 with all detectors on − baseline (the core goal: under 5 µs); detectors alone = on − off.');
