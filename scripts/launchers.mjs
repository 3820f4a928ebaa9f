// The browser tests' launchers, one per engine, all from system packages (see scripts/browsers.mjs):
// - Chromium through @web/test-runner-chrome (Chrome DevTools Protocol);
// - Firefox through @web/test-runner-puppeteer (WebDriver BiDi, no geckodriver);
// - WebKit (WebKitGTK's MiniBrowser) through @web/test-runner-webdriver and WebKitWebDriver, on a private Xvfb display.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { Key } from 'webdriverio';

/** Chromium, headless, as in every earlier run. */
export function chromiumLauncher({ executable }) {
  return chromeLauncher({
    launchOptions: {
      executablePath: executable,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-dev-shm-usage',
        '--no-first-run',
      ],
    },
  });
}

/**
 * Firefox, headless. Neither WebDriver BiDi nor WebDriver can emulate media features, so both engines run with
 * reduced motion preferred: layout is then measured without the opening animation, as the Chromium run does.
 */
export function firefoxLauncher({ executable }) {
  return withEngineCommands(
    puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: executable,
        headless: true,
        extraPrefsFirefox: { 'ui.prefersReducedMotion': 1 },
      },
    }),
  );
}

/** WebKit: WebKitGTK's MiniBrowser driven by WebKitWebDriver, on an X display of its own. */
export function webkitLauncher(paths) {
  return withEngineCommands(new WebKitLauncher(paths));
}

/**
 * The runner's own commands (set-viewport, emulate-media, send-keys with held keys) refuse WebDriver sessions and
 * Firefox's media emulation: this launcher puts ours in front of them when the run starts.
 */
function withEngineCommands(launcher) {
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = (config, testFiles) => {
    config.plugins.unshift(engineCommandsPlugin());
    return initialize(config, testFiles);
  };
  return launcher;
}

const mediaQueries = {
  colorScheme: (value) => `(prefers-color-scheme: ${value})`,
  reducedMotion: (value) => `(prefers-reduced-motion: ${value})`,
  media: (value) => value,
};

/**
 * Commands for the engines the runner's built-in ones do not cover. `emulate-media` cannot emulate there: it answers
 * whether the page already matches what was asked (true) or not (false), so a test can skip what it cannot check.
 */
function engineCommandsPlugin() {
  return {
    name: 'guest-chat-engine-commands',
    async executeCommand({ command, payload, session }) {
      const browser = session.browser;
      if (command === 'emulate-media') {
        const queries = Object.entries(payload ?? {})
          .filter(([key, value]) => value != null && key in mediaQueries)
          .map(([key, value]) => mediaQueries[key](value));
        const check = (list) => list.every((query) => matchMedia(query).matches);
        if (browser instanceof WebKitLauncher) return browser.driver.execute(check, queries);
        return browser.getPage(session.id).evaluate(check, queries);
      }
      if (!(browser instanceof WebKitLauncher)) {
        // Puppeteer's BiDi keyboard knows the space bar by its key value only, not by the name Chromium accepts.
        const action = command === 'send-keys' && ['press', 'down', 'up'].find((name) => payload?.[name] === 'Space');
        if (!action) return undefined;
        await browser.getPage(session.id).keyboard[action](' ');
        return true;
      }
      if (command === 'set-viewport') {
        await browser.setViewport(payload.width, payload.height);
        return true;
      }
      if (command === 'send-keys') {
        await browser.keys(payload);
        return true;
      }
      return undefined;
    },
  };
}

/** Resolves with a TCP port that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on the first free display; resolves with the process and the display's name. */
function startXvfb(xvfb) {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, name: `:${out.trim()}` });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)));
  });
}

/** Waits until WebKitWebDriver answers its status endpoint. */
async function waitForDriver(url, child) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start within 30 s');
}

/**
 * WebKitGTK's MiniBrowser, started by WebKitWebDriver on a private Xvfb display that lives as long as the run.
 * The GTK settings turn animations off, which WebKit reports to pages as `prefers-reduced-motion: reduce`.
 */
/** WebDriver capabilities for WebKitGTK's MiniBrowser. */
export function webkitCapabilities(browser) {
  return {
    browserName: 'MiniBrowser',
    // WebKitWebDriver speaks WebDriver classic only and refuses a session that asks for BiDi.
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
  };
}

/**
 * Starts a private Xvfb display and WebKitWebDriver on it; resolves with the driver's port and a `stop()` that ends
 * both. The GTK settings turn animations off, which WebKit reports to pages as `prefers-reduced-motion: reduce`.
 */
export async function startWebKitDriver({ driver, xvfb }) {
  const home = mkdtempSync(join(tmpdir(), 'guest-chat-webkit-'));
  const children = [];
  const stop = () => {
    for (const child of children.reverse()) child.kill();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    mkdirSync(join(home, 'gtk-3.0'));
    writeFileSync(join(home, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=false\n');
    // MiniBrowser's toolbar keeps its window at least 447 px wide; with its widgets shrunk, the tests can set a
    // phone-sized viewport. Pages do not use GTK's styles, so this changes nothing inside the page.
    writeFileSync(
      join(home, 'gtk-3.0', 'gtk.css'),
      'headerbar, toolbar, entry, button, box, grid { font-size: 1px; min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n',
    );
    const { child: display, name } = await startXvfb(xvfb);
    children.push(display);
    const port = await freePort();
    const server = spawn(driver, [`--port=${port}`, '--host=127.0.0.1'], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: name, XDG_CONFIG_HOME: home, WAYLAND_DISPLAY: '' },
    });
    children.push(server);
    await waitForDriver(`http://127.0.0.1:${port}`, server);
    return { port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** WebKitGTK's MiniBrowser, started by WebKitWebDriver on a private Xvfb display that lives as long as the run. */
class WebKitLauncher extends WebdriverLauncher {
  constructor(paths) {
    super({ hostname: '127.0.0.1', capabilities: webkitCapabilities(paths.browser) });
    this.paths = paths;
  }

  async initialize(config, testFiles) {
    const { port, stop } = await startWebKitDriver(this.paths);
    this.stopDriver = stop;
    this.options.port = port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    this.stopDriver?.();
    this.stopDriver = undefined;
  }

  /** Sizes the window so that the page's viewport is `width` x `height` CSS pixels. */
  async setViewport(width, height) {
    const inner = () => [window.innerWidth, window.innerHeight];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [w, h] = await this.driver.execute(inner);
      if (w === width && h === height) return;
      const { width: outerWidth, height: outerHeight } = await this.driver.getWindowSize();
      await this.driver.setWindowSize(outerWidth + width - w, outerHeight + height - h);
    }
    const [w, h] = await this.driver.execute(inner);
    if (w !== width || h !== height) throw new Error(`Viewport is ${w}x${h}, not ${width}x${height}`);
  }

  /** Types, presses, holds or releases keys; held keys stay down across calls until released. */
  async keys(payload) {
    const key = (name) => Key[name] ?? name;
    let actions;
    if (payload.type != null) {
      actions = [...payload.type].flatMap((value) => [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ]);
    } else if (payload.press != null) {
      actions = [
        { type: 'keyDown', value: key(payload.press) },
        { type: 'keyUp', value: key(payload.press) },
      ];
    } else if (payload.down != null) actions = [{ type: 'keyDown', value: key(payload.down) }];
    else if (payload.up != null) actions = [{ type: 'keyUp', value: key(payload.up) }];
    else throw new Error('send-keys takes one of type, press, down or up');
    await this.driver.performActions([{ type: 'key', id: 'keyboard', actions }]);
  }
}
