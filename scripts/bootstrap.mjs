#!/usr/bin/env node
// The README's two commands go through here, so they work on a fresh machine that has only
// Node (20 or later) and npm: it fetches the pinned pnpm when missing, installs with the
// lockfile (which brings Node 24 as a dev dependency: every `pnpm run` then uses it), builds,
// and runs the demo or the tests. Only Node built-ins: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.21.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

function pnpm(args) {
  const [command, prefix] = pnpmCommand();
  return run(command, [...prefix, ...args]);
}

function step(name, status) {
  if (status !== 0) {
    console.error(`\n${name} failed (exit ${status}).`);
    process.exit(status);
  }
}

function ensureChromium() {
  // The browser tests drive Debian's chromium through playwright-core; nothing downloads a browser.
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error('The browser tests need /usr/bin/chromium: install Debian\'s "chromium" package.');
    process.exit(1);
  }
  console.log('Installing chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  step('apt-get update', run('apt-get', ['update', '-qq'], { env }));
  step('apt-get install chromium', run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }));
}

function printSummary(file) {
  // CI reads this plain line, not vitest's own summary.
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 && report.success !== false;
}

if (mode !== 'demo' && mode !== 'test' && mode !== 'bench') {
  console.error('usage: node scripts/bootstrap.mjs demo|test|bench');
  process.exit(2);
}

step('pnpm install', pnpm(['install', '--frozen-lockfile']));
step('build', pnpm(['run', 'build']));

if (mode === 'demo') {
  process.exit(pnpm(['--filter', '@oso-agents/example-demo', 'start']));
}
if (mode === 'bench') {
  // Every benchmark script in package.json named `bench:*`, one after another.
  const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
  for (const name of scripts.filter((script) => script.startsWith('bench:'))) step(name, pnpm(['run', name]));
  process.exit(0);
}

ensureChromium();
const results = join(root, '.vitest-results.json');
rmSync(results, { force: true });
const status = pnpm(['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`]);
if (!existsSync(results)) {
  console.log('\n0 passed, 1 failed');
  process.exit(status || 1);
}
const ok = printSummary(results);
process.exit(ok && status === 0 ? 0 : 1);
