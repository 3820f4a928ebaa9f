import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createGuestChatTransport } from '../../../src/transport/guest-chat/index.js';
import type { ChatTransport, TransportEvent } from '../../../src/transport/types.js';
import { FakeFetch, FakeLifecycle, FakeSockets, flush, jsonResponse, until } from '../../helpers/fakes.js';

const CID = 'conv-1';
const GUEST = 'guest-1';
const STREAM = 'ws://127.0.0.1:9/v1/token/jwt-1';
const SAVED = { kind: 'guest-chat', conversationId: CID, memberId: GUEST, jwt: 'jwt-1', eventStreamUri: STREAM };

describe('Guest Chat transport, a chat the server forgot', () => {
  let clock: sinon.SinonFakeTimers;
  let sockets: FakeSockets;
  let server: FakeFetch;
  let events: TransportEvent[];
  let transport: ChatTransport;
  /** What the member endpoint answers: the server's memory of the guest. */
  let member: () => Response;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    sockets = new FakeSockets();
    member = () => jsonResponse(200, { id: GUEST, role: 'CUSTOMER', state: 'CONNECTED' });
    server = new FakeFetch((request) => {
      if (request.method === 'POST' && request.path === '/api/v2/webchat/guest/conversations') {
        return jsonResponse(200, { id: CID, jwt: 'jwt-1', eventStreamUri: STREAM, member: { id: GUEST } });
      }
      if (request.path.endsWith(`/members/${GUEST}`)) return member();
      return jsonResponse(200, { entities: [] });
    });
    events = [];
    transport = createGuestChatTransport({
      environment: 'http://127.0.0.1:9',
      organizationId: 'org',
      deploymentId: 'dep',
      fetch: server.fetch,
      createSocket: sockets.create,
      lifecycle: new FakeLifecycle(),
      random: () => 0.5,
    });
    transport.subscribe((event) => events.push(event));
  });

  afterEach(() => {
    transport.dispose();
    clock.restore();
  });

  const gone = () => jsonResponse(404, { code: 'chat.error.not.found', status: 404, message: 'Not Found' });

  it('fails a resume at the first refused socket when the member is unknown, and closes what it opened', async () => {
    member = gone;
    const resume = transport.resume(SAVED).catch((error: unknown) => error);
    await until(() => sockets.all.length > 0, 'a socket opens');
    sockets.last.drop();
    await clock.tickAsync(0);
    const error = await resume;
    expect(error).to.deep.include({ status: 404, retryable: false });
    expect(sockets.all.every((socket) => socket.closed !== null || socket.onclose === null)).to.equal(true);
    // Nothing keeps retrying: no socket is opened later.
    const opened = sockets.all.length;
    await clock.tickAsync(600_000);
    expect(sockets.all.length).to.equal(opened);
  });

  it('refuses a saved record whose event stream is on another host, without opening it', async () => {
    const error = await transport
      .resume({ ...SAVED, eventStreamUri: 'wss://elsewhere.example/v1/token/jwt-1' })
      .catch((caught: unknown) => caught);
    expect(error).to.deep.include({ code: 'resume.invalid', retryable: false });
    expect(sockets.all).to.have.length(0);
    expect(server.requests).to.have.length(0);
  });

  it('ends a live chat within seconds when the server refuses the guest after a drop', async () => {
    const start = transport.start({ memberInfo: { displayName: 'Vi' }, routingTarget: { targetAddress: 'Q' } });
    await until(() => sockets.all.length > 0, 'a socket opens');
    sockets.last.open();
    await start;
    // Each refusal counts as unread until the transport has read its body. An engine reads a body in tasks of its own
    // (Firefox's can come after many others on a busy machine): the page's clock moves on only once it is read.
    let unread = 0;
    member = () => {
      const response = jsonResponse(401, { code: 'bad.credentials', status: 401, message: 'Invalid token' });
      const read = response.text.bind(response);
      unread += 1;
      response.text = () => read().finally(() => (unread -= 1));
      return response;
    };
    sockets.last.drop();
    // Ten seconds of the page's clock, one at a time, with every answer read in between.
    const ended = () => events.filter((event) => event.type === 'ended');
    for (let second = 0; second < 10 && ended().length === 0; second += 1) {
      await clock.tickAsync(1_000);
      await until(() => unread === 0, 'the refusal is read');
      await flush();
    }
    expect(ended()).to.deep.equal([{ type: 'ended', reason: 'expired', readOnly: false }]);
    const opened = sockets.all.length;
    await clock.tickAsync(600_000);
    expect(sockets.all.length).to.equal(opened);
  });

  it('keeps retrying while the server cannot be reached, and does not end the chat', async () => {
    const start = transport.start({ memberInfo: { displayName: 'Vi' }, routingTarget: { targetAddress: 'Q' } });
    await until(() => sockets.all.length > 0, 'a socket opens');
    sockets.last.open();
    await start;
    member = () => {
      throw new TypeError('Failed to fetch');
    };
    sockets.last.drop();
    await clock.tickAsync(30_000);
    await flush();
    expect(events.some((event) => event.type === 'ended')).to.equal(false);
  });
});
