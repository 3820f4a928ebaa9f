// Serves the demo pages and the built bundle from disk. Nothing is built at request time.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** @type {Record<string, string>} */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
/**
 * The strictest policy the widget runs under, as `CSP=1 npm start` serves it: no inline script or style, no eval,
 * Trusted Types enforced. A site embedding the widget needs at least these sources.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; require-trusted-types-for 'script'";

/** URL prefixes served from disk, and the folder each maps to. @type {[string, string][]} */
const mounts = [
  ['/dist/', 'dist'],
  ['/demo/', 'demo'],
];

/**
 * The file a path names and the folder it must stay in, or null.
 * @param {string} pathname  decoded
 * @returns {{file: string, base: string} | null}
 */
function fileFor(pathname) {
  const demo = join(root, 'demo');
  if (pathname === '/' || pathname === '/index.html') return { file: join(demo, 'index.html'), base: demo };
  if (pathname === '/agent' || pathname === '/agent/') return { file: join(demo, 'agent', 'index.html'), base: demo };
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const base = join(root, folder);
    const file = normalize(join(base, pathname.slice(prefix.length)));
    return file.startsWith(base + sep) ? { file, base } : null;
  }
  return null;
}

/**
 * The real path of a file (after every symlink) when it is inside the real `base`, else null (also when missing):
 * a symlink that leads out of its folder is refused as a path with `..` is.
 * @param {string} file
 * @param {string} base
 */
function realInside(file, base) {
  try {
    const real = realpathSync(file);
    return real.startsWith(realpathSync(base) + sep) ? real : null;
  } catch {
    return null;
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 */
function plain(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * Answers a GET for a demo file and returns true, or returns false to let the caller answer. A malformed path
 * (`/%`, `/dist/%E0`) is 400.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} [headers] extra response headers (such as a Content-Security-Policy)
 */
export function serveStatic(req, res, headers = {}) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    plain(res, 400, 'Bad request');
    return true;
  }
  const named = fileFor(pathname);
  if (!named) return false;
  let file = realInside(named.file, named.base);
  if (file && statSync(file).isDirectory()) file = realInside(join(file, 'index.html'), named.base);
  if (!file || !statSync(file).isFile()) {
    plain(res, 404, 'Not found');
    return true;
  }
  res.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
    // Public files, readable from any origin as a CDN serves them: a page elsewhere can load the bundle with
    // `integrity` and `crossorigin`, or the agent console as a module script.
    'Access-Control-Allow-Origin': '*',
    ...headers,
  });
  if (req.method === 'HEAD') res.end();
  // A file that vanishes mid-read ends this answer, not the server.
  else pipeline(createReadStream(file), res, () => {});
  return true;
}
