import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createGuestChatTransport, GuestChatError } from '../../../src/transport/guest-chat/index.js';
import { TransportError, type ChatTransport, type TransportEvent } from '../../../src/transport/types.js';
import {
  FakeFetch,
  FakeLifecycle,
  FakeSockets,
  flush,
  jsonResponse,
  until,
  type SeenRequest,
} from '../../helpers/fakes.js';

const CID = 'conv-1';
const GUEST = 'guest-1';
const AGENT = 'agent-1';
const BASE = `/api/v2/webchat/guest/conversations/${CID}`;
const ts = (ms: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, 0, ms)).toISOString();

function messageFrame(id: string, sender: string, body: string, bodyType = 'standard', ms = 0) {
  return {
    topicName: `v2.conversations.chats.${CID}.messages`,
    version: '2',
    eventBody: { id, conversation: { id: CID }, sender: { id: sender }, body, bodyType, timestamp: ts(ms) },
    metadata: { CorrelationId: 'c', type: 'message' },
  };
}

function memberFrame(member: string, state: string, ms = 0) {
  return {
    topicName: `v2.conversations.chats.${CID}.members`,
    version: '2',
    eventBody: { conversation: { id: CID }, member: { id: member, state }, timestamp: ts(ms) },
    metadata: { CorrelationId: 'c', type: 'member-change' },
  };
}

