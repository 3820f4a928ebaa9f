// `npm start`: the emulator and the demo pages on one port. Serves what `npm run build` made and builds nothing
// itself. Stops cleanly on Ctrl-C.
import { startEmulator } from '../emulator/server.js';
import { STRICT_CSP, serveStatic } from './static.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
// `CSP=1 npm start` serves the pages under the strict Content-Security-Policy a careful site would use.
/** @type {Record<string, string>} */
const headers = process.env.CSP ? { 'Content-Security-Policy': STRICT_CSP } : {};

const emulator = await startEmulator({
  port,
  host,
  quiet: true,
  extraHandler: (req, res) => serveStatic(req, res, headers),
}).catch((error) => {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} is in use. Start on another one: PORT=${port + 1} npm start`);
  process.exit(1);
});

console.log(`
  guest-chat demo

  The site with the widget:  ${emulator.url}/
  The agent console:         ${emulator.url}/agent/

  Open both side by side, start a chat on the site and answer it in the console.
  No Genesys account needed: the Genesys Cloud emulator runs on the same port. Ctrl-C stops it.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
