// Instructions per tool call on the decision hot path, counted by callgrind: unlike time, the count
// does not move with what else the machine is doing, so a change of a few per cent shows. Runs
// bench/workloads/typical-loop.mjs (the core benchmark's loop) under `valgrind --tool=callgrind`
// with the trifecta rule alone and with every behaviour detector on, at two lengths; the
// difference divided by the extra calls is the cost of one call, start-up and warm-up left out.
// V8 runs single-threaded with fixed seeds (`--predictable`), so a run repeats its count within
// about 0.1%; runs minutes apart can differ by a few per cent (the loop reads the clock: rate
// windows, idle times), so compare figures from one run of this script.
//
//   pnpm exec tsc -b && pnpm exec node bench/instructions.bench.mjs
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const workload = fileURLToPath(new URL('./workloads/typical-loop.mjs', import.meta.url));
const SHORT = 10_000;
const LONG = 30_000;

try {
  await run('valgrind', ['--version']);
} catch {
  console.log('bench:instructions needs valgrind (Debian: apt-get install -y valgrind); skipped.');
  process.exit(0);
}

async function instructions(detectors, calls) {
  const { stderr } = await run(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', '--hash-seed=1', '--random-seed=1', workload],
    { env: { ...process.env, OSO_DETECTORS: detectors, OSO_CALLS: String(calls) }, maxBuffer: 16 * 1024 * 1024 },
  );
  const match = /Collected\s*:\s*(\d+)/.exec(stderr);
  if (!match) throw new Error(`no count from callgrind:\n${stderr.slice(-2_000)}`);
  return Number(match[1]);
}

async function perCall(detectors) {
  const [short, long] = await Promise.all([instructions(detectors, SHORT), instructions(detectors, LONG)]);
  return (long - short) / (LONG - SHORT);
}

console.log(`\nInstructions per tool call (callgrind), the core benchmark's loop, ${SHORT.toLocaleString('en')} vs ${LONG.toLocaleString('en')} calls (Node ${process.version})\n`);
const off = await perCall('off');
const on = await perCall('on');
const fmt = (value) => Math.round(value).toLocaleString('en');
console.log(`${'trifecta rule alone'.padEnd(28)}${fmt(off).padStart(10)}`);
console.log(`${'every detector on'.padEnd(28)}${fmt(on).padStart(10)}   ${(on / off).toFixed(2)}× (+${fmt(on - off)})`);
