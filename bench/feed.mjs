// A WebSocket server that feeds the reference widget's page its live messages, so both widgets are timed from the
// same moment: a frame reaching the page. The page adds each frame's message through deep-chat's `addMessage`, as a
// site's own code would; ours decodes its frames through its transport and session.
import { once } from 'node:events';
import { WebSocketServer } from 'ws';

/** Starts the feed on 127.0.0.1; `send` goes to the page that connected last. */
export async function startFeed() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  /** @type {import('ws').WebSocket | null} */
  let latest = null;
  server.on('connection', (socket) => (latest = socket));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `ws://127.0.0.1:${address.port}`,
    /** @param {unknown} message */
    send(message) {
      if (!latest) throw new Error('no page has connected to the feed');
      latest.send(JSON.stringify(message));
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
