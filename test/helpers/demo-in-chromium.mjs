// The demo pages and the emulator on one loopback port, served under a given Content-Security-Policy, and a headless
// Chromium to open them: what the node checks of the CDN build share. Both start before the file's tests and close
// after them.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../demo/static.js';
import { startEmulator } from '../../emulator/server.js';
import { findChromium } from '../../scripts/browsers.mjs';

/**
 * Registers the file's `before` and `after` hooks; the returned object holds the server and the browser once started.
 * @param {string} policy the Content-Security-Policy of every page served
 */
export function demoInChromium(policy) {
  const demo = {
    /** @type {Awaited<ReturnType<typeof startEmulator>>} */
    emulator: /** @type {any} */ (undefined),
    /** @type {import('playwright-core').Browser} */
    browser: /** @type {any} */ (undefined),
  };
  before(async () => {
    demo.emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      quiet: true,
      extraHandler: (req, res) => serveStatic(req, res, { 'Content-Security-Policy': policy }),
    });
    demo.browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  after(async () => {
    await demo.browser?.close();
    await demo.emulator?.close();
  });
  return demo;
}
