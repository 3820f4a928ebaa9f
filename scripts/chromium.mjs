// Finds the Chromium the browser tests use: CHROME_PATH, then `chromium` on PATH. When none is found and we run
// as root on Debian, installs Debian's `chromium` package (browser downloads by test tools do not work offline).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

/** Returns the Chromium executable path, or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return onPath('chromium') ?? onPath('chromium-browser');
}

/** Returns a Chromium path, installing Debian's package when possible; exits with one clear line otherwise. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (!isRoot || !isDebian) {
    console.error('No Chromium found: set CHROME_PATH or install the `chromium` package, then run again.');
    process.exit(1);
  }
  console.log("No Chromium found (CHROME_PATH, `chromium` on PATH): installing Debian's chromium package...");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = findChromium();
  if (!installed) {
    console.error('Installing `chromium` did not put it on PATH: set CHROME_PATH and run again.');
    process.exit(1);
  }
  return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`Chromium: ${ensureChromium()}`);
}
