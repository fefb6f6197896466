// Measures the tool classifier of @oso-agents/core (build first: `pnpm exec tsc -b`):
//   pnpm exec node bench/classifier.bench.mjs [--quiet]
// - per-bucket precision and recall on the evaluation set (test/classifier/eval-tools.json), on the
//   later sets (test/classifier/eval-holdout-tools.json, -2-, -3-, -4-, -5-, -6-, -7-, -8-, -9-, -10-, -11-, -12-, -13-) and on the shared development set
//   (../shared/datasets/mcp-tools-dev.json, when present);
// - the confusion of each miss: the tool, its labels, the classifier's buckets and the signals;
// - the time to classify 10,000 tools (all sets repeated), after a warm-up.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { classifyTool } from '@oso-agents/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const BUCKETS = ['untrusted_content', 'private_data', 'external_or_state_change'];
const LETTER = { untrusted_content: 'A', private_data: 'B', external_or_state_change: 'C' };

function load(path) {
  return JSON.parse(readFileSync(path, 'utf8')).tools;
}

/** The classifier's input for a labelled tool: everything but the labels and provenance. */
function inputOf(tool) {
  const integration = tool.integration ?? tool.server?.split('/')[1];
  const { labels, justification, note, source, id, server, ...definition } = tool;
  return { ...definition, integration };
}

function letters(set) {
  return BUCKETS.map((bucket) => (set.has(bucket) ? LETTER[bucket] : '.')).join('');
}

