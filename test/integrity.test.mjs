// The CDN build refuses a changed file: the script checks the element's file, and the element checks each transport
// and language file, against the integrity values the build wrote in, before any of it runs. Under the demo's strict
// CSP with Trusted Types, in headless Chromium. Needs `npm run build`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRICT_CSP } from '../demo/static.js';
import { demoInChromium } from './helpers/demo-in-chromium.mjs';

const demo = demoInChromium(STRICT_CSP);

/**
 * The demo page with `file` (a path under /dist/) served with one line added that would mark the page if it ran.
 * @param {string | null} file
 */
async function pageWith(file) {
  const page = await demo.browser.newPage();
  const fetched = new Map();
  const warnings = [];
  page.on('console', (message) => warnings.push(message.text()));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    fetched.set(path, (fetched.get(path) ?? 0) + 1);
  });
  if (file) {
    await page.route(`**/dist/${file}`, async (route) => {
      try {
        const response = await route.fetch();
        const body = `${await response.text()}\nwindow.__tampered = ${JSON.stringify(file)};`;
        await route.fulfill({ response, body });
      } catch {
        // A retry still on its way when the test closes the page.
      }
    });
  }
  await page.goto(`${demo.emulator.url}/`);
  return { page, fetched, warnings };
}

const refused = (warnings, file) => warnings.some((text) => text.includes('refused') && text.includes(`/dist/${file}`));

async function startChat(page) {
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').fill('Dana');
  await page.locator('guest-chat [part~="prechat"] button[type="submit"]').click();
}

test('unchanged files load, each fetched once, and a chat starts', async () => {
  const { page, fetched } = await pageWith(null);
  await startChat(page);
  await page.locator('guest-chat [part~="composer"] textarea').waitFor();
  assert.equal(fetched.get('/dist/guest-chat-core.js'), 1);
  assert.equal(fetched.get('/dist/transport/guest-chat.js'), 1);
  await page.close();
});

test('a changed element file is refused: it never runs and the element is not defined', async () => {
  const { page, warnings } = await pageWith('guest-chat-core.js');
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.waitForFunction(() => document.querySelector('link[rel="modulepreload"]') === null);
  await waitFor(() => refused(warnings, 'guest-chat-core.js'));
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  assert.equal(await page.evaluate(() => customElements.get('guest-chat')), undefined);
  await page.close();
});

test('a changed transport file is refused: it never runs and the chat says it is not available', async () => {
  const { page, warnings } = await pageWith('transport/guest-chat.js');
  await startChat(page);
  await page.locator('guest-chat .center .error').waitFor();
  assert.equal(await page.locator('guest-chat .center .error').textContent(), 'Chat is not available right now.');
  assert.ok(refused(warnings, 'transport/guest-chat.js'));
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test('a changed language file is refused: it never runs and the widget stays in English', async () => {
  const { page, warnings } = await pageWith('i18n/fr.js');
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').waitFor();
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'fr'));
  await waitFor(() => refused(warnings, 'i18n/fr.js'));
  assert.equal(await page.locator('guest-chat [part~="prechat"] button[type="submit"]').textContent(), 'Start chat');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

test("a changed table of the language files' values is refused, and with it every language", async () => {
  const { page, warnings } = await pageWith('i18n/integrity.js');
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').waitFor();
  await page.evaluate(() => document.querySelector('guest-chat').setAttribute('lang', 'de'));
  await waitFor(() => refused(warnings, 'i18n/integrity.js'));
  assert.equal(await page.locator('guest-chat [part~="prechat"] button[type="submit"]').textContent(), 'Start chat');
  assert.equal(await page.evaluate(() => window.__tampered), undefined);
  await page.close();
});

/** Waits for a condition checked in this process (console messages arrive asynchronously). */
async function waitFor(condition) {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
