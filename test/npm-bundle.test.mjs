// The npm build as an integrator ships it: bundled by a bundler (esbuild, code splitting on) into a page of their
// own, served from their own folder. A language other than English must arrive with it. Needs `npm run build`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/browsers.mjs';

const folder = mkdtempSync(join(tmpdir(), 'guest-chat-bundle-'));
/** @type {import('node:http').Server} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;
let origin = '';

before(async () => {
  writeFileSync(join(folder, 'main.js'), "import { defineGuestChat } from 'guest-chat';\ndefineGuestChat();\n");
  await build({
    entryPoints: [join(folder, 'main.js')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(folder, 'out'),
    // The package as a dependency: its `exports` map points the bare name at the npm build.
    alias: { 'guest-chat': resolve('dist/guest-chat.js') },
    nodePaths: [resolve('node_modules')],
    logLevel: 'silent',
  });
  writeFileSync(
    join(folder, 'out', 'index.html'),
    '<!doctype html><html lang="en"><script type="module" src="main.js"></script><guest-chat lang="fr"></guest-chat>',
  );
  server = createServer((req, res) => {
    const path = join(folder, 'out', new URL(req.url ?? '/', 'http://x').pathname);
    try {
      const body = readFileSync(path.endsWith('/') ? join(path, 'index.html') : path);
      const type = extname(path) === '.js' ? 'text/javascript' : 'text/html';
      res.writeHead(200, { 'Content-Type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(folder, { recursive: true, force: true });
});

test('a bundled npm build shows lang="fr" in French, fetching nothing that is not there', async () => {
  const page = await browser.newPage();
  const missing = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto(`${origin}/`);
  const label = await page
    .waitForFunction(
      () => {
        const value = document.querySelector('guest-chat')?.shadowRoot?.querySelector('.launcher')?.ariaLabel;
        return value && value !== 'Chat with us' ? value : null;
      },
      undefined,
      { timeout: 10_000 },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => 'still English');
  assert.equal(label, 'Discuter avec nous');
  assert.deepEqual(missing, []);
  await page.close();
});
