import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
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
    checkBeside('transport/guest-chat.js')
      .then(() => import('../../transport/guest-chat/index.js'))
      .then((module) => module.createGuestChatTransport({ environment, organizationId, deploymentId })),
  'web-messaging': ({ environment, deploymentId }) =>
    checkBeside('transport/web-messaging.js')
      .then(() => import('../../transport/web-messaging/index.js'))
      .then((module) => module.createWebMessagingTransport({ environment, deploymentId })),
};

/**
 * A session on the chosen protocol, kept for resuming where {@link savedChatPlace} says. The transport's code is
 * fetched when first needed.
 */
export const createSession: SessionFactory = (config) => {
  const { storage, key } = savedChatPlace(config.transport, config.deploymentId);
  return createChatSession({
    transport: lazyTransport(config.transport, () => loaders[config.transport](config)),
    queue: config.queue,
    storageKey: key,
    storage,
  });
};
