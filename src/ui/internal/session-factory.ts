import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
import { lazyTransport } from '../../transport/lazy.js';
import type { ChatTransport } from '../../transport/types.js';

/** The protocols the element speaks, chosen by its `transport` attribute. */
export const TRANSPORTS = ['guest-chat', 'web-messaging'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

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

/** Loads a transport's code; the CDN build keeps each one in a file of its own, fetched on first use. */
const loaders: Record<TransportKind, (config: SessionConfig) => Promise<ChatTransport>> = {
  'guest-chat': ({ environment, organizationId, deploymentId }) =>
    import('../../transport/guest-chat/index.js').then((module) =>
      module.createGuestChatTransport({ environment, organizationId, deploymentId }),
    ),
  'web-messaging': ({ environment, deploymentId }) =>
    import('../../transport/web-messaging/index.js').then((module) =>
      module.createWebMessagingTransport({ environment, deploymentId }),
    ),
};

/** The page's localStorage, or null where the browser refuses it (storage blocked, sandboxed frames). */
function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * A session on the chosen protocol; its resume state is kept per deployment so two widgets on one site do not
 * collide. A Guest Chat belongs to one tab (sessionStorage); a Web Messaging conversation belongs to the visitor,
 * so every tab and a later visit resume it (localStorage). The transport's code is fetched when first needed.
 */
export const createSession: SessionFactory = (config) =>
  createChatSession({
    transport: lazyTransport(config.transport, () => loaders[config.transport](config)),
    queue: config.queue,
    storageKey: `${config.transport}:${config.deploymentId}`,
    ...(config.transport === 'web-messaging' ? { storage: localStorageOrNull() } : {}),
  });
