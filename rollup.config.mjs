import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { coreIntegrity, integrityTable } from './scripts/rollup-integrity.mjs';
import lazyChunks, { scriptUrlIntro } from './scripts/rollup-lazy-chunks.mjs';
import minifyTemplates from './scripts/rollup-minify-templates.mjs';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });
// Private members named `_x` are renamed too: Lit's own internals are `_$x` and stay as they are.
const minify = (preamble) =>
  terser({
    ecma: 2020,
    compress: { passes: 3 },
    mangle: { properties: { regex: /^_[^_$]/ } },
    format: { comments: false, preamble },
  });
/**
 * The CDN script's lazy modules: the element, then each transport when a chat first needs it, the attachment UI when a
 * chat first takes or shows attachments (its upload code follows on the first attach), and what only structured
 * messages need (their reader, Markdown, cards and carousels, the time-slot picker) when one arrives, the words of the
 * console warnings when a page has something to fix, the chime when a page turns `sound` on, and the keyboard-aware
 * layout when the panel first opens on a narrow screen. Every file this build writes is checked before it runs
 * (`scripts/rollup-integrity.mjs`): the call that imports one names it for the check.
 */
const lazy = {
  'src/ui/internal/cdn-define.ts': 'guest-chat-core.js',
  'src/transport/guest-chat/index.ts': 'transport/guest-chat.js',
  'src/transport/web-messaging/index.ts': 'transport/web-messaging.js',
  'src/ui/attach/ui.ts': 'chunks/attach.js',
  'src/transport/web-messaging/content.ts': 'transport/web-messaging-content.js',
  'src/ui/rich/rich.ts': 'rich/rich.js',
  'src/session/reply.ts': 'rich/reply.js',
  'src/ui/internal/config-problems.ts': 'chunks/config-problems.js',
  'src/ui/internal/chime.ts': 'chunks/chime.js',
  'src/ui/internal/keyboard-viewport.ts': 'chunks/keyboard-viewport.js',
};

/**
 * The element's file is loaded only by the CDN script, which hands the element the launcher's styles it already holds
 * for its stand-in: the file leaves their text out rather than carry it twice.
 */
const launcherStylesFromScript = () => ({
  name: 'launcher-styles-from-script',
  load: (id) => (/[\\/]src[\\/]ui[\\/]launcher\.styles\.ts$/.test(id) ? 'export const launcherCss = "";' : null),
});

/**
 * The CDN build leaves each language's file out of the element's and loads it from `i18n/` beside it, where the
 * strings build below writes it; the npm build instead lets the consumer's bundler place the files.
 */
const languagesBeside = () => ({
  name: 'languages-beside',
  resolveDynamicImport(specifier, importer) {
    const language = typeof specifier === 'string' && /^\.\/i18n\/([a-z]+)\.js$/.exec(specifier);
    return language && /[\\/]src[\\/]ui[\\/]strings[\\/]index\.ts$/.test(importer ?? '')
      ? { id: `./i18n/${language[1]}.js`, external: true }
      : null;
  },
});

export default [
  // npm build: ESM, dependencies left to the consumer's bundler so lit and signals are shared.
  {
    input: 'src/index.ts',
    external: [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//, /^@preact\/signals-core/],
    plugins: [nodeResolve(), ts()],
    output: {
      dir: 'dist',
      entryFileNames: 'guest-chat.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
    },
  },
  // Strings of every language but English, one small module each, fetched beside the script when first used. Built
  // first: the element's file carries their integrity values.
  {
    input: Object.fromEntries(
      readdirSync('src/ui/strings/i18n').map((file) => [basename(file, '.ts'), `src/ui/strings/i18n/${file}`]),
    ),
    plugins: [ts()],
    output: { dir: 'dist/i18n', format: 'es', entryFileNames: '[name].js', plugins: [terser({ ecma: 2020 })] },
  },
  // What the CDN script fetches, as ES modules beside it: the element, and the transports it loads on first use.
  {
    input: Object.fromEntries(Object.entries(lazy).map(([source, file]) => [file.replace(/\.js$/, ''), source])),
    // The element's file may export what the transports import from it, so it needs no facade.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      launcherStylesFromScript(),
      languagesBeside(),
      nodeResolve({ browser: true }),
      ts(),
      integrityTable({ transports: ['transport/guest-chat.js', 'transport/web-messaging.js'], i18nDir: 'dist/i18n' }),
      minifyTemplates(),
    ],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      // The upload code has a fixed name, as the files above: the transport's file names it, and a hash that changes
      // with every edit would change that file's size with it. So do the attachment UI's language files, which it
      // names to have them checked. What the attachment files share is hashed.
      chunkFileNames: (chunk) =>
        /[\\/]web-messaging[\\/]attachments\.ts$/.test(chunk.facadeModuleId ?? '')
          ? 'chunks/uploads.js'
          : /[\\/]ui[\\/]attach[\\/]i18n[\\/]/.test(chunk.facadeModuleId ?? '')
            ? 'chunks/attach-[name].js'
            : 'chunks/[name]-[hash].js',
      // What the transports share with the element or with each other goes into the element's file, which is always
      // there first: a chat then fetches two files, and each compresses better whole than in pieces. A transport's
      // descriptor is there too: the element picks the protocol by it before any of its code is fetched.
      manualChunks: (id) =>
        /[\\/]src[\\/](transport[\\/](guest-chat|web-messaging)[\\/](?!descriptor\.)|transport[\\/]attachments|ui[\\/]attach[\\/](?!seat)|session[\\/]attachments|ui[\\/]rich[\\/](?!controller\.)|session[\\/]reply\.|ui[\\/]internal[\\/](config-problems|chime|keyboard-viewport)\.)/.test(
          id,
        )
          ? undefined
          : 'guest-chat-core',
      sourcemap: true,
      // A V8 compile hint: these files are fetched to be run, so compile every function while streaming them in,
      // off the main thread, rather than one by one on first call in the task that renders the element.
      plugins: [minify('//# allFunctionsCalledOnLoad')],
    },
  },
  // CDN script: a small IIFE that paints a stand-in launcher and fetches the element from beside itself. Built after
  // the files it fetches, as it carries the element file's integrity value.
  {
    input: 'src/cdn.ts',
    plugins: [
      nodeResolve({ browser: true }),
      ts(),
      coreIntegrity('dist/guest-chat-core.js'),
      minifyTemplates(),
      lazyChunks({ 'src/ui/internal/cdn-define.ts': lazy['src/ui/internal/cdn-define.ts'] }),
    ],
    output: {
      file: 'dist/guest-chat.min.js',
      format: 'iife',
      intro: scriptUrlIntro,
      sourcemap: true,
      plugins: [minify()],
    },
  },
  // One self-contained script (element, both protocols, every language) for sites that pin a single integrity value.
  {
    input: 'src/standalone.ts',
    plugins: [nodeResolve({ browser: true }), ts(), minifyTemplates()],
    output: {
      file: 'dist/guest-chat.standalone.min.js',
      format: 'iife',
      inlineDynamicImports: true,
      sourcemap: true,
      plugins: [minify()],
    },
  },
  // The demo's agent console (Preact), served by `npm start`; not part of the package.
  {
    input: 'demo/agent/app.tsx',
    plugins: [
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2022', tsconfig: 'demo/agent/tsconfig.json', jsx: 'automatic', jsxImportSource: 'preact' }),
    ],
    output: { file: 'dist/demo/agent.js', format: 'es', sourcemap: true },
  },
];
