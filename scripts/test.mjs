// `npm test`: type-check, lint, format check, build, run the emulator's node tests, then the browser tests in each
// engine (Chromium, Firefox, WebKit), then print a line per engine and one line `N passed, N failed` over all of them.
// Exits non-zero when anything failed. Arguments pick parts (`types`, `build`, `node`, `browser`) and engines (`chromium`,
// `firefox`, `webkit`): `node scripts/test.mjs build browser firefox` runs Firefox's browser tests alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineNames, engines, ensureBrowsers } from './browsers.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'guest-chat-test-'));
let passed = 0;
let failed = 0;

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const args = process.argv.slice(2);
const only = args.filter((arg) => !engineNames.includes(arg));
const wants = (part) => only.length === 0 || only.includes(part);
const chosen = engineNames.filter((name) => args.includes(name));
const browserEngines = chosen.length > 0 ? chosen : engineNames;

if (wants('browser')) ensureBrowsers(browserEngines);

/**
 * Runs `checks` (`[label, command, args]`) two at a time, as the machines have two cores and none of them depends on
 * timing, then prints each one's output whole under its label, in order. Returns how many failed.
 */
async function runChecks(checks) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      const [, command, args] = checks[index];
      results[index] = await new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
        child.on('close', (code) => resolve({ ok: code === 0, output }));
      });
    }
  };
  await Promise.all([worker(), worker()]);
  checks.forEach(([label], index) => {
    console.log(`\n== ${label}`);
    process.stdout.write(results[index].output);
  });
  return results.filter((result) => !result.ok).length;
}

// A failed step (type-check, a crashed runner) counts as one failure, so it can never pass unnoticed.
if (wants('types')) {
  failed += await runChecks([
    ['type-check', 'npx', ['tsc', '-p', 'tsconfig.json']],
    ['type-check (demo agent console)', 'npx', ['tsc', '-p', 'demo/agent/tsconfig.json']],
    ['type-check (emulator, demo scripts)', 'npx', ['tsc', '-p', 'emulator/tsconfig.json']],
    ['type-check (bench)', 'npx', ['tsc', '-p', 'bench/tsconfig.json']],
    ['lint', 'npx', ['eslint', '.']],
    ['format check', 'npx', ['prettier', '--check', '.']],
  ]);
}

if (wants('build') || wants('browser') || wants('node')) {
  if (!run('build', 'npm', ['run', '--silent', 'build'])) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

const CSP_TEST = 'csp.test.mjs';

/** Counts of a node test run, read from its TAP report; a failed run with no failure counted counts as one. */
function nodeCounts(ok, tap) {
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const failures = count('fail') + count('cancelled');
  return { passed: count('pass'), failed: failures + (!ok && failures === 0 ? 1 : 0) };
}

/** Runs node tests, with a spec report on screen and a TAP report to count from. */
function runNodeTests(label, files, env = {}) {
  const tap = join(tmp, `${label.replace(/\W+/g, '-')}.tap`);
  const ok = run(
    label,
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  return nodeCounts(ok, tap);
}

/** Node tests: the emulator's, and the package checks under test/ (`*.test.mjs`). */
function nodeTestFiles() {
  const emulator = existsSync('emulator/test')
    ? readdirSync('emulator/test').filter((f) => f.endsWith('.test.js'))
    : [];
  // The strict-CSP check drives a browser: it runs with each engine's browser tests instead.
  const packageChecks = readdirSync('test').filter((f) => f.endsWith('.test.mjs') && f !== CSP_TEST);
  return [...emulator.map((f) => join('emulator/test', f)), ...packageChecks.map((f) => join('test', f))];
}

if (wants('node')) {
  const result = runNodeTests('node tests (emulator, package)', nodeTestFiles());
  passed += result.passed;
  failed += result.failed;
}

/** One engine's browser tests (web-test-runner) and its strict-CSP check; returns the engine's counts. */
function runEngine(name) {
  const label = engines[name].label;
  const env = { GUEST_CHAT_ENGINE: name };
  const counts = join(tmp, `${name}.json`);
  const ok = run(`browser tests (${label})`, 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], {
    ...env,
    GUEST_CHAT_COUNTS: counts,
  });
  const result = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
  if (!ok && result.failed === 0) result.failed += 1;
  const csp = runNodeTests(`strict CSP (${label})`, [join('test', CSP_TEST)], env);
  return { passed: result.passed + csp.passed, failed: result.failed + csp.failed, skipped: result.skipped };
}

const perEngine = [];
if (wants('browser')) {
  for (const name of browserEngines) {
    const started = Date.now();
    const result = runEngine(name);
    passed += result.passed;
    failed += result.failed;
    const seconds = Math.round((Date.now() - started) / 1000);
    perEngine.push(
      `${engines[name].label}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped (${seconds} s)`,
    );
  }
}

rmSync(tmp, { recursive: true, force: true });
if (perEngine.length > 0) console.log(`\n${perEngine.join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
