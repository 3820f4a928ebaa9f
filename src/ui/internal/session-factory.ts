import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
import type { BackoffOptions } from '../../transport/backoff.js';
import type { TransportEnv } from '../../transport/env.js';
import { lazyTransport } from '../../transport/lazy.js';
import type { ChatTransport } from '../../transport/types.js';
import { checkBeside } from './integrity.js';
import { savedChatPlace, type TransportKind } from './saved-chat.js';

export { TRANSPORTS, transportKind, type TransportKind } from './saved-chat.js';

/** What the element knows about where to chat, from its attributes. */
export interface SessionConfig {
  transport: TransportKind;
  environment: string;
  organizationId: string;
  deploymentId: string;
  queue: string;
}

/** Makes the session for a configuration; the element's seam for tests. */
export type SessionFactory = (config: SessionConfig) => ChatSession;

/**
 * What a test may tune in the session the element builds, so it tests what ships: the browser's injectables and the
 * timings the transports take. The element passes none and runs on the browser's own and the protocols' defaults.
 */
export interface TransportTuning extends Partial<TransportEnv> {
  /** The keep-alive period: Guest Chat's heartbeat interval, Web Messaging's echo interval. */
  keepAliveMs?: number;
  /** Reconnect delays. */
  backoff?: BackoffOptions;
  /** Web Messaging: `onMessage` frames per second the server allows. */
  rateLimitPerSecond?: number;
  /** Tries per message before it is marked failed. */
  maxSendAttempts?: number;
}

/**
 * The configuration keys a chat cannot start without, with the attribute that sets each. Web Messaging routes by
 * the deployment's own flow, so it needs neither a queue nor the organization.
 */
export const REQUIRED_CONFIG: Record<TransportKind, [Exclude<keyof SessionConfig, 'transport'>, string][]> = {
  'guest-chat': [
    ['environment', 'environment'],
    ['organizationId', 'organization-id'],
    ['deploymentId', 'deployment-id'],
    ['queue', 'queue'],
  ],
  'web-messaging': [
    ['environment', 'environment'],
    ['deploymentId', 'deployment-id'],
  ],
};

/**
 * Loads a transport's code; the CDN build keeps each one in a file of its own, fetched on first use. Each transport
 * reads the tuning it knows and leaves the rest.
 */
const loaders: Record<TransportKind, (config: SessionConfig, tuning: TransportTuning) => Promise<ChatTransport>> = {
  'guest-chat': ({ environment, organizationId, deploymentId }, tuning) =>
    checkBeside('transport/guest-chat.js')
      .then(() => import('../../transport/guest-chat/index.js'))
      .then((module) =>
        module.createGuestChatTransport({
          environment,
          organizationId,
          deploymentId,
          ...tuning,
          heartbeatIntervalMs: tuning.keepAliveMs,
        }),
      ),
  'web-messaging': ({ environment, deploymentId }, tuning) =>
    checkBeside('transport/web-messaging.js')
      .then(() => import('../../transport/web-messaging/index.js'))
      .then((module) =>
        module.createWebMessagingTransport({
          environment,
          deploymentId,
          ...tuning,
          echoIntervalMs: tuning.keepAliveMs,
        }),
      ),
};

/**
 * A session on the chosen protocol, kept for resuming where {@link savedChatPlace} says (or in `tuning.storage`, which
 * then stands for that browser storage). The transport's code is fetched when first needed.
 */
export function createSession(config: SessionConfig, tuning: TransportTuning = {}): ChatSession {
  const place = savedChatPlace(config.transport, config.deploymentId);
  return createChatSession({
    transport: lazyTransport(config.transport, () => loaders[config.transport](config, tuning)),
    queue: config.queue,
    storageKey: place.key,
    storage: tuning.storage !== undefined ? tuning.storage : place.storage,
    clock: tuning.clock,
    lifecycle: tuning.lifecycle,
    maxSendAttempts: tuning.maxSendAttempts,
  });
}
