// The demo page under the strict Content-Security-Policy (no inline script or style, no eval, Trusted Types
// enforced where the engine has them) runs a whole chat without one `securitypolicyviolation`, in the engine named
// by GUEST_CHAT_ENGINE (chromium, the default; firefox; webkit). `npm test` runs it once per engine. Needs
// `npm run build`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer';
import { remote } from 'webdriverio';
import { STRICT_CSP, serveStatic } from '../demo/static.js';
import { startEmulator } from '../emulator/server.js';
import { engines, findBrowser } from '../scripts/browsers.mjs';
import { startWebKitDriver, webkitCapabilities } from '../scripts/launchers.mjs';

const engine = process.env.GUEST_CHAT_ENGINE || 'chromium';
const paths = findBrowser(engine);
if (!paths) throw new Error(`No ${engines[engine]?.label ?? engine} found: run \`node scripts/browsers.mjs\`.`);

/**
 * The first script of the page, served from the page's own origin so the policy allows it: it records every
 * violation from the start, in every engine (WebDriver classic, which drives WebKit, has no init scripts).
 */
const PROBE = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.effectiveDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber);
});`;

/** The demo page with the probe first in its head, and every file under the strict policy. */
function strictDemo(req, res) {
  const headers = { 'Content-Security-Policy': STRICT_CSP, 'Cache-Control': 'no-cache' };
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/csp-probe.js') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
    res.end(PROBE);
    return true;
  }
  if (pathname === '/') {
    const page = readFileSync(new URL('../demo/index.html', import.meta.url), 'utf8');
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page.replace('<head>', '<head><script src="/csp-probe.js"></script>'));
    return true;
  }
  return serveStatic(req, res, { 'Content-Security-Policy': STRICT_CSP });
}

/**
 * One page in one engine, behind the little the test needs: load a URL, run a function in the page, and the
 * console lines about refused content where the driver reports them (WebDriver classic does not).
 */
async function openPage() {
  if (engine === 'webkit') {
    const driver = await startWebKitDriver(paths);
    const browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      logLevel: 'error',
      capabilities: webkitCapabilities(paths.browser),
    });
    return {
      goto: (url) => browser.navigateTo(url),
      evaluate: (fn, ...args) => browser.execute(fn, ...args),
      refused: [],
      close: async () => {
        await browser.deleteSession();
        driver.stop();
      },
    };
  }
  const browser = await puppeteer.launch({
    browser: engine === 'firefox' ? 'firefox' : 'chrome',
    executablePath: paths.executable,
    headless: true,
    args: engine === 'chromium' ? ['--no-sandbox', '--disable-gpu'] : [],
  });
  const page = await browser.newPage();
  const refused = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Trusted Type/i.test(message.text())) refused.push(message.text());
  });
  return {
    goto: (url) => page.goto(url),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    refused,
    close: () => browser.close(),
  };
}

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {Awaited<ReturnType<typeof openPage>>} */
let page;

before(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler: strictDemo });
  page = await openPage();
});

after(async () => {
  await page?.close();
  await emulator?.close();
});

/** @param {string} method @param {string} path @param {unknown} [body] @param {string} [token] */
async function call(method, path, body, token) {
  const res = await fetch(emulator.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path} answered ${res.status}`);
  return res.json();
}

/** Waits until the chat shows `selector` (holding `text`), then clicks it or types `value` into it. */
async function act(selector, { text, value, click = value === undefined } = {}) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    // Runs in the page, as a driver-evaluated function: the policy forbids building one from a string there.
    const done = await page.evaluate(
      (selector, text, value, click) => {
        const root = document.querySelector('guest-chat')?.shadowRoot;
        const all = root ? [...root.querySelectorAll(selector)] : [];
        const element = all.find((candidate) => !text || candidate.textContent.includes(text));
        if (!element) return false;
        if (value !== null) {
          element.focus();
          element.value = value;
          element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        if (click) element.click();
        return true;
      },
      selector,
      text ?? null,
      value ?? null,
      click,
    );
    if (done) return;
    assert.ok(Date.now() < deadline, `never shown: ${selector}${text ? ` with "${text}"` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test(`the demo under a strict CSP runs a whole chat with no violation (guest-chat, ${engine})`, async () => {
  const agent = await call('POST', '/emulator/agents', {
    displayName: 'Agent Ann',
    autoAnswer: true,
    autoAnswerDelayMs: 0,
  });
  await page.goto(`${emulator.url}/`);

  await act('[part~="launcher"]');
  await act('#field-name', { value: 'Dana' });
  await act('[part~="prechat"] button[type="submit"]');
  await act('[part~="composer"] textarea', { value: 'Is my meter reading in?' });
  await act('[part~="send-button"]');
  await act('[part~="message"][part~="own"]', { text: 'Sent', click: false });

  const [conversation] = await call('GET', '/emulator/conversations');
  const member = conversation.members.find((candidate) => candidate.role === 'AGENT');
  await call(
    'POST',
    `/api/v2/conversations/chats/${conversation.id}/communications/${member.id}/messages`,
    { body: 'Yes, it is in: https://example.com/r' },
    agent.token,
  );
  await act('[part~="message"][part~="agent"] a[href="https://example.com/r"]', { click: false });
  await act('header .end');
  await act('.confirm-end');
  await act('.again', { click: false });

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.refused, []);
  // The policy is in force: where the engine has Trusted Types, the page itself may not assign a string to innerHTML.
  const enforced = await page.evaluate(() => {
    if (!('trustedTypes' in window)) return 'no Trusted Types';
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return false;
    } catch {
      return true;
    }
  });
  assert.notEqual(enforced, false, 'Trusted Types are enforced');
});

test(`rich messages under the strict CSP: quick replies, cards with pictures, a picker, Markdown (${engine})`, async () => {
  const rich = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    botReplyDelayMs: 20,
    webMessaging: { markdown: true },
    extraHandler: strictDemo,
  });
  try {
    await fetch(`${rich.url}/emulator/agents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' }),
    });
    await page.goto(`${rich.url}/?transport=web-messaging`);
    await act('[part~="launcher"]');
    await act('#field-name', { value: 'Dana' });
    await act('[part~="prechat"] button[type="submit"]');
    for (const [word, shown, text] of [
      ['Hello', '.bubble', 'echo bot'],
      ['cards', '[part~="card"] img'],
      ['book', '[part~="time-slot"]'],
      ['menu', '[part~="quick-reply"]'],
    ]) {
      await act('[part~="composer"] textarea', { value: word });
      await act('[part~="send-button"]');
      await act(shown, { text, click: false });
    }
    await act('[part~="quick-reply"]', { text: 'Opening hours' });
    await act('.bubble', { text: 'You chose: Opening hours (HOURS)', click: false });
    // Every picture loads from the emulator, which the policy allows as 'self'.
    const deadline = Date.now() + 10_000;
    while (
      !(await page.evaluate(() =>
        [...document.querySelector('guest-chat').shadowRoot.querySelectorAll('[part~="card"] img')].every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      ))
    ) {
      assert.ok(Date.now() < deadline, 'the card pictures load');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.refused, []);
  } finally {
    await rich.close();
  }
});