function evaluate(name, tools) {
  const counts = Object.fromEntries(BUCKETS.map((bucket) => [bucket, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const misses = [];
  for (const tool of tools) {
    const result = classifyTool(inputOf(tool));
    const predicted = new Set(result.capabilities);
    const expected = new Set(BUCKETS.filter((bucket) => tool.labels[bucket]));
    const wrong = [];
    for (const bucket of BUCKETS) {
      const p = predicted.has(bucket);
      const e = expected.has(bucket);
      const count = counts[bucket];
      if (p && e) count.tp += 1;
      else if (p) { count.fp += 1; wrong.push(`+${LETTER[bucket]}`); }
      else if (e) { count.fn += 1; wrong.push(`-${LETTER[bucket]}`); }
      else count.tn += 1;
    }
    if (wrong.length > 0) misses.push({ tool, expected, predicted, wrong, result });
  }
  console.log(`\n== ${name}: ${tools.length} tools`);
  console.log('bucket                      precision  recall   tp   fp   fn');
  for (const bucket of BUCKETS) {
    const { tp, fp, fn } = counts[bucket];
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    console.log(`${`${LETTER[bucket]} ${bucket}`.padEnd(28)}${precision.toFixed(3).padStart(9)}${recall.toFixed(3).padStart(8)}${String(tp).padStart(5)}${String(fp).padStart(5)}${String(fn).padStart(5)}`);
  }
  const exact = tools.length - misses.length;
  console.log(`exact match on all three buckets: ${exact}/${tools.length}`);
  if (!quiet && misses.length > 0) {
    console.log(`misses (${misses.length}): tool  labelled -> classified  [errors]  deciding signals`);
    for (const miss of misses) {
      const signals = miss.result.reasons
        .filter((reason) => miss.wrong.some((w) => w.slice(1) === LETTER[reason.capability]))
        .map((reason) => `${LETTER[reason.capability]}${reason.weight > 0 ? '+' : ''}${reason.weight} ${reason.signal}`)
        .join('; ');
      const id = miss.tool.id ?? `${miss.tool.server}/${miss.tool.name}`;
      console.log(`  ${id}  ${letters(miss.expected)} -> ${letters(miss.predicted)}  [${miss.wrong.join(' ')}]  ${signals}`);
    }
  }
}

const evalTools = load(join(root, 'test/classifier/eval-tools.json'));
evaluate('evaluation set (eval-tools.json: held out for the first run; changed the classifier after it)', evalTools);
const holdoutTools = load(join(root, 'test/classifier/eval-holdout-tools.json'));
evaluate('second set (eval-holdout-tools.json: held out for its first run; changed the classifier after it)', holdoutTools);
const holdout2Tools = load(join(root, 'test/classifier/eval-holdout-2-tools.json'));
evaluate('third set (eval-holdout-2-tools.json: held out for its first run; changed the classifier after it)', holdout2Tools);
const holdout3Tools = load(join(root, 'test/classifier/eval-holdout-3-tools.json'));
evaluate('fourth set (eval-holdout-3-tools.json: held out for its first run; changed the classifier after it)', holdout3Tools);
const holdout4Tools = load(join(root, 'test/classifier/eval-holdout-4-tools.json'));
evaluate('fifth set (eval-holdout-4-tools.json: held out for its first run; changed the classifier after it)', holdout4Tools);
const holdout5Tools = load(join(root, 'test/classifier/eval-holdout-5-tools.json'));
evaluate('sixth set (eval-holdout-5-tools.json: held out for its first run; changed the classifier after it)', holdout5Tools);
const holdout6Tools = load(join(root, 'test/classifier/eval-holdout-6-tools.json'));
evaluate('seventh set (eval-holdout-6-tools.json: held out for its first run; changed the classifier after it)', holdout6Tools);
const holdout7Tools = load(join(root, 'test/classifier/eval-holdout-7-tools.json'));
evaluate('eighth set (eval-holdout-7-tools.json: held out for its first run; changed the classifier after it)', holdout7Tools);
const holdout8Tools = load(join(root, 'test/classifier/eval-holdout-8-tools.json'));
evaluate('ninth set (eval-holdout-8-tools.json: held out for its first run; changed the classifier after it)', holdout8Tools);
const holdout9Tools = load(join(root, 'test/classifier/eval-holdout-9-tools.json'));
evaluate('tenth set (eval-holdout-9-tools.json: held out for its first run; changed the classifier after it)', holdout9Tools);
const holdout10Tools = load(join(root, 'test/classifier/eval-holdout-10-tools.json'));
evaluate('eleventh set (eval-holdout-10-tools.json: held out for its first run; changed the classifier after it)', holdout10Tools);
const holdout11Tools = load(join(root, 'test/classifier/eval-holdout-11-tools.json'));
evaluate('twelfth set (eval-holdout-11-tools.json: held out for its first run; changed the classifier after it)', holdout11Tools);
const holdout12Tools = load(join(root, 'test/classifier/eval-holdout-12-tools.json'));
evaluate('thirteenth set (eval-holdout-12-tools.json: held out for its first run; changed the classifier after it)', holdout12Tools);
const holdout13Tools = load(join(root, 'test/classifier/eval-holdout-13-tools.json'));
evaluate('fourteenth set (eval-holdout-13-tools.json: held out for its first run; changed the classifier after it)', holdout13Tools);
const devPath = join(root, '../shared/datasets/mcp-tools-dev.json');
const devTools = existsSync(devPath) ? load(devPath) : [];
if (devTools.length > 0) evaluate('development set (shared/datasets/mcp-tools-dev.json)', devTools);

// Timing: 10,000 classifications of real definitions (both sets, repeated), after a warm-up.
const pool = [...evalTools, ...holdoutTools, ...holdout2Tools, ...holdout3Tools, ...holdout4Tools, ...holdout5Tools, ...holdout6Tools, ...holdout7Tools, ...holdout8Tools, ...holdout9Tools, ...holdout10Tools, ...holdout11Tools, ...holdout12Tools, ...holdout13Tools, ...devTools].map(inputOf);
const batch = Array.from({ length: 10_000 }, (_, index) => pool[index % pool.length]);
for (const input of batch.slice(0, 2_000)) classifyTool(input);
const runs = [];
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  for (const input of batch) classifyTool(input);
  runs.push(performance.now() - started);
}
runs.sort((left, right) => left - right);
console.log(`\n== timing: 10,000 tools classified in ${runs[1].toFixed(0)} ms (median of 3; runs ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms)`);
