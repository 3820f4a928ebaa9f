import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import lazyChunks, { scriptUrlIntro } from './scripts/rollup-lazy-chunks.mjs';
import minifyTemplates from './scripts/rollup-minify-templates.mjs';

const ts = () => esbuild({ target: 'es2021', tsconfig: 'tsconfig.json' });
// Private members named `_x` are renamed too: Lit's own internals are `_$x` and stay as they are.
const minify = () =>
  terser({ ecma: 2020, compress: { passes: 3 }, mangle: { properties: { regex: /^_[^_$]/ } }, format: { comments: false } });
/** Modules the CDN bundle loads lazily, and the file each becomes beside the script. */
const transports = {
  'src/transport/guest-chat/index.ts': 'transport/guest-chat.js',
  'src/transport/web-messaging/index.ts': 'transport/web-messaging.js',
};

export default [
  // npm build: ESM, dependencies left to the consumer's bundler so lit and signals are shared.
  {
    input: 'src/index.ts',
    external: [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^@preact\/signals-core/],
    plugins: [nodeResolve(), ts()],
    output: { dir: 'dist', entryFileNames: 'guest-chat.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true },
  },
  // CDN build: one self-contained IIFE that defines <guest-chat> when loaded.
  {
    input: 'src/cdn.ts',
    plugins: [nodeResolve({ browser: true }), ts(), minifyTemplates(), lazyChunks(transports)],
    output: {
      file: 'dist/guest-chat.min.js',
      format: 'iife',
      intro: scriptUrlIntro,
      name: 'GuestChat',
      sourcemap: true,
      // Each output gets its own terser instance: a shared `module: true` one drops the IIFE's global name.
      plugins: [minify()],
    },
  },
  // The transports of the CDN bundle, each fetched beside the script when a chat first needs it.
  {
    input: Object.fromEntries(Object.entries(transports).map(([source, file]) => [basename(file, '.js'), source])),
    plugins: [nodeResolve({ browser: true }), ts()],
    output: { dir: 'dist/transport', format: 'es', chunkFileNames: '[name]-[hash].js', sourcemap: true, plugins: [minify()] },
  },
  // Strings of every language but English, one small module each, fetched beside the script when first used.
  {
    input: Object.fromEntries(
      readdirSync('src/ui/strings/i18n').map((file) => [basename(file, '.js'), `src/ui/strings/i18n/${file}`]),
    ),
    output: { dir: 'dist/i18n', format: 'es', entryFileNames: '[name].js', plugins: [terser({ ecma: 2020 })] },
  },
  // The demo's agent console (Preact), served by `npm start`; not part of the package.
  {
    input: 'demo/agent/app.tsx',
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2021', tsconfig: 'demo/agent/tsconfig.json', jsx: 'automatic', jsxImportSource: 'preact' }),
    ],
    output: { file: 'dist/demo/agent.js', format: 'es', sourcemap: true },
  },
];
