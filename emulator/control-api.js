// The emulator's own control API under `/emulator` (not Genesys): health, config, agents, a view of every
// conversation, fault injection and reset. Tests and the demo drive the emulator through it.
import { randomBytes } from 'node:crypto';
import { HttpError } from './http.js';
import { newId } from './state.js';
import { routeWaiting, signOut } from './routing.js';

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
    const { count, status, pathContains, retryAfterSeconds } = body.failNext ?? {};
    if (!Number.isInteger(count) || count < 1)
      throw badField('failNext.count', 'failNext.count must be a whole number >= 1');
    if (!Number.isInteger(status) || status < 400 || status > 599)
      throw badField('failNext.status', 'failNext.status must be 400-599');
    faults.failNext = { count, status, pathContains, retryAfterSeconds };
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
 * The answering settings present in an agent body (`autoAnswer`, `autoAnswerDelayMs`, `bot`), checked.
 * @param {any} body
 * @returns {Partial<Pick<import('./state.js').Agent, 'autoAnswer' | 'autoAnswerDelayMs' | 'bot'>>}
 */
function answering(body) {
  const { autoAnswer, autoAnswerDelayMs, bot } = body;
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
  };
}

/**
 * A conversation as the control API shows it: members with states, the full message log.
 * @param {import('./state.js').Conversation} conversation
 */
const conversationView = (conversation) => ({ ...conversation, declinedBy: [...conversation.declinedBy] });

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
      ...answering(body),
    };
    store.agents.set(agent.id, agent);
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
    const { id, displayName, autoAnswer, autoAnswerDelayMs, bot } = agent;
    exchange.send(200, { id, displayName, autoAnswer, autoAnswerDelayMs, bot });
  });

  router.on('DELETE', '/emulator/agents/{agentId}', (exchange) => {
    signOut(store, agentOfPath(exchange));
    exchange.send(204);
  });

  router.on('GET', '/emulator/conversations', (exchange) =>
    exchange.send(200, [...store.conversations.values()].map(conversationView)),
  );

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
