// What a page fetches for a chat in progress from the CDN build: the script, the element's module and the
// transport's, with everything they import statically (English needs no language file).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The size budgets, gzip bytes: the script tag's file, and a whole chat in progress (script, element, one protocol,
 * English) for each protocol.
 */
export const BUDGETS = { script: 2_500, 'guest-chat': 30_000, 'web-messaging': 32_000 };

/** Gzipped (level 9) bytes of a file. */
export const gzipSize = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** A module of the lazy ES build and every module it imports statically, as paths under the project. */
function withImports(path, found) {
  if (found.has(path)) return found;
  found.add(path);
  for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+)"/g)) {
    withImports(join(dirname(path), specifier), found);
  }
  return found;
}

/**
 * The files of a chat in progress over `transport` and their gzipped total.
 * @param {'guest-chat' | 'web-messaging'} transport
 * @param {string} [dist]
 */
export function chatInProgress(transport, dist = 'dist') {
  const found = new Set([join(dist, 'guest-chat.min.js')]);
  withImports(join(dist, 'guest-chat-core.js'), found);
  withImports(join(dist, 'transport', `${transport}.js`), found);
  const files = [...found];
  return { files, gzip: files.reduce((sum, path) => sum + gzipSize(path), 0) };
}
