import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createGuestChatTransport } from '../../src/transport/guest-chat/index.js';
import { TransportError, type ChatTransport, type TransportEvent } from '../../src/transport/types.js';
import { FakeFetch, FakeLifecycle, FakeSockets, flush, jsonResponse, until } from '../helpers/fakes.js';

describe('a transport under a retry policy', () => {
  let clock: sinon.SinonFakeTimers;
  let sockets: FakeSockets;
  let transport: ChatTransport;
  let events: TransportEvent[];

  /** A Guest Chat transport whose server answers `answer` (or never, for null). */
  function create(retry: Parameters<typeof createGuestChatTransport>[0]['retry'], answer: Response | null) {
    // Without an answer, a request hangs until it is aborted, as a real one does.
    const fetch = answer
      ? new FakeFetch(() => answer.clone()).fetch
      : (((_input, init) =>
          new Promise<Response>((_, reject) =>
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          )) as typeof globalThis.fetch);
    transport = createGuestChatTransport({
      environment: 'http://127.0.0.1:9',
      organizationId: 'org',
      deploymentId: 'dep',
      fetch,
      createSocket: sockets.create,
      lifecycle: new FakeLifecycle(),
      random: () => 0.5,
      retry,
    });
    transport.subscribe((event) => events.push(event));
  }

  const start = () =>
    transport.start({ memberInfo: { displayName: 'Vi' }, routingTarget: { targetAddress: 'Support' } });

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    sockets = new FakeSockets();
    events = [];
  });

  afterEach(() => {
    transport.dispose();
    clock.restore();
  });

  it('gives up on a server that does not answer after the policy requestTimeoutMs, not before', async () => {
    create({ requestTimeoutMs: 2_000 }, null);
    let failure: unknown = null;
    const starting = start().catch((error: unknown) => (failure = error));
    await clock.tickAsync(1_999);
    expect(failure, 'still waiting just before the timeout').to.equal(null);
    await clock.tickAsync(1);
    await starting;
    expect(failure).to.be.instanceOf(TransportError);
    expect((failure as TransportError).code).to.equal('timeout');
    expect((failure as TransportError).retryable).to.equal(true);
  });

  it('stops reconnecting after the policy reconnectAttempts, within its backoff bounds', async () => {
    const created = jsonResponse(200, {
      id: 'conv-1',
      jwt: 'jwt-1',
      eventStreamUri: 'wss://streams.example.test/v1/token/jwt-1',
      member: { id: 'guest-1' },
    });
    create({ reconnectAttempts: 2, baseMs: 100, maxMs: 100 }, created);
    const starting = start();
    await until(() => sockets.all.length === 1);
    sockets.last.open();
    await starting;
    sockets.last.drop();
    // Full jitter with random 0.5 and a 100 ms ceiling: each retry comes 50 ms after the drop, never at once.
    await clock.tickAsync(49);
    expect(sockets.all.length, 'no retry before its delay').to.equal(1);
    await clock.tickAsync(1);
    expect(sockets.all.length).to.equal(2);
    sockets.last.drop();
    await clock.tickAsync(50);
    expect(sockets.all.length).to.equal(3);
    sockets.last.drop();
    await clock.tickAsync(60_000);
    await flush();
    expect(sockets.all.length, 'no third retry').to.equal(3);
    const states = events.flatMap((event) => (event.type === 'connection' ? [event.state] : []));
    expect(states.at(-1)).to.equal('failed');
  });
});
