// The core benchmark's loop (bench/decision.bench.mjs): `session.run` of a web read, a private file
// read and a bucket-less call, in turn, on the memory store (2,000 calls and events kept). Run by
// bench/instructions.bench.mjs under callgrind; `OSO_DETECTORS=off` turns the behaviour detectors
// off (the trifecta rule alone), `OSO_CALLS` sets the number of calls.
import { createOso, MemorySessionStore } from '@oso-agents/core';

const DETECTORS_OFF = { secretEgress: false, privateDataInEgress: false, untrustedArgument: false, outputExfiltration: false, abnormalRate: false, destinationRelaxation: false };
// A benchmark is one long burst: the rate bound is raised out of the way, as in the decision bench.
const ALL_DETECTORS = { abnormalRate: { maxCalls: 1_000_000_000 } };

const store = new MemorySessionStore({ maxEventsPerSession: 2_000, maxCallsPerSession: 2_000 });
const oso = createOso({ agentId: 'bench', store, detection: process.env.OSO_DETECTORS === 'off' ? DETECTORS_OFF : ALL_DETECTORS });
const object = { type: 'object', properties: {} };
oso.registerTools('web', [{ name: 'fetch', capabilities: ['untrusted_content'], inputSchema: object }]);
oso.registerTools('drive', [{ name: 'read_file', capabilities: ['private_data'], inputSchema: object }]);
oso.registerTools('math', [{ name: 'add', capabilities: [], inputSchema: object }]);
const session = oso.session('bench');
await session.record({ type: 'message_from_user', content: 'Read the vendor page and my notes.' });

const tools = {
  'web.fetch': (args) => ({ url: args.url, text: 'page' }),
  'drive.read_file': (args) => ({ path: args.path, text: 'file' }),
  'math.add': (args) => args.a + args.b,
};
const names = Object.keys(tools);
const argsFor = (tool, index) =>
  tool === 'web.fetch' ? { url: `https://example.com/${index}` } : tool === 'drive.read_file' ? { path: `notes/${index}.md` } : { a: index, b: 1 };

const calls = Number(process.env.OSO_CALLS ?? 10_000);
for (let index = 0; index < calls; index++) {
  const tool = names[index % names.length];
  await session.run({ toolCallId: `c-${index}`, tool, args: argsFor(tool, index) }, (args) => tools[tool](args));
}
