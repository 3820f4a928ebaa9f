// The measurements of our widget: its CDN script on a host page, against the emulator's real Guest Chat API and
// event stream.
import { setTimeout as sleep } from 'node:timers/promises';
import { postMessage } from '../emulator/routing.js';
import { busyTime, measureLoad, newPage, profiled, usedHeap } from './browser.mjs';
import { fromAgent, messageText } from './transcript.mjs';

const WIDGET = 'guest-chat';

/** The launcher button is laid out. */
const LAUNCHER = `() => {
  const launcher = document.querySelector('guest-chat')?.shadowRoot?.querySelector('.launcher');
  return !!launcher && launcher.getBoundingClientRect().width > 0;
}`;
/** The last message of an `n`-message history is on screen. */
const showsHistory = (count) => `() => __bench.lastText().includes('(m${count - 1})')`;
/** The socket's minimum uptime before a drop counts as a fresh one (attempts reset), plus a margin. */
const STABLE_MS = 5_500;

/**
 * Posts `count` messages straight into the emulator's log, as its agent API would, in one go. The emulator stamps each
 * message after the one before, so the transcript's order is the order written.
 * @param {any} store
 * @param {any} conversation
 * @param {(index: number) => any} sender
 * @param {(index: number) => string} text
 * @param {number} count
 */
function postAll(store, conversation, sender, text, count) {
  for (let index = 0; index < count; index++) postMessage(store, conversation, sender(index), text(index));
}

/**
 * @typedef {object} Bench
 * @property {import('playwright-core').Browser} browser
 * @property {{url: string, store: any}} emulator
 * @property {string} page  URL of the guest-chat bench page, configured for the emulator
 * @property {number} repeat
 */

/** The element's code has arrived and rendered over the stand-in launcher the CDN script paints first. */
const DEFINED = `() => customElements.whenDefined('guest-chat').then(() => document.querySelector('guest-chat').updateComplete)`;

/**
 * Script start to launcher painted, and blocking while loading (until the element has replaced its stand-in), on a
 * fresh page each time. @param {Bench} bench
 */
export const load = ({ browser, page: url, repeat }) => measureLoad(browser, url, LAUNCHER, repeat, DEFINED);

