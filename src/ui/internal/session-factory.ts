import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
import { lazyTransport } from '../../transport/lazy.js';
import type { TransportDescriptor } from '../../transport/descriptor.js';
import { TRANSPORTS, transportFor } from '../../transport/registry.js';
import { checkBeside } from './integrity.js';
import { savedChatPlace, type TransportKind } from './saved-chat.js';

export { TRANSPORT_KINDS as TRANSPORTS, transportKind, type TransportKind } from './saved-chat.js';

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

/** The configuration keys a chat cannot start without, with the attribute that sets each, by protocol. */
export const REQUIRED_CONFIG = Object.fromEntries<TransportDescriptor['required']>(
  TRANSPORTS.map((descriptor) => [descriptor.kind, descriptor.required]),
) as Record<TransportKind, TransportDescriptor['required']>;

/**
 * A session on the chosen protocol, kept for resuming where {@link savedChatPlace} says. The transport's code is
 * fetched when first needed.
 */
export const createSession: SessionFactory = (config) => {
  const { storage, key } = savedChatPlace(config.transport, config.deploymentId);
  return createChatSession({
    transport: lazyTransport(config.transport, () =>
      // The CDN build keeps each protocol's code in a file of its own beside the script, checked before it runs.
      checkBeside(`transport/${config.transport}.js`)
        .then(transportFor(config.transport).load)
        .then((create) => create(config)),
    ),
    queue: config.queue,
    storageKey: key,
    storage,
  });
};
