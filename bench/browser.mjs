// Headless Chromium for the benchmarks: the system's Chromium through playwright-core, pages that reach only
// 127.0.0.1, the in-page probe, and heap readings over the DevTools protocol.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/chromium.mjs';

const probe = readFileSync(new URL('probe.js', import.meta.url), 'utf8');

/** Launches the system Chromium, or exits with one line saying how to get one. */
export async function launch() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error('No Chromium found: run `node scripts/chromium.mjs` or set CHROME_PATH.');
    process.exit(1);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-extensions'],
  });
}

/**
 * A fresh page in its own context with the probe installed. `painted` is a predicate (source text, run in the page)
 * for "the widget is on screen"; the probe starts checking it at the first frame and keeps the time as
 * `__bench.loaded`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} painted
 */
export async function newPage(browser, painted) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  // Only the local server: the reference widget would otherwise try the internet, which is not there.
  await context.route(/^(?!https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/, (route) => route.abort());
  await context.addInitScript({ content: `${probe}\n__bench.loaded = __bench.paintedWhen(${painted});` });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** The page's used JS heap in bytes, after a full garbage collection. */
export async function usedHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
