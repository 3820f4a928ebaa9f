import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { engineNames, engines, findBrowser } from './scripts/browsers.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { chromiumLauncher, firefoxLauncher, webkitLauncher } from './scripts/launchers.mjs';

/** The engine this run uses: GUEST_CHAT_ENGINE=chromium (the default), firefox or webkit. */
const engine = process.env.GUEST_CHAT_ENGINE || 'chromium';
if (!engineNames.includes(engine)) throw new Error(`GUEST_CHAT_ENGINE=${engine}: choose ${engineNames.join(', ')}.`);
const paths = findBrowser(engine);
if (!paths) throw new Error(`No ${engines[engine].label} found: run \`node scripts/browsers.mjs ${engine}\`.`);
const launchers = { chromium: chromiumLauncher, firefox: firefoxLauncher, webkit: webkitLauncher };

/**
 * Each test file can start its own emulator through `executeServerCommand('emulator-start', options)`, so files
 * running side by side never share conversations or faults. Every emulator is closed when the run ends.
 */
function emulatorPlugin() {
  const running = new Map();
  return {
    name: 'guest-chat-emulator',
    async executeCommand({ command, payload }) {
      if (command === 'emulator-start') {
        const { startEmulator } = await import('./emulator/server.js');
        // `demo: true` also serves the demo pages on the emulator's port, as `npm start` does.
        const { demo, ...options } = payload ?? {};
        const extraHandler = demo ? (await import('./demo/static.js')).serveStatic : undefined;
        const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, extraHandler, ...options });
        running.set(emulator.url, emulator);
        return { url: emulator.url };
      }
      if (command === 'emulator-stop') {
        const emulator = running.get(payload?.url);
        running.delete(payload?.url);
        if (emulator) await emulator.close();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...running.values()].map((emulator) => emulator.close()));
      running.clear();
    },
  };
}

/**
 * Serves the CDN build's files byte for byte, past the dev server's import rewriting: the CDN script refuses any file
 * beside it that does not match the integrity value the build wrote in. (The npm build's bare imports still need it.)
 */
async function distAsBuilt(ctx, next) {
  const cdnFile = /^\/dist\/(guest-chat\.min\.js|guest-chat-core\.js|(transport|i18n|chunks)\/[\w-]+\.js)$/;
  if (!cdnFile.test(ctx.path)) return next();
  try {
    ctx.body = await readFile(`.${ctx.path}`);
  } catch {
    return next();
  }
  ctx.type = ctx.path.endsWith('.js') ? 'text/javascript' : extname(ctx.path);
}

export default {
  middleware: [distAsBuilt],
  files: ['test/**/*.test.ts'],
  rootDir: '.',
  nodeResolve: { exportConditions: ['browser'] },
  // One test file at a time: Chromium does not run animation frames in a tab that is not in front, and
  // open-wc's fixture() and many UI paths wait for one, so files side by side would stall each other.
  concurrency: 1,
  reporters: [
    defaultReporter(),
    ...(process.env.GUEST_CHAT_COUNTS ? [countReporter(process.env.GUEST_CHAT_COUNTS)] : []),
  ],
  testsFinishTimeout: 600_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), emulatorPlugin()],
  browsers: [launchers[engine](paths)],
};
