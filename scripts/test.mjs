// `npm test`: type-check, build, run the emulator's node tests and the browser tests, then print one line
// `N passed, N failed` over all of them. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'guest-chat-test-'));
let passed = 0;
let failed = 0;

function run(label, command, args, env = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

process.env.CHROME_PATH = ensureChromium();

// A failed step (type-check, a crashed runner) counts as one failure, so it can never pass unnoticed.
if (wants('types')) {
  if (!run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json'])) failed += 1;
  if (!run('type-check (demo agent console)', 'npx', ['tsc', '-p', 'demo/agent/tsconfig.json'])) failed += 1;
  if (!run('type-check (emulator, demo scripts)', 'npx', ['tsc', '-p', 'emulator/tsconfig.json'])) failed += 1;
}

if (wants('build') || wants('browser') || wants('node')) {
  if (!run('build', 'npm', ['run', '--silent', 'build'])) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

/** Node tests: the emulator's, and the package checks under test/ (`*.test.mjs`). */
function nodeTestFiles() {
  const emulator = existsSync('emulator/test')
    ? readdirSync('emulator/test').filter((f) => f.endsWith('.test.js'))
    : [];
  const packageChecks = readdirSync('test').filter((f) => f.endsWith('.test.mjs'));
  return [...emulator.map((f) => join('emulator/test', f)), ...packageChecks.map((f) => join('test', f))];
}

if (wants('node')) {
  const tap = join(tmp, 'node.tap');
  const files = nodeTestFiles();
  const ok = run('node tests (emulator, package)', process.execPath, [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  if (!ok && count('fail') + count('cancelled') === 0) failed += 1;
}

if (wants('browser')) {
  const counts = join(tmp, 'browser.json');
  const ok = run('browser tests (Chromium)', 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], {
    GUEST_CHAT_COUNTS: counts,
  });
  const result = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0 };
  passed += result.passed;
  failed += result.failed;
  if (!ok && result.failed === 0) failed += 1;
}

rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
