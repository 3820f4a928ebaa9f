// The emulator's settings: safe defaults, overridable per start (tests, the CLI's flags and environment).
import { createHash } from 'node:crypto';

/** @typedef {import('./state.js').EmulatorConfig} EmulatorConfig */

export const DEFAULTS = Object.freeze({
  organizationId: '6f3c2e1a-0b7d-4c55-9e2a-1d4f8a7b0c01',
  deploymentId: '9a1b7c3d-5e2f-4a60-8b19-2c7d4e6f8a02',
  queues: ['Chat Queue', 'Support'],
  allowedOrigins: /** @type {string[]} */ ([]),
  heartbeatIntervalMs: 30_000,
  guestGraceMs: 15 * 60_000,
  maxResults: 100,
  maxMembersPageSize: 100,
  maxBodyLength: 4000,
  jwtLifetimeMs: 22 * 60 * 60_000,
  defaultAutoAnswerDelayMs: 1500,
  alertingTimeoutMs: 30_000,
  botReplyDelayMs: 1200,
  maxLiveConversations: 1000,
  maxEndedConversations: 1000,
  maxLiveSessions: 1000,
  webMessaging: Object.freeze({
    status: /** @type {'Active' | 'Inactive'} */ ('Active'),
    enabled: true,
    disabledDeploymentId: '3c8e5b1f-7a2d-4e94-b6c0-5d1f9e2a7b03',
    queue: /** @type {string | undefined} */ (undefined),
    showAgentTypingIndicator: true,
    showUserTypingIndicator: true,
    autoStart: false,
    conversationClear: true,
    conversationDisconnect: Object.freeze({ enabled: true, type: /** @type {'ReadOnly' | 'Send'} */ ('ReadOnly') }),
    markdown: false,
    primaryColor: '#ff4f1f',
    maxCustomDataBytes: 2048,
    rateLimitPerSecond: 2,
    sessionDurationSeconds: 259_200,
    maxFrameBytes: 64 * 1024,
  }),
});

/**
 * A queue's id, derived from its name so that it stays the same across restarts (handy in scripts).
 * @param {string} name
 */
export function queueId(name) {
  const hex = createHash('sha1').update(`queue:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * @template {object} T
 * @param {T} object
 * @returns {Partial<T>}
 */
const withoutUndefined = (object) =>
  /** @type {Partial<T>} */ (Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)));

/**
 * Web Messaging start options: the settings of WebMessagingConfig, each optional, with the queue by name.
 * @typedef {Partial<Omit<import('./state.js').WebMessagingConfig, 'conversationDisconnect' | 'queue'>> & {queue?: string,
 *   conversationDisconnect?: Partial<import('./state.js').WebMessagingConfig['conversationDisconnect']>}} WebMessagingOptions
 */

/**
 * Merges start options over the defaults; `undefined` options keep the default.
 * @param {Partial<Omit<EmulatorConfig, 'queues' | 'webMessaging'>> & {queues?: string[], webMessaging?: WebMessagingOptions}} options
 * @returns {EmulatorConfig}
 */
export function resolveConfig(options) {
  /** @type {Record<string, unknown>} */
  const merged = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    const value = /** @type {Record<string, unknown>} */ (options)[key];
    if (value !== undefined) merged[key] = value;
  }
  const names = /** @type {string[]} */ (merged.queues);
  const queues = names.map((name) => ({ id: queueId(name), name }));
  const wm = { ...DEFAULTS.webMessaging, ...withoutUndefined(options.webMessaging ?? {}) };
  return /** @type {EmulatorConfig} */ ({
    ...merged,
    queues,
    allowedOrigins: [.../** @type {string[]} */ (merged.allowedOrigins ?? [])],
    webMessaging: {
      ...wm,
      conversationDisconnect: {
        ...DEFAULTS.webMessaging.conversationDisconnect,
        ...withoutUndefined(options.webMessaging?.conversationDisconnect ?? {}),
      },
      // Web Messaging conversations wait in the named queue, else in the first one.
      queue: queues.find((queue) => queue.name === wm.queue) ?? queues[0],
    },
  });
}
