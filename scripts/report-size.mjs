// Prints the CDN script's size (minified, gzip, brotli) and its Subresource Integrity value for sites that pin it,
// then what a page fetches in all for a chat in progress with each transport, against its budget.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { chatInProgress, gzipSize } from './chat-size.mjs';

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const file = 'dist/guest-chat.min.js';
const code = readFileSync(file);
console.log(
  `${file}: ${kB(code.length)} minified, ${kB(gzipSize(file))} gzip, ${kB(brotliCompressSync(code).length)} brotli`,
);
console.log(`integrity="sha384-${createHash('sha384').update(code).digest('base64')}"`);

/** Gzip budget of a whole chat (loader, element, one protocol, English) per transport. */
const budgets = { 'guest-chat': 30_000, 'web-messaging': 32_000 };
for (const transport of ['guest-chat', 'web-messaging']) {
  const { files, gzip } = chatInProgress(transport);
  const budget = budgets[transport];
  console.log(
    `a ${transport} chat in progress: ${kB(gzip)} gzip in ${files.length} files (${gzip <= budget ? 'within' : 'over'} the ${kB(budget)} budget)`,
  );
}
