// Prints the CDN script's size (minified, gzip, brotli) and its Subresource Integrity value for sites that pin it,
// then what a page fetches in all for a chat in progress with each transport, against the 25 kB budget.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const gzip = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

const file = 'dist/guest-chat.min.js';
const code = readFileSync(file);
console.log(`${file}: ${kB(code.length)} minified, ${kB(gzip(file))} gzip, ${kB(brotliCompressSync(code).length)} brotli`);
console.log(`integrity="sha384-${createHash('sha384').update(code).digest('base64')}"`);

/** A module of the lazy ES build and every module it imports statically, as paths under dist/. */
function withImports(path, found = new Set()) {
  if (found.has(path)) return found;
  found.add(path);
  for (const [, specifier] of readFileSync(path, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+)"/g)) {
    withImports(join(dirname(path), specifier), found);
  }
  return found;
}

const budget = 25_000;
for (const transport of ['guest-chat', 'web-messaging']) {
  const files = withImports(`dist/transport/${transport}.js`, withImports('dist/guest-chat-core.js', new Set([file])));
  const total = [...files].reduce((sum, path) => sum + gzip(path), 0);
  const verdict = total <= budget ? 'within' : 'over';
  console.log(`a ${transport} chat in progress: ${kB(total)} gzip in ${files.size} files (${verdict} the ${kB(budget)} budget)`);
}
