// `npm run bench` (after the build): measures the CDN widget and the reference widget (deep-chat) in the same run
// in headless Chromium, against an in-process emulator on 127.0.0.1. Writes bench/results.json, prints a table and
// the budgets as pass/fail. `BENCH_QUICK=1` runs fewer sizes and repetitions, to try the benchmark itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { startEmulator } from '../emulator/server.js';
import { chatInProgress, gzipSize } from '../scripts/chat-size.mjs';
import { launch, measureLoad } from './browser.mjs';
import { startFeed } from './feed.mjs';
import * as deepChat from './deep-chat.mjs';
import * as guestChat from './guest-chat.mjs';
import { printReport } from './report.mjs';
import { DEEP_CHAT_BUNDLE, serveBench, startPageServer } from './serve.mjs';
import { summarize } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const REPEAT = quick ? 2 : 5;
/** Page loads are cheap and their figures spread widely on a loaded machine: more runs steady the median. */
const LOAD_REPEAT = quick ? 2 : 11;
const SIZES = quick ? [100, 1000] : [100, 1000, 5000, 10000];
/** deep-chat keeps every message in the DOM; the append budget compares up to 5,000 messages, so it stops there. */
const REFERENCE_MAX = 5000;
const BURST = 200;
const BURST_AT = 1000;
const DROPS = quick ? 3 : 20;

if (!existsSync(`${root}dist/guest-chat.min.js`)) {
  console.error('dist/guest-chat.min.js is missing: run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}

/** Minified, gzip and brotli bytes of a file. */
function sizeOf(path) {
  const code = readFileSync(path);
  return { minified: code.length, gzip: gzipSize(path), brotli: brotliCompressSync(code).length };
}

const stage = (label) => console.log(`- ${label}`);
const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler: serveBench });
const pages = await startPageServer();
const browser = await launch();
const feed = await startFeed();
const started = Date.now();
try {
  const query = await guestChat.signInAgent(emulator.url);
  const guest = { browser, emulator, page: `${emulator.url}/bench/guest-chat.html?${query}`, repeat: REPEAT };
  const reference = { browser, url: `${emulator.url}/bench/deep-chat.html`, feed, repeat: REPEAT };
  const transcriptOptions = { sizes: SIZES, burst: BURST, burstAt: BURST_AT };

  stage(`load: script start to first paint, ${LOAD_REPEAT} runs each, taking turns`);
  // Load pages come from the page server's own thread; the widget's configuration still names the emulator.
  const loadQuery = `${query}&${new URLSearchParams({ environment: emulator.url })}`;
  const loaders = {
    guestChat: () => guestChat.load({ ...guest, page: `${pages.url}/bench/guest-chat.html?${loadQuery}`, repeat: 1 }),
    deepChat: () => deepChat.load({ ...reference, url: `${pages.url}/bench/deep-chat.html`, repeat: 1 }),
    // The floor on this machine: the same host page with an empty script in the widget's place.
    emptyScript: () =>
      measureLoad(browser, `${pages.url}/bench/empty-script.html`, '() => window.__emptyScriptRan === true', 1),
  };
  // One page of each in turn, so a slow stretch of the machine weighs on all three alike.
  const load = mapWidgets(loaders, () => []);
  for (let run = 0; run < LOAD_REPEAT; run++) {
    for (const [name, measure] of Object.entries(loaders)) load[name].push(...(await measure()));
  }
  stage(`transcripts of ${SIZES.join(', ')} messages, a ${BURST}-message burst at ${BURST_AT}`);
  const transcripts = {
    guestChat: await guestChat.transcripts({ ...guest, ...transcriptOptions }),
    deepChat: await deepChat.transcripts({
      ...reference,
      ...transcriptOptions,
      sizes: SIZES.filter((count) => count <= REFERENCE_MAX),
    }),
  };
  stage(`reconnects: ${DROPS} dropped sockets`);
  const reconnect = await guestChat.reconnects({ ...guest, drops: DROPS });

  const size = {
    guestChat: {
      ...sizeOf(`${root}dist/guest-chat.min.js`),
      // Measured: what the reconnect run's page fetched. The budget is checked on what each transport needs.
      scripts: reconnect.scripts,
      inProgress: {
        guestChat: chatInProgress('guest-chat', `${root}dist`),
        webMessaging: chatInProgress('web-messaging', `${root}dist`),
      },
    },
    deepChat: sizeOf(DEEP_CHAT_BUNDLE),
  };

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, chromium: browser.version() },
    settings: {
      repeat: REPEAT,
      loadRepeat: LOAD_REPEAT,
      sizes: SIZES,
      referenceMax: REFERENCE_MAX,
      burst: BURST,
      burstAt: BURST_AT,
      drops: DROPS,
      quick,
    },
    size,
    load: mapWidgets(load, (runs) => summarizeRuns(runs)),
    transcripts: mapWidgets(transcripts, (bySize) =>
      Object.fromEntries(
        Object.entries(bySize).map(([count, result]) => [
          count,
          {
            restore: summarizeRuns(result.restores),
            heap: result.heap,
            append: summarizeRuns(result.appends),
            input: summarize(result.input),
            nodes: result.nodes,
            burst: result.bursts.length ? summarizeRuns(result.bursts) : null,
            heapAfterBurst: result.heapAfterBursts,
          },
        ]),
      ),
    ),
    reconnect: summarizeRuns(reconnect.runs),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  results.budgets = printReport(results);
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nbench/results.json written (${results.seconds} s).`);
} finally {
  await browser.close();
  await emulator.close();
  await pages.close();
  await feed.close();
}

/** Applies `fn` to each widget's results. */
function mapWidgets(byWidget, fn) {
  return Object.fromEntries(Object.entries(byWidget).map(([widget, value]) => [widget, fn(value)]));
}

/** Turns a list of runs of `{figure: number}` into `{figure: summary}`. */
function summarizeRuns(runs) {
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, summarize(runs.map((run) => run[key]))]));
}
