// The emulator's own control API under `/emulator` (not Genesys): health, config, agents, a view of every
// conversation, fault injection and reset. Tests and the demo drive the emulator through it.
import { randomBytes } from 'node:crypto';
import { HttpError, intQuery } from './http.js';
import { newId } from './state.js';
import { renewPresence, routeWaiting, signOut } from './routing.js';

/** The most conversations one `GET /emulator/conversations` answers. */
const MAX_CONVERSATIONS_PAGE = 500;

/** @typedef {import('./state.js').Store} Store */

const badField = (/** @type {string} */ fieldName, /** @type {string} */ message) =>
  new HttpError(400, 'invalid.value', message, { details: [{ errorCode: 'invalid.value', fieldName }] });

/**
 * Reads `POST /emulator/faults`: persistent faults are merged into the store, `dropSockets` acts at once.
 * @param {Store} store
 * @param {any} body
 */
function applyFaults(store, body) {
  if (!body || typeof body !== 'object') throw badField('body', 'Send a JSON object of faults');
  const { faults } = store;
  if (body.heartbeats !== undefined) {
    if (typeof body.heartbeats !== 'boolean') throw badField('heartbeats', 'heartbeats must be a boolean');
    faults.heartbeats = body.heartbeats;
  }
  if (body.duplicateEvents !== undefined) {
    if (typeof body.duplicateEvents !== 'boolean')
      throw badField('duplicateEvents', 'duplicateEvents must be a boolean');
    faults.duplicateEvents = body.duplicateEvents;
  }
  if (body.latencyMs !== undefined) {
    if (!Number.isInteger(body.latencyMs) || body.latencyMs < 0)
      throw badField('latencyMs', 'latencyMs must be a whole number >= 0');
    faults.latencyMs = body.latencyMs;
  }
  if (body.failNext !== undefined) {
    const { count, status, pathContains, retryAfterSeconds, side } = body.failNext ?? {};
    if (!Number.isInteger(count) || count < 1)
      throw badField('failNext.count', 'failNext.count must be a whole number >= 1');
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw badField('failNext.status', 'failNext.status must be 400-599');
    faults.failNext = { count, status, pathContains, retryAfterSeconds, side: sideOf(side, 'failNext.side') };
  }
  if (body.failNextSend !== undefined) {
    const { count = 1, status = 503, retryAfterSeconds, side } = body.failNextSend ?? {};
    if (!Number.isInteger(count) || count < 1)
      throw badField('failNextSend.count', 'failNextSend.count must be a whole number >= 1');
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw badField('failNextSend.status', 'failNextSend.status must be 400-599');
    faults.failNextSend = { count, status, retryAfterSeconds, side: sideOf(side, 'failNextSend.side') };
  }
  if (body.failNextFrames !== undefined) {
    const { count, code, retryAfterSeconds } = body.failNextFrames ?? {};
    if (!Number.isInteger(count) || count < 1)
      throw badField('failNextFrames.count', 'failNextFrames.count must be a whole number >= 1');
    if (!Number.isInteger(code) || code < 400)
      throw badField('failNextFrames.code', 'failNextFrames.code must be a whole number >= 400');
    if (retryAfterSeconds !== undefined && (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 1)) {
      throw badField(
        'failNextFrames.retryAfterSeconds',
        'failNextFrames.retryAfterSeconds must be a whole number >= 1',
      );
    }
    faults.failNextFrames = { count, code, retryAfterSeconds };
  }
  if (body.dropSockets === true) store.dropSockets();
}

/**
 * A fault's `side`: `guest` (what a visitor's widget calls and sends), `agent` (the agent side of the Platform
 * API), or absent for both.
 * @param {unknown} side
 * @param {string} fieldName
 * @returns {'guest' | 'agent' | undefined}
 */
function sideOf(side, fieldName) {
  if (side === undefined) return undefined;
  if (side === 'guest' || side === 'agent') return side;
  throw badField(fieldName, `${fieldName} must be "guest" or "agent"`);
}

/**
 * The answering settings present in an agent body (`autoAnswer`, `autoAnswerDelayMs`, `bot`, `presenceTimeoutMs`),
 * checked.
 * @param {any} body
 * @returns {Partial<Pick<import('./state.js').Agent, 'autoAnswer' | 'autoAnswerDelayMs' | 'bot' | 'presenceTimeoutMs'>>}
 */
