// Finds the browsers the tests run in, one per engine, and installs what is missing from Debian's packages when
// run as root (browser downloads by test tools do not work offline). Run alone, it checks or installs all three:
// `node scripts/browsers.mjs [chromium] [firefox] [webkit]`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function onPath(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function fromEnv(name) {
  const path = process.env[name];
  return path && existsSync(path) ? path : null;
}

/** WebKitGTK keeps MiniBrowser beside its helper processes, in a folder named after the API version. */
function findMiniBrowser() {
  const env = fromEnv('MINIBROWSER_PATH');
  if (env) return env;
  for (const lib of ['/usr/lib', '/usr/libexec', '/usr/local/lib']) {
    if (!existsSync(lib)) continue;
    const dirs = [lib, ...readdirSync(lib).map((name) => join(lib, name))];
    for (const dir of dirs) {
      for (const api of ['webkitgtk-6.0', 'webkit2gtk-4.1', 'webkit2gtk-4.0']) {
        const candidate = join(dir, api, 'MiniBrowser');
        if (existsSync(candidate)) return candidate;
      }
    }
  }
  return null;
}

/**
 * What each engine needs: the programs, where to look for them (an environment variable first, then PATH), and the
 * Debian packages that provide them.
 */
export const engines = {
  chromium: {
    label: 'Chromium',
    packages: ['chromium'],
    find: () => {
      const executable = fromEnv('CHROME_PATH') ?? onPath('chromium') ?? onPath('chromium-browser');
      return executable && { executable };
    },
    missing: 'set CHROME_PATH or install the `chromium` package',
  },
  firefox: {
    label: 'Firefox',
    packages: ['firefox-esr'],
    find: () => {
      const executable = fromEnv('FIREFOX_PATH') ?? onPath('firefox-esr') ?? onPath('firefox');
      return executable && { executable };
    },
    missing: 'set FIREFOX_PATH or install the `firefox-esr` package',
  },
  webkit: {
    label: 'WebKit',
    // MiniBrowser has no headless mode, so it runs on a private X display.
    packages: ['webkit2gtk-driver', 'xvfb'],
    find: () => {
      const driver = fromEnv('WEBKIT_WEBDRIVER_PATH') ?? onPath('WebKitWebDriver');
      const browser = findMiniBrowser();
      const xvfb = onPath('Xvfb');
      return driver && browser && xvfb && { driver, browser, xvfb };
    },
    missing: 'install the `webkit2gtk-driver` and `xvfb` packages (WebKitWebDriver, MiniBrowser, Xvfb)',
  },
};

/** Every engine name, in the order the tests run them. */
export const engineNames = Object.keys(engines);

/** Returns what an engine needs (paths), or null when something is missing. */
export function findBrowser(name) {
  return engines[name].find() || null;
}

/** Returns the Chromium executable path, or null when there is none. */
export function findChromium() {
  return findBrowser('chromium')?.executable ?? null;
}

/**
 * Makes sure the named engines are installed: returns what each needs, installing the missing Debian packages in
 * one `apt-get` run when root on Debian. Otherwise prints exactly what to install and exits.
 */
export function ensureBrowsers(names = engineNames) {
  const missing = names.filter((name) => !findBrowser(name));
  if (missing.length > 0) {
    const packages = missing.flatMap((name) => engines[name].packages);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const isDebian = existsSync('/etc/debian_version');
    if (!isRoot || !isDebian) {
      for (const name of missing) console.error(`No ${engines[name].label} found: ${engines[name].missing}.`);
      console.error(`On Debian or Ubuntu: sudo apt-get install --no-install-recommends ${packages.join(' ')}`);
      process.exit(1);
    }
    console.log(`Installing Debian packages for ${missing.map((name) => engines[name].label).join(', ')}...`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const still = missing.filter((name) => !findBrowser(name));
    if (still.length > 0) {
      for (const name of still)
        console.error(`Installed, but still no ${engines[name].label}: ${engines[name].missing}.`);
      process.exit(1);
    }
  }
  return Object.fromEntries(names.map((name) => [name, findBrowser(name)]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !engineNames.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown engine ${unknown.join(', ')}: choose from ${engineNames.join(', ')}.`);
    process.exit(1);
  }
  const found = ensureBrowsers(names.length > 0 ? names : engineNames);
  for (const [name, paths] of Object.entries(found)) {
    console.log(`${engines[name].label}: ${Object.values(paths).join(', ')}`);
  }
}
