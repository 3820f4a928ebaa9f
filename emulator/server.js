// Starts one emulator: an HTTP server with the guest, agent and control APIs, the guest event stream and the Web
// Messaging guest socket on the same port, and fault injection in front of the Genesys APIs.
import { createServer } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { registerAgentApi } from './agent-api.js';
import { resolveConfig } from './config.js';
import { registerControlApi } from './control-api.js';
import { createEventStream } from './event-stream.js';
import { registerGuestApi } from './guest-api.js';
import { injectedFailure } from './faults.js';
import {
  Exchange,
  HttpError,
  Router,
  answerPreflight,
  declaresJsonOrNothing,
  isPrivileged,
  isLoopbackName,
  isTrustedOrigin,
  reasonFor,
} from './http.js';
import { LimitError, Store } from './state.js';
import { messagingCommunication, registerWebMessagingAgentApi } from './web-messaging/agent-api.js';
import { createAttachments } from './web-messaging/attachments.js';
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
 * @property {number} [alertingTimeoutMs]  0 = an offer rings until answered
 * @property {number} [botReplyDelayMs]
 * @property {number} [maxLiveConversations]
 * @property {number} [maxEndedConversations]
 * @property {number} [maxLiveSessions]
 * @property {import('./config.js').WebMessagingOptions} [webMessaging]  the Web Messaging deployment (`deploymentId`)
 */

/**
 * The names this machine answers to: a wildcard bind takes the `Host` a guest called only when it is one of them,
 * so that a request's header cannot point event streams and endpoints at another host.
 */
function ownHostNames() {
  const names = new Set(['localhost', hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address, family } of addresses ?? []) names.add(family === 'IPv6' ? `[${address}]` : address);
  }
  return names;
}

/**
 * Answers a request that failed before or outside a handler (a malformed URL, an unexpected error) when no answer
 * has started; an answer already under way is cut off, as a server that failed mid-answer would.
 * @param {Exchange} exchange
 * @param {HttpError} error
 */
function failSafely(exchange, error) {
  if (exchange.res.headersSent) exchange.res.destroy();
  else exchange.fail(error);
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
  const router = new Router();
  const wildcard = host === '0.0.0.0' || host === '::';
  /** `host:port` of this server, and its port, known once it listens. */
  let authority = '';
  const attachments = createAttachments(store, { base: () => `http://${authority}` });
  const messaging = createWebMessagingSocket(store, { issueJwt: (session) => issueJwt(store, session), attachments });
  let port = 0;
  /** @type {Set<string>} */
  let ownNames = new Set();
  /**
   * Sockets live on this server. A wildcard bind answers on the address the guest called, if that is one of this
   * machine's names on this port; anything else in `Host` is ignored.
   * @param {Exchange} exchange
   */
  const authorityFor = (exchange) => {
    if (!wildcard) return authority;
    try {
      const called = new URL(`http://${exchange.req.headers.host ?? ''}`);
      if (ownNames.has(called.hostname.toLowerCase()) && Number(called.port || 80) === port) return called.host;
    } catch {
      // An unparsable Host names nothing of ours.
    }
    return authority;
  };
  /**
   * Whether a request names this machine in `Host`. A site whose name an attacker points at this machine once its page
   * has loaded (DNS rebinding) is same-origin with itself, so no `Origin` check stops it reading the privileged APIs;
   * its name in `Host` does.
   * @param {string | undefined} header
   */
  const addressedToUs = (header) => {
    try {
      const { hostname } = new URL(`http://${header ?? ''}`);
      return isLoopbackName(hostname) || ownNames.has(hostname.toLowerCase()) || hostname === host.toLowerCase();
    } catch {
      return false;
    }
  };
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

  registerGuestApi(router, store, {
    jwt,
    awaitGuest: stream.awaitGuest,
    streamUri: (exchange, token) => `ws://${authorityFor(exchange)}/v1/token/${token}`,
  });
  registerDeploymentConfig(router, store, authorityFor);
  registerWebMessagingRest(router, store);
  attachments.register(router);
  // Before the chat agent API: its `/api/v2/conversations/{conversationId}` would also match `…/messages`.
  registerWebMessagingAgentApi(router, store, attachments);
  registerAgentApi(router, store, messagingCommunication);
  registerControlApi(router, store);
  registerStructuredContentApi(router, store);

  /**
   * One request, start to end. Everything a request can throw becomes its own answer: HttpErrors as they are, the
   * rest a 500; the server itself goes on.
   * @param {Exchange} exchange
   */
  const answer = async (exchange) => {
    const { req, res } = exchange;
    if (exchange.malformed) throw new HttpError(400, ...reasonFor(400));
    const { pathname, search } = exchange.url;
    const privileged = isPrivileged(pathname);
    if (privileged && !addressedToUs(req.headers.host)) {
      throw new HttpError(
        403,
        'not.authorized',
        'This API answers requests addressed to this machine by its own names.',
      );
    }
    const origin = req.headers.origin;
    exchange.trusted =
      !privileged || origin === undefined || isTrustedOrigin(origin, `http://${authorityFor(exchange)}`);
    if (req.method === 'OPTIONS') {
      answerPreflight(req, res, exchange.trusted);
      return;
    }
    if (!exchange.trusted) {
      throw new HttpError(403, 'not.authorized', 'This API answers pages of this server and of loopback hosts only.');
    }
    if (privileged && !declaresJsonOrNothing(req)) throw new HttpError(415, ...reasonFor(415));
    const route = router.match(req.method ?? 'GET', pathname);
    if (!route) {
      if (options.extraHandler?.(req, res)) return;
      throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    }
    exchange.params = route.params;
    if (!pathname.startsWith('/emulator/')) {
      if (store.faults.latencyMs > 0) await sleep(store.faults.latencyMs);
      const side = privileged ? 'agent' : 'guest';
      const failure = injectedFailure(store, { method: req.method ?? 'GET', pathname, search, side });
      if (failure) throw failure;
    }
    await route.handler(exchange);
  };

  const server = createServer((req, res) => {
    const exchange = new Exchange(req, res);
    res.on('finish', () => log(`${res.statusCode} ${req.method} ${req.url}`));
    answer(exchange).catch((error) => {
      if (error instanceof HttpError) {
        failSafely(exchange, error);
        return;
      }
      if (error instanceof LimitError) {
        const retryAfter = String(error.retryAfterSeconds);
        const [code, message] = reasonFor(429);
        failSafely(
          exchange,
          new HttpError(429, code, message, { messageParams: { retryAfter }, headers: { 'Retry-After': retryAfter } }),
        );
        return;
      }
      log(`emulator error: ${error instanceof Error ? error.stack : error}`);
      failSafely(exchange, new HttpError(500, ...reasonFor(500)));
    });
  });

  server.on('upgrade', (req, socket, head) => {
    // A socket torn down by the client while it is being answered must not take the server with it.
    socket.on('error', () => socket.destroy());
    try {
      if (!stream.handleUpgrade(req, socket, head) && !messaging.handleUpgrade(req, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } catch (error) {
      const bad = error instanceof HttpError && error.status === 400;
      if (!bad) log(`emulator error: ${error instanceof Error ? error.stack : error}`);
      socket.end(
        bad
          ? 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => resolve(undefined));
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : Number(options.port);
  ownNames = ownHostNames();
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
