import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
import type { EnvOptions } from '../../transport/env.js';
import { lazyTransport } from '../../transport/lazy.js';
import { transportFor } from '../../transport/registry.js';
import { checkBeside } from './integrity.js';
import { savedChatPlace, type TransportKind } from './saved-chat.js';

export { transportKind, type TransportKind } from './saved-chat.js';

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
 * What a test may tune in the session the element builds, so it tests what ships: the browser's injectables, the
 * retry policy and the timings the transports take. The element passes none and runs on the browser's own and the
 * protocols' defaults.
 */
export interface TransportTuning extends EnvOptions {
  /** The keep-alive period: Guest Chat's heartbeat interval, Web Messaging's echo interval. */
  keepAliveMs?: number;
  /** Web Messaging: `onMessage` frames per second the server allows. */
  rateLimitPerSecond?: number;
  /** Tries per message before it is marked failed. */
  maxSendAttempts?: number;
}

/**
 * A session on the chosen protocol, kept for resuming where {@link savedChatPlace} says (or in `tuning.storage`, which
 * then stands for that browser storage). The transport's code is fetched when first needed.
 */
export function createSession(config: SessionConfig, tuning: TransportTuning = {}): ChatSession {
  const place = savedChatPlace(config.transport, config.deploymentId);
  const { keepAliveMs, maxSendAttempts, ...env } = tuning;
  return createChatSession({
    transport: lazyTransport(config.transport, () =>
      // The CDN build keeps each protocol's code in a file of its own beside the script, checked before it runs.
      checkBeside(`transport/${config.transport}.js`)
        .then(transportFor(config.transport).load)
        .then((create) => create({ ...config, ...env, heartbeatIntervalMs: keepAliveMs, echoIntervalMs: keepAliveMs })),
    ),
    queue: config.queue,
    storageKey: place.key,
    storage: tuning.storage !== undefined ? tuning.storage : place.storage,
    clock: tuning.clock,
    lifecycle: tuning.lifecycle,
    maxSendAttempts,
  });
}
