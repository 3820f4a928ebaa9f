// `npm start`: serves the demo page on one port. Stops cleanly on Ctrl-C.
import { createServer } from 'node:http';
import { serveStatic } from './static.js';

const port = Number(process.env.PORT ?? 8787);
const server = createServer((req, res) => {
  if (serveStatic(req, res)) return;
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found');
});
server.listen(port, '127.0.0.1', () => {
  console.log(`guest-chat demo: http://127.0.0.1:${port}/`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
