// The guest's REST side of Web Messaging: the JWT that `getJwt` hands out and the history it unlocks
// (`GET /api/v2/webmessaging/messages`).
import { HttpError, entityPage, intQuery } from '../http.js';

/** @typedef {import('../state.js').Store} Store */
/** @typedef {import('./session.js').Session} Session */

const ISSUER = 'urn:purecloud:webmessaging';
const MAX_PAGE_SIZE = 100;

/**
 * A JwtResponse body for a session: the token names the session, `exp` is epoch seconds.
 * @param {Store} store
 * @param {Session} session
 */
export function issueJwt(store, session) {
  const { organizationId, deploymentId, jwtLifetimeMs } = store.config;
  return store.jwt.issue(
    { sid: session.id, did: deploymentId },
    { issuer: ISSUER, organizationId, lifetimeMs: jwtLifetimeMs },
  );
}

/**
 * The session behind a Bearer JWT from `getJwt`; 401 with the Platform ErrorBody when there is none.
 * @param {Store} store
 * @param {import('../http.js').Exchange} exchange
 */
function sessionOfBearer(store, exchange) {
  const token = exchange.bearer();
  if (!token)
    throw new HttpError(
      401,
      'authentication.required',
      'No authentication bearer token specified in authorization header.',
    );
  const checked = store.jwt.verify(token);
  if ('error' in checked && checked.error === 'expired') {
    throw new HttpError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
  }
  const sid = 'claims' in checked && checked.claims.iss === ISSUER ? checked.claims.data.sid : undefined;
  const session = [...store.webMessagingSessions.values()].find((candidate) => candidate.id === sid);
  if (!session || session.expired) {
    const expired = session?.expired || [...store.expiredSessions.values()].includes(String(sid));
    if (expired)
      throw new HttpError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.');
    throw new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
  }
  return session;
}

/**
 * @param {import('../http.js').Router} router
 * @param {Store} store
 */
export function registerWebMessagingRest(router, store) {
  // Page 1 holds the newest messages and every page is newest-first, as the SDK and Genesys's own example expect.
  router.on('GET', '/api/v2/webmessaging/messages', (exchange) => {
    const session = sessionOfBearer(store, exchange);
    const pageSize = intQuery(exchange, 'pageSize', { fallback: 25, min: 1, max: MAX_PAGE_SIZE });
    const pageNumber = intQuery(exchange, 'pageNumber', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
    const newestFirst = [...session.transcript].reverse();
    const uri = (/** @type {number} */ page) => `/api/v2/webmessaging/messages?pageSize=${pageSize}&pageNumber=${page}`;
    exchange.send(200, entityPage(newestFirst, pageNumber, pageSize, uri));
  });
}
