// The self-contained file: one script, pinned with one integrity value, runs a whole chat in any language without
// fetching any other code, under the strict CSP with Trusted Types. In headless Chromium. Needs `npm run build`.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { STRICT_CSP, serveStatic } from '../demo/static.js';
import { startEmulator } from '../emulator/server.js';
import { findChromium } from '../scripts/browsers.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler: serveStatic });
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // The page below is made up by the test, not served: Chromium would count it as public and refuse its sockets to
    // the emulator on loopback.
    args: ['--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks'],
  });
});

after(async () => {
  await browser?.close();
  await emulator?.close();
});

test('the standalone file runs a chat in French with one integrity value and fetches no other code', async () => {
  const config = await (await fetch(`${emulator.url}/emulator/config`)).json();
  const integrity = `sha384-${createHash('sha384').update(readFileSync('dist/guest-chat.standalone.min.js')).digest('base64')}`;
  const page = await browser.newPage();
  const scripts = [];
  page.on('request', (request) => {
    if (['script', 'fetch', 'other'].includes(request.resourceType()) && /\.js(\?|$)/.test(request.url()))
      scripts.push(new URL(request.url()).pathname);
  });
  await page.route('**/standalone.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': STRICT_CSP },
      body: `<!doctype html><html lang="fr"><body>
        <guest-chat environment="${emulator.url}" organization-id="${config.organizationId}"
          deployment-id="${config.deploymentId}" queue="${config.queues[0]}"></guest-chat>
        <script src="/dist/guest-chat.standalone.min.js" integrity="${integrity}" crossorigin="anonymous"></script>
      </body></html>`,
    }),
  );
  await page.goto(`${emulator.url}/standalone.html`);
  await page.locator('guest-chat [part~="launcher"]').click();
  await page.locator('guest-chat #field-name').fill('Dana');
  const submit = page.locator('guest-chat [part~="prechat"] button[type="submit"]');
  assert.equal(await submit.textContent(), 'Démarrer la discussion');
  await submit.click();
  await page.locator('guest-chat [part~="composer"] textarea').waitFor();
  assert.deepEqual(scripts, ['/dist/guest-chat.standalone.min.js']);
  await page.close();
});
