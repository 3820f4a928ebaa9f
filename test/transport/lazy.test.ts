import { expect } from '@open-wc/testing';
import { lazyTransport } from '../../src/transport/lazy.js';
import { TransportError, type ChatTransport, type TransportEvent } from '../../src/transport/types.js';

/** The smallest transport that records what reaches it. */
function recordingTransport() {
  const listeners = new Set<(event: TransportEvent) => void>();
  const calls: string[] = [];
  const transport = {
    kind: 'guest-chat',
    prepare: async () => ({ guestTyping: true, agentTyping: true, leaveEndsConversation: true }),
    start: async () => ({ selfId: 'g1', history: [], resumed: false, members: [], readOnly: false }),
    resume: async () => ({ selfId: 'g1', history: [], resumed: true, members: [], readOnly: false }),
    resumeState: () => ({ kind: 'guest-chat', id: 'c1' }),
    send: async (text: string, clientId: string) => {
      calls.push(`send:${text}:${clientId}`);
      return { id: 'm1', clientId, sender: { id: 'g1', kind: 'guest' }, text, time: 1 };
    },
    sendTyping: async () => void calls.push('typing'),
    leave: async () => void calls.push('leave'),
    history: async () => [],
    subscribe(listener: (event: TransportEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    suspend: () => void calls.push('suspend'),
    wake: () => void calls.push('wake'),
    dispose: () => void calls.push('dispose'),
  } satisfies ChatTransport;
  const emit = (event: TransportEvent) => listeners.forEach((listener) => listener(event));
  return { transport, calls, emit, listeners };
}

describe('lazyTransport', () => {
  it('fetches nothing until a call needs the transport, then forwards every call', async () => {
    const real = recordingTransport();
    let loads = 0;
    const lazy = lazyTransport('guest-chat', async () => {
      loads += 1;
      return real.transport;
    });
    lazy.suspend();
    expect(lazy.resumeState()).to.equal(null);
    expect(loads).to.equal(0);
    const sent = await lazy.send('hi', 'c-1');
    await lazy.sendTyping();
    expect(sent.clientId).to.equal('c-1');
    expect(real.calls).to.deep.equal(['send:hi:c-1', 'typing']);
    expect(lazy.resumeState()).to.deep.equal({ kind: 'guest-chat', id: 'c1' });
    expect(loads).to.equal(1);
  });

  it('attaches listeners subscribed before the code arrived, and detaches them on unsubscribe', async () => {
    const real = recordingTransport();
    const lazy = lazyTransport('guest-chat', async () => real.transport);
    const seen: string[] = [];
    const unsubscribe = lazy.subscribe((event) => seen.push(event.type));
    await lazy.prepare();
    real.emit({ type: 'resynced' });
    unsubscribe();
    real.emit({ type: 'resynced' });
    expect(seen).to.deep.equal(['resynced']);
    expect(real.listeners.size).to.equal(0);
  });

  it('reports a failed fetch as a retryable network error and fetches again on the next call', async () => {
    const real = recordingTransport();
    let attempts = 0;
    const lazy = lazyTransport('guest-chat', async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return real.transport;
    });
    const error = await lazy.prepare().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TransportError);
    expect((error as TransportError).retryable).to.equal(true);
    expect((error as TransportError).code).to.equal('network');
    await lazy.prepare();
    expect(attempts).to.equal(2);
  });

  it('disposes a transport that arrives after the chat was disposed, and sends nothing through it', async () => {
    const real = recordingTransport();
    let release!: () => void;
    const lazy = lazyTransport(
      'guest-chat',
      () => new Promise<ChatTransport>((resolve) => (release = () => resolve(real.transport))),
    );
    const pending = lazy.send('late', 'c-9');
    lazy.dispose();
    release();
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TransportError);
    expect(real.calls).to.deep.equal(['dispose']);
  });

  it('recognises transport errors thrown by a separately loaded copy of the class', () => {
    const foreign = { [Symbol.for('guest-chat.TransportError')]: true, message: 'x', retryable: true };
    expect(foreign).to.be.instanceOf(TransportError);
    expect(new Error('plain')).not.to.be.instanceOf(TransportError);
  });
});
