// A server on a worker thread of its own, so the thread that drives a benchmark never delays its answers.
import { once } from 'node:events';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * In the worker thread named `name`: starts the server and tells the main thread its URL; closes it when asked.
 * Does nothing on any other thread.
 * @param {string} name
 * @param {() => Promise<{url: string, close(): Promise<void>}>} start
 */
export async function serveOnThisThread(name, start) {
  if (isMainThread || workerData !== name || !parentPort) return;
  const port = parentPort;
  const server = await start();
  port.once('message', async () => {
    await server.close();
    port.close();
  });
  port.postMessage(server.url);
}

/**
 * Runs `module` (which calls `serveOnThisThread(name, …)`) on a worker thread; resolves with the server's URL and a
 * `close` that stops it and waits for the thread to end.
 * @param {URL} module
 * @param {string} name
 */
export async function startServerThread(module, name) {
  const worker = new Worker(module, { workerData: name });
  const [url] = await once(worker, 'message');
  return {
    url: /** @type {string} */ (url),
    async close() {
      worker.postMessage('close');
      await once(worker, 'exit');
    },
  };
}
