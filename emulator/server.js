// Starts one emulator: an HTTP server with the guest, agent and control APIs, the guest event stream and the Web
// Messaging guest socket on the same port, and fault injection in front of the Genesys APIs.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerAgentApi } from './agent-api.js';
import { resolveConfig } from './config.js';
import { registerControlApi } from './control-api.js';
import { createEventStream } from './event-stream.js';
import { registerGuestApi } from './guest-api.js';
import { Exchange, HttpError, Router, answerPreflight, reasonFor } from './http.js';
import { Store } from './state.js';
import { messagingCommunication, registerWebMessagingAgentApi } from './web-messaging/agent-api.js';
import { registerDeploymentConfig } from './web-messaging/config.js';
import { registerStructuredContentApi } from './web-messaging/content-api.js';
import { issueJwt, registerWebMessagingRest } from './web-messaging/rest.js';
import { createWebMessagingSocket } from './web-messaging/socket.js';

/**
 * @typedef {object} EmulatorOptions
 * @property {number} [port]  0 = a free port
 * @property {string} [host]  default 127.0.0.1
 * @property {boolean} [quiet]  no logging
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean} [extraHandler]
 *   called for requests no emulator route claims, before answering 404; true when it answered
 * @property {string} [organizationId]
 * @property {string} [deploymentId]
 * @property {string[]} [queues]  queue names
 * @property {string[]} [allowedOrigins]  empty or absent = every origin
 * @property {number} [heartbeatIntervalMs]
 * @property {number} [guestGraceMs]
 * @property {number} [maxResults]
 * @property {number} [maxMembersPageSize]
 * @property {number} [maxBodyLength]
 * @property {number} [jwtLifetimeMs]
 * @property {number} [defaultAutoAnswerDelayMs]
 * @property {number} [alertingTimeoutMs]
 * @property {number} [botReplyDelayMs]
 * @property {import('./config.js').WebMessagingOptions} [webMessaging]  the Web Messaging deployment (`deploymentId`)
 */

/**
 * The next call that a `failNext` fault makes fail, if this one matches it.
 * @param {import('./state.js').Store} store
 * @param {Exchange} exchange
 */
function injectedFailure(store, exchange) {
  const fault = store.faults.failNext;
  if (!fault || (fault.pathContains && !(exchange.url.pathname + exchange.url.search).includes(fault.pathContains)))
    return null;
  fault.count -= 1;
  if (fault.count <= 0) store.faults.failNext = null;
  const [code, message] = reasonFor(fault.status);
  if (fault.status !== 429) return new HttpError(fault.status, code, message);
  const retryAfter = String(fault.retryAfterSeconds ?? 1);
  return new HttpError(429, code, message, { messageParams: { retryAfter }, headers: { 'Retry-After': retryAfter } });
}

/**
 * Starts an emulator and resolves once it listens.
 * @param {EmulatorOptions} [options]
 * @returns {Promise<{url: string, port: number, close(): Promise<void>, store: Store}>}
 */
export async function startEmulator(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const store = new Store(resolveConfig(options));
  const { jwt } = store;
  const stream = createEventStream(store, jwt);
  const messaging = createWebMessagingSocket(store, { issueJwt: (session) => issueJwt(store, session) });
  const router = new Router();
  const wildcard = host === '0.0.0.0' || host === '::';
  /** `host:port` of this server, known once it listens. */
  let authority = '';
  /** Sockets live on this server; a wildcard bind answers on the address the guest called. @param {Exchange} exchange */
  const authorityFor = (exchange) => (wildcard ? (exchange.req.headers.host ?? authority) : authority);
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

  registerGuestApi(router, store, {
    jwt,
    awaitGuest: stream.awaitGuest,
    streamUri: (exchange, token) => `ws://${authorityFor(exchange)}/v1/token/${token}`,
  });
  registerDeploymentConfig(router, store, authorityFor);
  registerWebMessagingRest(router, store);
  // Before the chat agent API: its `/api/v2/conversations/{conversationId}` would also match `…/messages`.
  registerWebMessagingAgentApi(router, store);
  registerAgentApi(router, store, messagingCommunication);
  registerControlApi(router, store);
  registerStructuredContentApi(router, store);

  const server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res);
      return;
    }
    const exchange = new Exchange(req, res);
    const route = router.match(req.method ?? 'GET', exchange.url.pathname);
    if (!route) {
      if (options.extraHandler?.(req, res)) return;
      exchange.fail(new HttpError(404, 'not.found', 'The requested resource was not found.'));
      return;
    }
    exchange.params = route.params;
    res.on('finish', () => log(`${res.statusCode} ${req.method} ${req.url}`));
    try {
      if (!exchange.url.pathname.startsWith('/emulator/')) {
        if (store.faults.latencyMs > 0) await sleep(store.faults.latencyMs);
        const failure = injectedFailure(store, exchange);
        if (failure) throw failure;
      }
      await route.handler(exchange);
    } catch (error) {
      if (error instanceof HttpError) exchange.fail(error);
      else {
        log(`emulator error: ${error instanceof Error ? error.stack : error}`);
        exchange.fail(new HttpError(500, ...reasonFor(500)));
      }
    }
  });

  server.on('upgrade', (req, socket, head) => {
    if (!stream.handleUpgrade(req, socket, head) && !messaging.handleUpgrade(req, socket, head))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(options.port);
  authority = `${wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
  store.publicUrl = `http://${authority}`;

  return {
    url: `http://${authority}`,
    port,
    store,
    async close() {
      store.reset();
      stream.close();
      messaging.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
