// The demo page under the strict Content-Security-Policy (no inline script or style, no eval, Trusted Types
// enforced) runs a whole chat in headless Chromium without one `securitypolicyviolation`. Needs `npm run build`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { STRICT_CSP, serveStatic } from '../demo/static.js';
import { startEmulator } from '../emulator/server.js';
import { findChromium } from '../scripts/chromium.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    extraHandler: (req, res) => serveStatic(req, res, { 'Content-Security-Policy': STRICT_CSP }),
  });
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
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

test('the demo under a strict CSP runs a whole chat with no violation (guest-chat)', async () => {
  const agent = await call('POST', '/emulator/agents', {
    displayName: 'Agent Ann',
    autoAnswer: true,
    autoAnswerDelayMs: 0,
  });
  const page = await browser.newPage();
  // Injected by the browser before any page script and outside the page's policy, so it sees the first violation too.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(`${emulator.url}/`);
  assert.equal(response?.headers()['content-security-policy'], STRICT_CSP);

  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').fill('Dana');
  await page.locator('guest-chat [part~="prechat"] button[type="submit"]').click();
  await page.locator('guest-chat [part~="composer"] textarea').fill('Is my meter reading in?');
  await page.locator('guest-chat [part~="send-button"]').click();
  await page.locator('guest-chat [part~="message"][part~="own"]', { hasText: 'Sent' }).waitFor();

  const [conversation] = await call('GET', '/emulator/conversations');
  const member = conversation.members.find((candidate) => candidate.role === 'AGENT');
  await call(
    'POST',
    `/api/v2/conversations/chats/${conversation.id}/communications/${member.id}/messages`,
    { body: 'Yes, it is in: https://example.com/r' },
    agent.token,
  );
  await page.locator('guest-chat [part~="message"][part~="agent"] a[href="https://example.com/r"]').waitFor();
  await page.locator('guest-chat header .end').click();
  await page.locator('guest-chat .confirm-end').click();
  await page.locator('guest-chat .again').waitFor();

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(refused, []);
  // The policy is in force: the page itself may not assign a string to innerHTML.
  const enforced = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(enforced, true, 'Trusted Types are enforced');
  await page.close();
});

test('rich messages under the strict CSP: quick replies, a carousel with pictures, a picker and Markdown, no violation', async () => {
  const rich = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    botReplyDelayMs: 20,
    webMessaging: { markdown: true },
    extraHandler: (req, res) => serveStatic(req, res, { 'Content-Security-Policy': STRICT_CSP }),
  });
  await fetch(`${rich.url}/emulator/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' }),
  });
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) refused.push(message.text());
  });
  try {
    await page.goto(`${rich.url}/?transport=web-messaging`);
    await page.locator('guest-chat [part~="launcher"]').click();
    await page.locator('guest-chat #field-name').fill('Dana');
    await page.locator('guest-chat [part~="prechat"] button[type="submit"]').click();
    const composer = page.locator('guest-chat [part~="composer"] textarea');
    await composer.fill('Hello');
    await composer.press('Enter');
    await page.locator('guest-chat .bubble', { hasText: 'echo bot' }).waitFor();
    for (const [word, shown] of [
      ['cards', '[part~="card"] img'],
      ['book', '[part~="time-slot"]'],
      ['menu', '[part~="quick-reply"]'],
    ]) {
      await composer.fill(word);
      await composer.press('Enter');
      await page.locator(`guest-chat ${shown}`).first().waitFor();
    }
    await page.locator('guest-chat [part~="quick-reply"]', { hasText: 'Opening hours' }).click();
    await page.locator('guest-chat .bubble', { hasText: 'You chose: Opening hours (HOURS)' }).waitFor();
    // Every picture loads from the emulator, which the policy allows as 'self'.
    await page.waitForFunction(() =>
      [...document.querySelector('guest-chat').shadowRoot.querySelectorAll('[part~="card"] img')].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(refused, []);
  } finally {
    await page.close();
    await rich.close();
  }
});
