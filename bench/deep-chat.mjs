// The same measurements of the reference widget, deep-chat, on its own page from the same local server. deep-chat
// has no Genesys transport: its history is given through its `history` property and live messages through its
// `addMessage` API, each message in its own task as frames from a socket would arrive.
import { measureLoad, newPage, usedHeap } from './browser.mjs';
import { keyLatencies } from './guest-chat.mjs';
import { deepChatHistory, messageText } from './transcript.mjs';

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
 * For each transcript length: the history rendered (a fresh page each time); then on the last page one message
 * appended, key presses in the text input, and at `burstAt` messages a burst of `burst` messages.
 */
export async function transcripts({ browser, url, repeat, sizes, burst, burstAt }) {
  const results = {};
  for (const count of sizes) {
    const history = deepChatHistory(count);
    const restores = [];
    let last = null;
    for (let run = 0; run < repeat; run++) {
      await last?.context.close();
      last = await newPage(browser, READY);
      await last.page.goto(url);
      restores.push(await renderHistory(last.page, history));
    }
    const { context, page, cdp } = last;
    const heap = await usedHeap(cdp);

    const appends = [];
    for (let run = 0; run < repeat; run++) {
      appends.push(
        await page.evaluate(async (tag) => {
          const chat = document.querySelector('deep-chat');
          const messages = chat.shadowRoot.querySelector('#messages');
          const updated = __bench.updatedWhen(messages, () => __bench.lastText().includes(tag));
          const painted = __bench.paintedWhen(() => __bench.lastText().includes(tag));
          const start = performance.now();
          chat.addMessage({ role: 'ai', text: `One more thing ${tag}` });
          const [done, shown] = [await updated, await painted];
          return { work: done - start, paint: shown - start, ...__bench.blocking(start - 1, shown) };
        }, `(a${run})`),
      );
    }

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
