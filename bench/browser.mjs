// Headless Chromium for the benchmarks: the system's Chromium through playwright-core, pages that reach only
// 127.0.0.1, the in-page probe, and heap readings over the DevTools protocol.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChromium } from '../scripts/browsers.mjs';

const probe = readFileSync(new URL('probe.js', import.meta.url), 'utf8');

/** Launches the system Chromium, or exits with one line saying how to get one. */
export async function launch() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error('No Chromium found: run `node scripts/browsers.mjs chromium` or set CHROME_PATH.');
    process.exit(1);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-extensions',
      // Only the local server: the reference widget would otherwise try the internet, which is not there. Names
      // fail in the browser's resolver, rather than every request waiting for the driver to vet it in this
      // process, which also serves the pages and runs the emulator.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
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
  await context.addInitScript({ content: `${probe}\n__bench.loaded = __bench.paintedWhen(${painted});` });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/**
 * Script start (its first statement runs) to the widget painted, the same from the page reaching the script's tag
 * (which adds fetching the script), and blocking while loading, on a fresh page each run. Loading lasts until
 * the widget is painted and `loaded` (source text of a function run in the page, returning a promise) has settled:
 * a widget that fetches more of itself after its first paint is still loading then.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {string} painted  the widget's "on screen" predicate, as for `newPage`
 * @param {number} repeat
 * @param {string} [loaded]
 */
export async function measureLoad(browser, url, painted, repeat, loaded = '() => undefined') {
  const runs = [];
  for (let run = 0; run < repeat; run++) {
    const { context, page } = await newPage(browser, painted);
    await page.goto(url);
    runs.push(
      await page.evaluate(async (loaded) => {
        const painted = await __bench.loaded;
        await (0, eval)(`(${loaded})`)();
        const done = Math.max(painted, performance.now());
        const start = performance.getEntriesByName('script-start')[0].startTime;
        const tag = performance.getEntriesByName('script-tag')[0].startTime;
        // Blocking counts the tasks still running at script start or later. A script is compiled in the task that
        // runs it, or off the main thread while it streams in, so that task counts whole; one that ended before the
        // script's first statement holds none of its work (traced: the page's own inline script and first frame).
        // Long tasks up to 500 ms after loading still count.
        await new Promise((resolve) => setTimeout(resolve, 500));
        return {
          painted: painted - start,
          fromTag: painted - tag,
          loaded: done - start,
          ...__bench.blocking(start, done + 500),
        };
      }, loaded),
    );
    await context.close();
  }
  return runs;
}

/** The page's used JS heap in bytes, after a full garbage collection. */
export async function usedHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * The page's main-thread task time so far, in ms (DevTools' `TaskDuration`): the difference over an append is all
 * the work it caused, wherever the widget put it (its own task, a microtask, an animation frame), plus the runner's
 * two short evaluations, which are the same for both widgets.
 * @param {import('playwright-core').CDPSession} cdp
 */
export async function busyTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration').value * 1000;
}

/**
 * Runs `work` under the V8 CPU profiler when `path` is given, and writes the profile there (open it in DevTools'
 * Performance panel); otherwise just runs it.
 * @template T
 * @param {import('playwright-core').CDPSession} cdp
 * @param {string | undefined} path
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function profiled(cdp, path, work) {
  if (!path) return work();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(path, JSON.stringify(profile));
  return result;
}
