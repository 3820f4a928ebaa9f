// What the benchmark's emulator serves besides its APIs: the bench pages, the reference widget's bundle, and the
// build (through the demo's static handler).
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../demo/static.js';
import { serveOnThisThread, startServerThread } from './thread.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bench URLs and the file each serves. */
const files = {
  '/bench/guest-chat.html': 'bench/pages/guest-chat.html',
  '/bench/deep-chat.html': 'bench/pages/deep-chat.html',
  '/bench/blank.html': 'bench/pages/blank.html',
  '/bench/empty-script.html': 'bench/pages/empty-script.html',
  '/bench/empty.js': 'bench/pages/empty.js',
  '/vendor/deepChat.bundle.js': 'node_modules/deep-chat/dist/deepChat.bundle.js',
  '/dist/guest-chat.min.js': 'dist/guest-chat.min.js',
};

/**
 * The scripts whose loading is measured. Each is served with a mark of the moment it starts to run, before its own
 * first statement: "script start", the same for every widget. The page marks `script-tag` where its parser reaches
 * the tag, before the script is even requested.
 */
const MEASURED = new Set(['/dist/guest-chat.min.js', '/vendor/deepChat.bundle.js', '/bench/empty.js']);
const START_MARK = "performance.mark('script-start');\n";

/** The reference widget's self-contained bundle on disk. */
export const DEEP_CHAT_BUNDLE = `${root}${files['/vendor/deepChat.bundle.js']}`;

/**
 * An emulator `extraHandler`: answers the bench files, then whatever the demo's static handler serves (`/dist/`).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function serveBench(req, res) {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = files[pathname];
  if (!file) return serveStatic(req, res);
  const path = root + file;
  const headers = {
    'Content-Type': path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
  };
  if (MEASURED.has(pathname)) {
    const body = Buffer.concat([Buffer.from(START_MARK), readFileSync(path)]);
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(body);
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': statSync(path).size });
    createReadStream(path).pipe(res);
  }
  return true;
}

const PAGE_THREAD = 'bench-pages';

await serveOnThisThread(PAGE_THREAD, async () => {
  const server = createServer((req, res) => {
    if (serveBench(req, res)) return;
    res.writeHead(404);
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
});

/**
 * Serves the bench files from a thread of its own, for the load figures: on the benchmark's main thread, which also
 * runs the emulator and drives the browser, a script's response waits whenever that thread is busy (92 ms for a
 * 4.6 kB file in one traced load), and the wait counts as the widget's.
 */
export const startPageServer = () => startServerThread(new URL(import.meta.url), PAGE_THREAD);