function answering(body) {
  const { autoAnswer, autoAnswerDelayMs, bot, presenceTimeoutMs } = body;
  if (presenceTimeoutMs !== undefined && !(Number.isInteger(presenceTimeoutMs) && presenceTimeoutMs >= 0)) {
    throw badField('presenceTimeoutMs', 'presenceTimeoutMs must be a whole number >= 0');
  }
  if (autoAnswer !== undefined && typeof autoAnswer !== 'boolean')
    throw badField('autoAnswer', 'autoAnswer must be a boolean');
  if (bot !== undefined && bot !== null && bot !== 'echo') throw badField('bot', 'bot must be "echo" or null');
  if (autoAnswerDelayMs !== undefined && !(Number.isFinite(autoAnswerDelayMs) && autoAnswerDelayMs >= 0)) {
    throw badField('autoAnswerDelayMs', 'autoAnswerDelayMs must be a number >= 0');
  }
  return {
    ...(autoAnswer === undefined ? {} : { autoAnswer }),
    ...(autoAnswerDelayMs === undefined ? {} : { autoAnswerDelayMs }),
    ...(bot === undefined ? {} : { bot }),
    ...(presenceTimeoutMs === undefined ? {} : { presenceTimeoutMs }),
  };
}

/**
 * A conversation as the control API shows it: members with states, the full message log.
 * @param {import('./state.js').Conversation} conversation
 */
const conversationView = (conversation) => ({
  ...conversation,
  declinedBy: [...conversation.declinedBy],
  rangOut: Object.fromEntries(conversation.rangOut),
});

/**
 * @param {import('./http.js').Router} router
 * @param {Store} store
 */
export function registerControlApi(router, store) {
  const { config } = store;

  router.on('GET', '/emulator/health', (exchange) => exchange.send(200, { ok: true }));

  router.on('GET', '/emulator/config', (exchange) =>
    exchange.send(200, {
      organizationId: config.organizationId,
      deploymentId: config.deploymentId,
      queues: config.queues.map((queue) => queue.name),
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      allowedOrigins: config.allowedOrigins,
      webMessaging: { ...config.webMessaging, queue: config.webMessaging.queue.name },
    }),
  );

  router.on('POST', '/emulator/agents', async (exchange) => {
    const body = await exchange.json();
    if (typeof body?.displayName !== 'string' || body.displayName === '')
      throw badField('displayName', 'displayName is required');
    const agent = {
      id: newId(),
      token: randomBytes(24).toString('base64url'),
      displayName: body.displayName,
      avatarImageUrl: body.avatarImageUrl,
      autoAnswer: false,
      autoAnswerDelayMs: config.defaultAutoAnswerDelayMs,
      bot: null,
      presenceTimeoutMs: 0,
      ...answering(body),
    };
    store.agents.set(agent.id, agent);
    renewPresence(store, agent);
    routeWaiting(store);
    exchange.send(200, { id: agent.id, token: agent.token });
  });

  /** @param {import('./http.js').Exchange} exchange */
  const agentOfPath = (exchange) => {
    const agent = store.agents.get(exchange.params.agentId);
    if (!agent) throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    return agent;
  };

  // Changes how an agent answers from its next offer on; offers already ringing keep ringing.
  router.on('PATCH', '/emulator/agents/{agentId}', async (exchange) => {
    const agent = agentOfPath(exchange);
    const body = await exchange.json();
    if (!body || typeof body !== 'object') throw badField('body', 'Send a JSON object');
    Object.assign(agent, answering(body));
    renewPresence(store, agent);
    const { id, displayName, autoAnswer, autoAnswerDelayMs, bot, presenceTimeoutMs } = agent;
    exchange.send(200, { id, displayName, autoAnswer, autoAnswerDelayMs, bot, presenceTimeoutMs });
  });

  router.on('DELETE', '/emulator/agents/{agentId}', (exchange) => {
    signOut(store, agentOfPath(exchange));
    exchange.send(204);
  });

  // Oldest first, at most `pageSize` (default and maximum 500) from `pageNumber`; `X-Total-Count` says how many there
  // are, so a caller knows whether to ask for the next page.
  router.on('GET', '/emulator/conversations', (exchange) => {
    const pageSize = intQuery(exchange, 'pageSize', {
      fallback: MAX_CONVERSATIONS_PAGE,
      min: 1,
      max: MAX_CONVERSATIONS_PAGE,
    });
    const pageNumber = intQuery(exchange, 'pageNumber', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
    const all = [...store.conversations.values()];
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    exchange.send(200, page.map(conversationView), { 'X-Total-Count': String(all.length) });
  });

  router.on('POST', '/emulator/faults', async (exchange) => {
    applyFaults(store, await exchange.json());
    exchange.send(200, store.faults);
  });

  router.on('DELETE', '/emulator/faults', (exchange) => {
    store.clearFaults();
    exchange.send(200, store.faults);
  });

  router.on('POST', '/emulator/reset', (exchange) => {
    store.reset();
    exchange.send(200, { ok: true });
  });
}
