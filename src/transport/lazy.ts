import { TransportError, type ChatTransport, type TransportEvent } from './types.js';

/**
 * A transport whose code is fetched the first time the chat needs it, so a page pays only for the protocol it
 * speaks, and only once a visitor chats. Calls made before the code arrives wait for it; listeners subscribed
 * before are attached when it does. A failed fetch rejects as a retryable network error and is tried again on
 * the next call.
 */
export function lazyTransport(kind: ChatTransport['kind'], load: () => Promise<ChatTransport>): ChatTransport {
  let transport: ChatTransport | null = null;
  let loading: Promise<ChatTransport> | null = null;
  let disposed = false;
  const listeners = new Map<(event: TransportEvent) => void, () => void>();

  const get = (): Promise<ChatTransport> => {
    loading ??= load().then(
      (loaded) => {
        if (disposed) {
          loaded.dispose();
          throw new TransportError('The chat was closed', { code: 'disposed', retryable: false });
        }
        transport = loaded;
        for (const listener of listeners.keys()) listeners.set(listener, loaded.subscribe(listener));
        return loaded;
      },
      (cause: unknown) => {
        loading = null;
        // A transport that refused its configuration will refuse it again: that is no network problem.
        if (cause instanceof TransportError && !cause.retryable) throw cause;
        throw new TransportError('The chat could not be loaded', { code: 'network', retryable: true, cause });
      },
    );
    return loading;
  };

  return {
    kind,
    prepare: () => get().then((t) => t.prepare()),
    start: (request) => get().then((t) => t.start(request)),
    resume: (state) => get().then((t) => t.resume(state)),
    resumeState: () => transport?.resumeState() ?? null,
    send: (text, clientId, reply) => get().then((t) => t.send(text, clientId, reply)),
    sendTyping: () => get().then((t) => t.sendTyping()),
    leave: () => get().then((t) => t.leave()),
    history: (afterId) => get().then((t) => t.history(afterId)),
    subscribe(listener) {
      listeners.set(listener, transport ? transport.subscribe(listener) : () => {});
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    suspend: () => transport?.suspend(),
    wake: () => transport?.wake(),
    // Asked for only where the chat said it takes attachments, so only of a transport that has them.
    attachments: () => get().then((t) => t.attachments!()),
    dispose() {
      disposed = true;
      transport?.dispose();
      listeners.clear();
    },
  };
}
