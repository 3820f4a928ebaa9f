// A page whose CSP lists Trusted Types policies but not `lit-html` cannot show the element. The script says so once
// on the console, naming the directive to add, and removes its stand-in launcher rather than leave a button that
// does nothing. In headless Chromium. Needs `npm run build`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STRICT_CSP } from '../demo/static.js';
import { demoInChromium } from './helpers/demo-in-chromium.mjs';

const POLICY = `${STRICT_CSP}; trusted-types site-policy`;

const demo = demoInChromium(POLICY);

test('a CSP without the lit-html policy is reported once, and no dead launcher stays', async () => {
  const page = await demo.browser.newPage();
  const warnings = [];
  page.on('console', (message) => {
    if (message.text().startsWith('<guest-chat>')) warnings.push(message.text());
  });
  const response = await page.goto(`${demo.emulator.url}/`);
  assert.equal(response?.headers()['content-security-policy'], POLICY);
  await page.locator('guest-chat [part~="launcher"]').waitFor({ state: 'detached' });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /trusted-types lit-html/);
  // Nothing the visitor can do brings a second attempt or a second warning.
  await page.mouse.click(1, 1);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.equal(await page.locator('guest-chat [part~="launcher"]').count(), 0);
  assert.equal(warnings.length, 1);
  assert.equal(await page.evaluate(() => customElements.get('guest-chat')), undefined);
  await page.close();
});
