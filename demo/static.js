// Serves the demo pages and the built bundle from disk. Nothing is built at request time.
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
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

/** URL prefixes served from disk, and the folder each maps to. */
const mounts = [
  ['/dist/', 'dist'],
  ['/demo/', 'demo'],
];

function fileFor(pathname) {
  if (pathname === '/' || pathname === '/index.html') return join(root, 'demo', 'index.html');
  if (pathname === '/agent' || pathname === '/agent/') return join(root, 'demo', 'agent', 'index.html');
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const base = join(root, folder);
    const file = normalize(join(base, pathname.slice(prefix.length)));
    return file.startsWith(base + sep) ? file : null;
  }
  return null;
}

/**
 * Answers a GET for a demo file and returns true, or returns false to let the caller answer.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} [headers] extra response headers (such as a Content-Security-Policy)
 */
export function serveStatic(req, res, headers = {}) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  let file = fileFor(pathname);
  if (!file) return false;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    const stat = statSync(file);
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      // Public files, readable from any origin as a CDN serves them: a page elsewhere can load the bundle with
      // `integrity` and `crossorigin`, or the agent console as a module script.
      'Access-Control-Allow-Origin': '*',
      ...headers,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }
  return true;
}