/** Starts a chat in `page` and waits until the agent (auto-answering) is connected. */
async function startChat(page, emulator, url) {
  const before = new Set(emulator.store.conversations.keys());
  await page.goto(url);
  await page.evaluate(async () => {
    await customElements.whenDefined('guest-chat');
    await document.querySelector('guest-chat').start({ displayName: 'Bench visitor' });
  });
  await page.waitForFunction(() => document.querySelector('guest-chat').state === 'active', null, { timeout: 15_000 });
  const conversation = [...emulator.store.conversations.values()].find((candidate) => !before.has(candidate.id));
  const agent = conversation.members.find((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
  const visitor = conversation.members.find((member) => member.role === 'CUSTOMER');
  return { conversation, agent, visitor };
}

/**
 * A fresh page whose chat has `count` messages: the agent and the visitor write them while the visitor is on another
 * page of the site. Navigating to `page` (with `&open`) then restores them.
 * @param {Bench} bench
 * @param {number} count
 */
async function chatWithHistory({ browser, emulator, page: url }, count) {
  const { context, page, cdp } = await newPage(browser, showsHistory(count));
  const { conversation, agent, visitor } = await startChat(page, emulator, url);
  await page.goto(`${emulator.url}/bench/blank.html`);
  postAll(
    emulator.store,
    conversation,
    (index) => (fromAgent(index) ? agent : visitor),
    (index) => messageText(index, `m${index}`),
    count,
  );
  return { context, page, cdp, emulator, conversation, agent };
}

/**
 * One live agent message through the event stream, on a page showing the chat: its update work and time to paint
 * from the frame's arrival (see `afterFrames`), and the main thread's busy time meanwhile.
 * @param {{page: import('playwright-core').Page, cdp: import('playwright-core').CDPSession, emulator: Bench['emulator'], conversation: any, agent: any}} chat
 * @param {string} tag  makes the message findable on screen
 */
export async function appendOne({ page, cdp, emulator, conversation, agent }, tag) {
  await page.evaluate((tag) => {
    __bench.frames = [];
    __bench.recordFrames = true;
    const list = document.querySelector('guest-chat').shadowRoot.querySelector('.transcript ol');
    window.__updated = __bench.updatedWhen(list, () => __bench.lastText().includes(tag));
    window.__painted = __bench.paintedWhen(() => __bench.lastText().includes(tag));
  }, tag);
  const busy = await busyTime(cdp);
  postMessage(emulator.store, conversation, agent, `One more thing ${tag}`);
  const timed = await page.evaluate(afterFrames);
  return { ...timed, mainThread: (await busyTime(cdp)) - busy };
}

/**
 * For each transcript length: the agent and the visitor write `count` messages while the visitor is on another page
 * of the site; the visitor comes back and the widget restores the chat through the Guest Chat API (history in pages
 * of 100). Then, on that page: one live message appended through the event stream, key presses in the composer,
 * and at `burstAt` messages a burst of `burst` agent messages.
 * @param {Bench & {sizes: number[], burst: number, burstAt: number}} bench
 */
export async function transcripts(bench) {
  const { emulator, page: url, repeat, sizes, burst, burstAt } = bench;
  const results = {};
  for (const count of sizes) {
    const chat = await chatWithHistory(bench, count);
    const { context, page, cdp, conversation, agent } = chat;

    const restores = [];
    for (let run = 0; run < repeat; run++) {
      await page.goto(`${url}&open`);
      restores.push(
        await page.evaluate(async () => {
          const painted = await __bench.loaded;
          const start = performance.getEntriesByName('script-start')[0].startTime;
          const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
          const pages = resources.filter((entry) => entry.name.includes('/messages'));
          const received = Math.max(...pages.map((entry) => entry.responseEnd));
          const panel = document.querySelector('guest-chat').shadowRoot.querySelector('.panel');
          return {
            total: painted - start,
            render: painted - received,
            pages: pages.length,
            ...__bench.blocking(received, painted),
            nodes: __bench.countNodes(panel),
          };
        }),
      );
    }
    const heap = await usedHeap(cdp);

    await cdp.send('Performance.enable');
    const appends = [];
    for (let run = 0; run < repeat; run++) appends.push(await appendOne(chat, `(a${run})`));

    const input = await keyLatencies(page, () =>
      document.querySelector('guest-chat').shadowRoot.querySelector('textarea').focus(),
    );
    const nodes = await page.evaluate(() =>
      __bench.countNodes(document.querySelector('guest-chat').shadowRoot.querySelector('.panel')),
    );

    const bursts = [];
    if (count === burstAt) {
      for (let run = 0; run < repeat; run++) {
        await page.evaluate(
          (tag) => {
            __bench.frames = [];
            __bench.recordFrames = true;
            window.__painted = __bench.paintedWhen(() => __bench.lastText().includes(tag));
          },
          `(b${run}-${burst - 1})`,
        );
        postAll(
          emulator.store,
          conversation,
          () => agent,
          (index) => messageText(index, `b${run}-${index}`),
          burst,
        );
        bursts.push(
          await page.evaluate(async () => {
            const painted = await window.__painted;
            __bench.recordFrames = false;
            const received = __bench.frames[0];
            return {
              total: painted - received,
              frames: __bench.frames.length,
              ...__bench.blocking(received - 1, painted),
            };
          }),
        );
      }
    }
    const heapAfter = bursts.length ? await usedHeap(cdp) : null;
    console.log(`  ${WIDGET}, ${count} messages: done`);
    results[count] = { restores, heap, appends, input, nodes, bursts, heapAfterBursts: heapAfter };
    await context.close();
  }
  return results;
}

/**
 * Appending alone, for `node bench/append.mjs`: for each transcript length, a chat restored once with the panel open,
 * then `repeat` live messages appended one at a time.
 * @param {Bench & {sizes: number[], profile?: string}} bench  `profile`: a folder for CPU profiles of the appends
 */
export async function appends(bench) {
  const results = {};
  for (const count of bench.sizes) {
    const chat = await chatWithHistory(bench, count);
    await chat.page.goto(`${bench.page}&open`);
    await chat.page.evaluate(() => __bench.loaded);
    await chat.cdp.send('Performance.enable');
    results[count] = await profiled(
      chat.cdp,
      bench.profile && `${bench.profile}/${WIDGET}-${count}.cpuprofile`,
      async () => {
        const runs = [];
        for (let run = 0; run < bench.repeat; run++) runs.push(await appendOne(chat, `(a${run})`));
        return runs;
      },
    );
    await chat.context.close();
  }
  return results;
}

/**
 * In the page, after a live message was sent as a frame: its update work and time to paint from the frame's arrival.
 * Both widgets are timed with it.
 */
export async function afterFrames() {
  const painted = await window.__painted;
  const updated = await window.__updated;
  __bench.recordFrames = false;
  const received = __bench.frames.filter((time) => time <= updated).pop() ?? __bench.frames[0];
  return { work: updated - received, paint: painted - received, ...__bench.blocking(received - 1, painted) };
}

/** Ten key presses in the focused composer, each timed from keydown to the next rendered frame. */
export async function keyLatencies(page, focus, presses = 10) {
  await page.evaluate(focus);
  await page.evaluate(() => __bench.watchKeys());
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('a');
    await page.waitForTimeout(60);
  }
  return page.evaluate(() => __bench.keyLatencies);
}

/**
 * The emulator drops the guest's socket `drops` times; each time the agent writes at once, while the link is down.
 * Measures the time from the drop to the widget's first new socket, and to that message on screen (the live stream
 * is back and the gap was backfilled). Also returns the scripts the page loaded during the chat.
 * @param {Bench & {drops: number}} bench
 */
export async function reconnects({ browser, emulator, page: url, drops }) {
  const { context, page } = await newPage(browser, LAUNCHER);
  const { conversation, agent } = await startChat(page, emulator, `${url}&open`);
  const scripts = await page.evaluate(() =>
    /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
      .filter((entry) => entry.initiatorType === 'script' || new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => new URL(entry.name).pathname),
  );
  const runs = [];
  for (let drop = 0; drop < drops; drop++) {
    await sleep(STABLE_MS);
    const tag = `(g${drop})`;
    const before = await page.evaluate((tag) => {
      window.__painted = __bench.paintedWhen(() => __bench.lastText().includes(tag), 30_000);
      return __bench.sockets.length;
    }, tag);
    emulator.store.dropSockets();
    postMessage(emulator.store, conversation, agent, `Are you still there? ${tag}`);
    runs.push(
      await page.evaluate(async (count) => {
        const painted = await window.__painted;
        const dropped = __bench.sockets[count - 1];
        const retry = __bench.sockets[count];
        return { retry: retry.created - dropped.closed, flowing: painted - dropped.closed };
      }, before),
    );
  }
  await context.close();
  return { runs, scripts: [...new Set(['/dist/guest-chat.min.js', ...scripts])] };
}

/**
 * Signs an agent who answers at once into the emulator at `url`, and returns the widget's attributes for its
 * deployment as a page query.
 * @param {string} url
 */
export async function signInAgent(url) {
  const config = await (await fetch(`${url}/emulator/config`)).json();
  await fetch(`${url}/emulator/agents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ displayName: 'Sam', autoAnswer: true, autoAnswerDelayMs: 0 }),
  });
  return new URLSearchParams({
    'organization-id': config.organizationId,
    'deployment-id': config.deploymentId,
    queue: config.queues[0],
  });
}
