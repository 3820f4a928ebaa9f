// The same measurements of the reference widget, deep-chat, on its own page from the same local server. deep-chat
// has no Genesys transport: its history is given through its `history` property, and live messages arrive as frames
// of a WebSocket (see feed.mjs) that the page hands to its `addMessage` API.
import { busyTime, measureLoad, newPage, profiled, usedHeap } from './browser.mjs';
import { afterFrames, keyLatencies } from './guest-chat.mjs';
import { deepChatHistory, messageText } from './transcript.mjs';

/** @typedef {Awaited<ReturnType<typeof import('./feed.mjs').startFeed>>} Feed */

const WIDGET = 'deep-chat';

/** The chat view with its text input is rendered. */
const READY = `() => !!document.querySelector('deep-chat')?.shadowRoot?.querySelector('#text-input')`;

/** Script start to the chat view painted, and blocking while loading. */
export const load = ({ browser, url, repeat }) => measureLoad(browser, url, READY, repeat);

/** Replaces the page's deep-chat with a new one given `history`; resolves with the time to its last message painted. */
async function renderHistory(page, history) {
  return page.evaluate(
    async ({ history, tag }) => {
      await __bench.loaded;
      const old = document.querySelector('deep-chat');
      const chat = document.createElement('deep-chat');
      chat.setAttribute('style', old.getAttribute('style'));
      const start = performance.now();
      chat.history = history;
      old.replaceWith(chat);
      const painted = await __bench.paintedWhen(() => __bench.lastText().includes(tag), 120_000);
      return { render: painted - start, ...__bench.blocking(start, painted), nodes: __bench.countNodes(chat) };
    },
    { history, tag: `(m${history.length - 1})` },
  );
}

/**
 * One live message through the feed, on a page showing the chat: its update work and time to paint from the frame's
 * arrival, timed as ours is (see `afterFrames`), and the main thread's busy time meanwhile.
 * @param {{page: import('playwright-core').Page, cdp: import('playwright-core').CDPSession, feed: Feed}} chat
 * @param {string} tag  makes the message findable on screen
 */
export async function appendOne({ page, cdp, feed }, tag) {
  await page.evaluate((tag) => {
    __bench.frames = [];
    __bench.recordFrames = true;
    const messages = document.querySelector('deep-chat').shadowRoot.querySelector('#messages');
    window.__updated = __bench.updatedWhen(messages, () => __bench.lastText().includes(tag));
    window.__painted = __bench.paintedWhen(() => __bench.lastText().includes(tag));
  }, tag);
  const busy = await busyTime(cdp);
  feed.send({ role: 'ai', text: `One more thing ${tag}` });
  const timed = await page.evaluate(afterFrames);
  return { ...timed, mainThread: (await busyTime(cdp)) - busy };
}

/** A page of the reference widget showing `history`, connected to the feed. */
async function chatWithHistory(browser, url, feed, history) {
  const chat = await newPage(browser, READY);
  await chat.page.goto(`${url}?${new URLSearchParams({ feed: feed.url })}`);
  await chat.page.waitForFunction(() => window.__feedOpen === true);
  const restore = await renderHistory(chat.page, history);
  return { ...chat, feed, restore };
}

/**
 * Appending alone, for `node bench/append.mjs`: for each transcript length, the history rendered once, then `repeat`
 * messages appended one at a time.
 * @param {{browser: import('playwright-core').Browser, url: string, feed: Feed, repeat: number, sizes: number[], profile?: string}} bench
 */
export async function appends({ browser, url, feed, repeat, sizes, profile }) {
  const results = {};
  for (const count of sizes) {
    const chat = await chatWithHistory(browser, url, feed, deepChatHistory(count));
    await chat.cdp.send('Performance.enable');
    results[count] = await profiled(chat.cdp, profile && `${profile}/${WIDGET}-${count}.cpuprofile`, async () => {
      const runs = [];
      for (let run = 0; run < repeat; run++) runs.push(await appendOne(chat, `(a${run})`));
      return runs;
    });
    await chat.context.close();
  }
  return results;
}

/**
 * For each transcript length: the history rendered (a fresh page each time); then on the last page one message
 * appended, key presses in the text input, and at `burstAt` messages a burst of `burst` messages.
 */
export async function transcripts({ browser, url, feed, repeat, sizes, burst, burstAt }) {
  const results = {};
  for (const count of sizes) {
    const history = deepChatHistory(count);
    const restores = [];
    let last = null;
    for (let run = 0; run < repeat; run++) {
      await last?.context.close();
      last = await chatWithHistory(browser, url, feed, history);
      restores.push(last.restore);
    }
    const { context, page, cdp } = last;
    const heap = await usedHeap(cdp);

    await cdp.send('Performance.enable');
    const appends = [];
    for (let run = 0; run < repeat; run++) appends.push(await appendOne(last, `(a${run})`));

    const input = await keyLatencies(page, () =>
      /** @type {HTMLElement} */ (document.querySelector('deep-chat').shadowRoot.querySelector('#text-input')).focus(),
    );
    const nodes = await page.evaluate(() => __bench.countNodes(document.querySelector('deep-chat')));

    const bursts = [];
    if (count === burstAt) {
      for (let run = 0; run < repeat; run++) {
        const texts = Array.from({ length: burst }, (_, index) => messageText(index, `b${run}-${index}`));
        bursts.push(
          await page.evaluate(async (texts) => {
            const chat = document.querySelector('deep-chat');
            const tag = texts[texts.length - 1].slice(texts[texts.length - 1].lastIndexOf('('));
            const painted = __bench.paintedWhen(() => __bench.lastText().includes(tag));
            const start = performance.now();
            for (const text of texts) setTimeout(() => chat.addMessage({ role: 'ai', text }), 0);
            const shown = await painted;
            return { total: shown - start, frames: texts.length, ...__bench.blocking(start - 1, shown) };
          }, texts),
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
