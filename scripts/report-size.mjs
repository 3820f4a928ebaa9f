// Prints the CDN bundle's size (minified, gzip, brotli) and its Subresource Integrity value for sites that pin it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const file = 'dist/guest-chat.min.js';
const code = readFileSync(file);
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code).length;
const budget = 25_000;
console.log(`${file}: ${kB(code.length)} minified, ${kB(gzip)} gzip (budget ${kB(budget)}), ${kB(brotli)} brotli`);
console.log(`integrity="sha384-${createHash('sha384').update(code).digest('base64')}"`);