describe('Guest Chat transport', () => {
  let sockets: FakeSockets;
  let server: FakeFetch;
  let events: TransportEvent[];
  let transport: ChatTransport;
  let guestState: string;
  const roles: Record<string, { role: string; displayName?: string; avatarImageUrl?: string }> = {
    [AGENT]: { role: 'AGENT', displayName: 'Ana', avatarImageUrl: 'https://example.test/ana.png' },
    'flow-1': { role: 'WORKFLOW' },
    'acd-1': { role: 'ACD' },
  };

  function answer(request: SeenRequest): Response {
    if (request.method === 'POST' && request.path === '/api/v2/webchat/guest/conversations') {
      return jsonResponse(200, {
        id: CID,
        jwt: 'jwt-1',
        eventStreamUri: 'wss://streams.example.test/v1/token/jwt-1',
        member: { id: GUEST },
      });
    }
    const member = /\/members\/([^/?]+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && member === GUEST)
      return jsonResponse(200, { id: GUEST, role: 'CUSTOMER', state: guestState });
    if (request.method === 'GET' && member && roles[member])
      return jsonResponse(200, { id: member, state: 'CONNECTED', ...roles[member] });
    if (request.method === 'POST' && request.path.endsWith('/messages')) {
      return jsonResponse(200, {
        id: 'm-sent',
        conversation: { id: CID },
        sender: { id: GUEST },
        body: (request.body as { body: string }).body,
        bodyType: 'standard',
        timestamp: ts(5),
      });
    }
    if (request.method === 'DELETE') return new Response(null, { status: 204 });
    if (request.method === 'GET' && request.path.startsWith(`${BASE}/messages`))
      return jsonResponse(200, { entities: [], pageSize: 100 });
    return jsonResponse(404, { code: 'not.found', status: 404, message: 'Not Found', contextId: 'ctx-404' });
  }

  async function started(): Promise<void> {
    const start = transport.start({ memberInfo: { displayName: 'Vi' }, routingTarget: { targetAddress: 'Support' } });
    await until(() => sockets.all.length > 0);
    sockets.last.open();
    await start;
  }

  beforeEach(() => {
    sockets = new FakeSockets();
    guestState = 'CONNECTED';
    server = new FakeFetch(answer);
    events = [];
    transport = createGuestChatTransport({
      environment: 'http://127.0.0.1:9',
      organizationId: 'org',
      deploymentId: 'dep',
      fetch: server.fetch,
      createSocket: sockets.create,
      lifecycle: new FakeLifecycle(),
      random: () => 0,
    });
    transport.subscribe((event) => events.push(event));
  });

  afterEach(() => transport.dispose());

  it('creates the chat with no auth and attaches the event stream before resolving', async () => {
    let resolved = false;
    const start = transport
      .start({ memberInfo: { displayName: 'Vi' }, routingTarget: { targetAddress: 'Support', skills: ['en'] } })
      .then((result) => {
        resolved = true;
        return result;
      });
    await until(() => sockets.all.length > 0);
    const [create] = server.requests;
    expect(create.url).to.equal('http://127.0.0.1:9/api/v2/webchat/guest/conversations');
    expect(create.headers.Authorization).to.equal(undefined);
    expect(create.headers['Content-Type']).to.equal('application/json');
    expect(create.body).to.deep.include({
      organizationId: 'org',
      deploymentId: 'dep',
      memberInfo: { displayName: 'Vi' },
    });
    expect((create.body as { routingTarget: unknown }).routingTarget).to.deep.include({
      targetType: 'QUEUE',
      targetAddress: 'Support',
    });
    expect(sockets.last.url).to.equal('wss://streams.example.test/v1/token/jwt-1');
    expect(resolved).to.equal(false);
    sockets.last.open();
    expect((await start).selfId).to.equal(GUEST);
    expect(transport.resumeState()).to.deep.equal({
      kind: 'guest-chat',
      conversationId: CID,
      memberId: GUEST,
      jwt: 'jwt-1',
      eventStreamUri: 'wss://streams.example.test/v1/token/jwt-1',
    });
  });

  it('sends with the bearer token and returns the server message with the client id', async () => {
    await started();
    const message = await transport.send('hello', 'client-1');
    const [post] = server.calls('POST', `${BASE}/members/${GUEST}/messages`);
    expect(post.headers.Authorization).to.equal('Bearer jwt-1');
    expect(post.body).to.deep.equal({ body: 'hello', bodyType: 'standard' });
    expect(message).to.deep.include({ id: 'm-sent', clientId: 'client-1', text: 'hello' });
    expect(message.sender.kind).to.equal('guest');
  });

  it('reports agent messages with the agent looked up once, and drops re-delivered events', async () => {
    await started();
    sockets.last.receive(messageFrame('m1', AGENT, 'Hi', 'standard', 1));
    sockets.last.receive(messageFrame('m1', AGENT, 'Hi', 'standard', 1));
    sockets.last.receive(messageFrame('m2', AGENT, 'How can I help?', 'standard', 2));
    await until(() => events.some((event) => event.type === 'message' && event.message.id === 'm2'));
    const messages = events.filter((event) => event.type === 'message');
    expect(messages.map((event) => event.type === 'message' && event.message.id)).to.deep.equal(['m1', 'm2']);
    expect(messages[0].type === 'message' && messages[0].message.sender).to.deep.equal({
      id: AGENT,
      kind: 'agent',
      name: 'Ana',
      avatarUrl: 'https://example.test/ana.png',
    });
    expect(server.calls('GET', `${BASE}/members/${AGENT}`)).to.have.length(1);
  });

  it('reports bad frames as warnings, drops them and keeps handling the next ones', async () => {
    await started();
    sockets.last.receive('not json');
    sockets.last.receive({
      topicName: `v2.conversations.chats.${CID}.messages`,
      metadata: { type: 'message' },
      eventBody: { id: 'x' },
    });
    sockets.last.receive(memberFrame(AGENT, 'SLEEPING'));
    sockets.last.receive(messageFrame('m3', AGENT, 'still here', 'standard', 3));
    await until(() => events.some((event) => event.type === 'message' && event.message.id === 'm3'));
    expect(events.filter((event) => event.type === 'warning')).to.have.length(3);
    expect(events.some((event) => event.type === 'message' && event.message.id === 'm3')).to.equal(true);
  });

  it('ignores heartbeats and frames without metadata', async () => {
    await started();
    const before = events.length;
    sockets.last.receive({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
    sockets.last.receive({ topicName: `v2.conversations.chats.${CID}.messages`, eventBody: {} });
    await flush(10);
    expect(events).to.have.length(before);
  });

  it('reports agents joining with their role and shows no placeholder joins as agents', async () => {
    await started();
    sockets.last.receive(messageFrame('j0', 'flow-1', '', 'member-join', 1));
    sockets.last.receive(memberFrame('acd-1', 'CONNECTED', 2));
    sockets.last.receive(memberFrame(AGENT, 'ALERTING', 3));
    sockets.last.receive(memberFrame(AGENT, 'CONNECTED', 4));
    sockets.last.receive(messageFrame('j1', AGENT, '', 'member-join', 5));
    await until(() => events.some((event) => event.type === 'message' && event.message.id === 'j1'));
    const members = events.flatMap((event) => (event.type === 'member' ? [[event.member.kind, event.state]] : []));
    expect(members).to.deep.equal([
      ['system', 'connected'],
      ['agent', 'alerting'],
      ['agent', 'connected'],
    ]);
    const notices = events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
    expect(notices.map((message) => [message.id, message.notice])).to.deep.equal([['j1', 'joined']]);
  });

  it("ends the chat when the guest's own member disconnects", async () => {
    await started();
    sockets.last.receive(memberFrame(GUEST, 'DISCONNECTED', 9));
    await flush(10);
    expect(events.find((event) => event.type === 'ended')).to.deep.equal({
      type: 'ended',
      reason: 'agent-ended',
      readOnly: false,
    });
    expect(events.some((event) => event.type === 'connection' && event.state === 'closed')).to.equal(true);
  });

  it('after a reopen, checks the guest is still connected before reporting a resync', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await started();
      sockets.last.drop();
      clock.tick(1);
      sockets.last.open();
      await until(() => events.at(-1)?.type === 'resynced');
      expect(server.calls('GET', `${BASE}/members/${GUEST}`)).to.have.length(1);

      guestState = 'DISCONNECTED';
      sockets.last.drop();
      clock.tick(1);
      sockets.last.open();
      await until(() => events.some((event) => event.type === 'ended' && event.reason === 'expired'));
    } finally {
      clock.restore();
    }
  });

  it('ignores a member check answered after the stream dropped again, and checks again on the next reopen', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      await started();
      let answerCheck: (state: string) => void = () => {};
      server.handler = (request) =>
        request.method === 'GET'
          ? new Promise(
              (resolve) =>
                (answerCheck = (state) => resolve(jsonResponse(200, { id: GUEST, role: 'CUSTOMER', state }))),
            )
          : answer(request);
      sockets.last.drop();
      clock.tick(1);
      sockets.last.open();
      await until(() => server.calls('GET', `${BASE}/members/${GUEST}`).length === 1);
      sockets.last.drop();
      answerCheck('DISCONNECTED');
      await flush(20);
      expect(
        events.some((event) => event.type === 'ended' || event.type === 'resynced'),
        'a stale answer neither ends nor resyncs',
      ).to.equal(false);

      clock.tick(1);
      sockets.last.open();
      await until(() => server.calls('GET', `${BASE}/members/${GUEST}`).length === 2);
      answerCheck('CONNECTED');
      await until(() => events.at(-1)?.type === 'resynced');
      expect(events.some((event) => event.type === 'ended')).to.equal(false);
    } finally {
      clock.restore();
    }
  });

  it('leaves with DELETE on its own member and reports the end', async () => {
    await started();
    await transport.leave();
    expect(server.calls('DELETE', `${BASE}/members/${GUEST}`)).to.have.length(1);
    expect(events.some((event) => event.type === 'ended' && event.reason === 'visitor-left')).to.equal(true);
  });

  it('raises typed errors: terminal for 4xx, retryable with Retry-After for 429, retryable for network', async () => {
    await started();
    server.handler = () =>
      jsonResponse(401, { code: 'bad.credentials', status: 401, message: 'Bad', contextId: 'ctx-1' });
    const unauthorised = await transport.send('x', 'c').catch((error: unknown) => error);
    expect(unauthorised).to.be.instanceOf(GuestChatError).and.instanceOf(TransportError);
    expect(unauthorised).to.deep.include({
      status: 401,
      code: 'bad.credentials',
      contextId: 'ctx-1',
      retryable: false,
    });

    server.handler = () =>
      jsonResponse(429, { code: 'too.many.requests.retry.after', status: 429 }, { 'Retry-After': '3' });
    expect(await transport.send('x', 'c').catch((error: unknown) => error)).to.deep.include({
      status: 429,
      retryAfter: 3,
      retryable: true,
    });

    server.handler = () => jsonResponse(503, { code: 'service.unavailable', status: 503 });
    expect(await transport.send('x', 'c').catch((error: unknown) => error)).to.deep.include({
      status: 503,
      retryable: true,
    });

    server.handler = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await transport.send('x', 'c').catch((error: unknown) => error)).to.deep.include({
      code: 'network',
      retryable: true,
    });
  });

  describe('a send refused with 400 chat.error.member.state', () => {
    const refusal = () =>
      jsonResponse(400, { code: 'chat.error.member.state', status: 400, message: 'Member State', contextId: 'ctx-ms' });
    let clock: sinon.SinonFakeTimers;

    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    });

    afterEach(() => clock.restore());

    it('is retryable while the event stream is dropped, and the send goes through once it is back', async () => {
      await started();
      sockets.last.drop();
      server.handler = refusal;
      const refused = await transport.send('hello', 'c1').catch((error: unknown) => error);
      expect(refused)
        .to.be.instanceOf(GuestChatError)
        .and.deep.include({ status: 400, code: 'chat.error.member.state', contextId: 'ctx-ms', retryable: true });

      server.handler = answer;
      clock.tick(1);
      sockets.last.open();
      await until(() => events.at(-1)?.type === 'resynced');
      expect((await transport.send('hello', 'c1')).id).to.equal('m-sent');
    });

    it('is retryable when it arrives after a reopen but before the guest is counted back', async () => {
      await started();
      sockets.last.drop();
      clock.tick(1);
      let memberCheck: () => void = () => {};
      server.handler = (request) => {
        if (request.method === 'GET') return new Promise((resolve) => (memberCheck = () => resolve(answer(request))));
        return refusal();
      };
      sockets.last.open();
      await until(() => server.calls('GET', `${BASE}/members/${GUEST}`).length === 1);
      expect(await transport.send('hello', 'c1').catch((error: unknown) => error)).to.deep.include({ retryable: true });
      memberCheck();
      await until(() => events.at(-1)?.type === 'resynced');
    });

    it('is retryable when the server dropped the stream before the browser noticed', async () => {
      await started();
      server.handler = refusal;
      const refused = transport.send('hello', 'c1').catch((error: unknown) => error);
      await until(() => server.calls('POST', `${BASE}/members/${GUEST}/messages`).length === 1);
      await flush(10);
      sockets.last.drop();
      expect(await refused).to.deep.include({ code: 'chat.error.member.state', retryable: true });
    });

    it('stays terminal while the stream is open and alive: the guest is really out', async () => {
      await started();
      server.handler = refusal;
      let settled = false;
      const refused = transport
        .send('hello', 'c1')
        .catch((error: unknown) => error)
        .finally(() => (settled = true));
      await until(() => server.calls('POST', `${BASE}/members/${GUEST}/messages`).length === 1);
      await flush(10);
      expect(settled, 'no verdict before the stream shows whether it is alive').to.equal(false);
      // The send listens for the stream only once its refusal is read, which takes longer in some engines: heartbeats
      // go on arriving, as from a live server, until one settles it.
      await until(() => {
        if (!settled)
          sockets.last.receive({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
        return settled;
      }, 'a heartbeat settles the refused send');
      const error = await refused;
      expect(error)
        .to.be.instanceOf(GuestChatError)
        .and.deep.include({ status: 400, code: 'chat.error.member.state', retryable: false });
      expect(sockets.all, 'no reconnect was started').to.have.length(1);
    });

    it('stays terminal once the chat has ended and the stream is closed for good', async () => {
      await started();
      sockets.last.receive(memberFrame(GUEST, 'DISCONNECTED', 9));
      await until(() => events.some((event) => event.type === 'ended'));
      server.handler = refusal;
      expect(await transport.send('hello', 'c1').catch((error: unknown) => error)).to.deep.include({
        code: 'chat.error.member.state',
        retryable: false,
      });
    });

    it('leaves other 400s terminal even while the stream is dropped', async () => {
      await started();
      sockets.last.drop();
      server.handler = () =>
        jsonResponse(400, { code: 'chat.error.conversation.state', status: 400, message: 'Conversation State' });
      expect(await transport.send('hello', 'c1').catch((error: unknown) => error)).to.deep.include({
        code: 'chat.error.conversation.state',
        retryable: false,
      });
    });
  });

  it('resumes from saved state with the transcript and the agents present', async () => {
    server.handler = (request) => {
      if (request.path.startsWith(`${BASE}/members?`)) {
        return jsonResponse(200, {
          entities: [
            { id: GUEST, role: 'CUSTOMER', state: 'CONNECTED' },
            { id: AGENT, role: 'AGENT', state: 'CONNECTED', displayName: 'Ana' },
          ],
        });
      }
      if (request.path.startsWith(`${BASE}/messages`)) {
        return jsonResponse(200, {
          entities: [
            messageFrame('m1', GUEST, 'hi', 'standard', 1).eventBody,
            messageFrame('m2', AGENT, 'hello', 'standard', 2).eventBody,
          ],
        });
      }
      return answer(request);
    };
    const resume = transport.resume({
      kind: 'guest-chat',
      conversationId: CID,
      memberId: GUEST,
      jwt: 'jwt-1',
      eventStreamUri: 'ws://127.0.0.1:9/v1/token/jwt-1',
    });
    await until(() => sockets.all.length > 0);
    sockets.last.open();
    const result = await resume;
    expect(result.resumed).to.equal(true);
    expect(result.history.map((message) => [message.id, message.sender.kind])).to.deep.equal([
      ['m1', 'guest'],
      ['m2', 'agent'],
    ]);
    expect(result.members).to.deep.equal([
      { member: { id: AGENT, kind: 'agent', name: 'Ana', avatarUrl: undefined }, state: 'connected' },
    ]);
    expect(server.calls('GET', `${BASE}/members/${AGENT}`)).to.have.length(0);
  });

  it('refuses to resume a chat whose guest is gone', async () => {
    guestState = 'DISCONNECTED';
    const resume = transport.resume({
      kind: 'guest-chat',
      conversationId: CID,
      memberId: GUEST,
      jwt: 'jwt-1',
      eventStreamUri: 'ws://127.0.0.1:9/v1/token/jwt-1',
    });
    await until(() => sockets.all.length > 0);
    sockets.last.open();
    const error = await resume.catch((caught: unknown) => caught);
    expect(error).to.deep.include({ code: 'chat.ended', retryable: false });
  });
});
