// Prints the CDN script's size (minified, gzip, brotli) and its Subresource Integrity value for sites that pin it,
// then what a page fetches in all for a chat in progress with each transport, each against its budget (README).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { BUDGETS, chatInProgress, gzipSize } from './chat-size.mjs';

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const against = (bytes, budget) => `${bytes <= budget ? 'within' : 'over'} the ${kB(budget)} budget`;
const file = 'dist/guest-chat.min.js';
const code = readFileSync(file);
const gzip = gzipSize(file);
console.log(
  `${file}: ${kB(code.length)} minified, ${kB(gzip)} gzip (${against(gzip, BUDGETS.script)}), ${kB(brotliCompressSync(code).length)} brotli`,
);
console.log(`integrity="sha384-${createHash('sha384').update(code).digest('base64')}"`);

for (const transport of ['guest-chat', 'web-messaging']) {
  const { files, gzip: total } = chatInProgress(transport);
  console.log(
    `a ${transport} chat in progress: ${kB(total)} gzip in ${files.length} files (${against(total, BUDGETS[transport])})`,
  );
}

// The self-contained file, for sites that pin one value on one file that fetches nothing else.
const standalone = 'dist/guest-chat.standalone.min.js';
const whole = readFileSync(standalone);
console.log(`${standalone}: ${kB(gzipSize(standalone))} gzip, everything in one file`);
console.log(`integrity="sha384-${createHash('sha384').update(whole).digest('base64')}"`);
