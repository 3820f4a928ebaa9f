// What the benchmark's emulator serves besides its APIs: the bench pages, the reference widget's bundle, and the
// build (through the demo's static handler).
import { createReadStream, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../demo/static.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bench URLs and the file each serves. */
const files = {
  '/bench/guest-chat.html': 'bench/pages/guest-chat.html',
  '/bench/deep-chat.html': 'bench/pages/deep-chat.html',
  '/bench/blank.html': 'bench/pages/blank.html',
  '/bench/empty-script.html': 'bench/pages/empty-script.html',
  '/bench/empty.js': 'bench/pages/empty.js',
  '/vendor/deepChat.bundle.js': 'node_modules/deep-chat/dist/deepChat.bundle.js',
};

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
  res.writeHead(200, {
    'Content-Type': path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': statSync(path).size,
    'Cache-Control': 'no-cache',
  });
  createReadStream(path).pipe(res);
  return true;
}
