// `node bench/append.mjs` (after `npm run build`): appending one message alone, ours against deep-chat at 100, 1,000
// and 5,000 messages, without the rest of `npm run bench`. The two widgets take turns at each length, so a slow
// stretch of a shared machine weighs on both. `APPEND_REPEAT` sets the appends per widget and length (default 15),
// `APPEND_SIZES` the lengths (`100,5000`), and `APPEND_PROFILE=<folder>` writes a CPU profile of each widget's appends
// at each length there.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { launch } from './browser.mjs';
import { startFeed } from './feed.mjs';
import * as deepChat from './deep-chat.mjs';
import * as guestChat from './guest-chat.mjs';
import { serveBench } from './serve.mjs';
import { summarize } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPEAT = Number(process.env.APPEND_REPEAT ?? 15);
const SIZES = (process.env.APPEND_SIZES ?? '100,1000,5000').split(',').map(Number);
const PROFILE = process.env.APPEND_PROFILE;

if (!existsSync(`${root}dist/guest-chat.min.js`)) {
  console.error('dist/guest-chat.min.js is missing: run `npm run build` first.');
  process.exit(1);
}

const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler: serveBench });
const browser = await launch();
const feed = await startFeed();
try {
  const query = await guestChat.signInAgent(emulator.url);
  const ms = (runs, key) => {
    const { median, min, max } = summarize(runs.map((run) => run[key]));
    return `${median.toFixed(1)} ms (${min.toFixed(1)}–${max.toFixed(1)})`;
  };
  console.log(`${REPEAT} appends per widget and length: median (min–max).\n`);
  console.log('| Messages | Figure | guest-chat | deep-chat |');
  console.log('| --- | --- | --- | --- |');
  for (const count of SIZES) {
    const bench = { browser, repeat: REPEAT, sizes: [count], profile: PROFILE };
    const ours = (
      await guestChat.appends({ ...bench, emulator, page: `${emulator.url}/bench/guest-chat.html?${query}` })
    )[count];
    const theirs = (await deepChat.appends({ ...bench, url: `${emulator.url}/bench/deep-chat.html`, feed }))[count];
    const n = count.toLocaleString('en');
    for (const [key, label] of [
      ['work', 'work'],
      ['paint', 'to next paint'],
      ['mainThread', 'main thread busy'],
    ]) {
      console.log(`| ${n} | ${label} | ${ms(ours, key)} | ${ms(theirs, key)} |`);
    }
  }
} finally {
  await browser.close();
  await emulator.close();
  await feed.close();
}
