import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { systemClock } from '../../../src/core/clock.js';
import { RequestChannel } from '../../../src/transport/web-messaging/channel.js';
import { WebMessagingError } from '../../../src/transport/web-messaging/error.js';
import type { ServerFrame } from '../../../src/transport/web-messaging/wire.js';

const answer = (tracingId: string | undefined, code = 200, className = 'StructuredMessage', body: unknown = {}) =>
  ({ type: 'response', className, code, body, ...(tracingId ? { tracingId } : {}) }) as ServerFrame;

describe('RequestChannel (Web Messaging requests over one socket)', () => {
  let clock: sinon.SinonFakeTimers;
  let written: { action: string; token: string; tracingId: string }[];
  let channel: RequestChannel;
  let writable: boolean;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    written = [];
    writable = true;
    channel = new RequestChannel(
      systemClock,
      (data) => {
        if (writable) written.push(JSON.parse(data));
        return writable;
      },
      2,
    );
    channel.token = 't1';
  });

  afterEach(() => clock.restore());

  it('sends nothing before the session is configured, then each request with the token, in order', () => {
    void channel.request('onMessage', { message: { text: 'a' } }, 'r1', { limited: true });
    void channel.request('getJwt', {}, 'r2', { limited: false });
    expect(written).to.deep.equal([]);
    channel.open();
    expect(written.map(({ action, token, tracingId }) => [action, token, tracingId])).to.deep.equal([
      ['onMessage', 't1', 'r1'],
      ['getJwt', 't1', 'r2'],
    ]);
  });

  it('settles each request by the answer carrying its tracingId, or by its answer class', async () => {
    channel.open();
    const first = channel.request('onMessage', {}, 'r1', { limited: true });
    const session = channel.request('configureSession', {}, 'r2', { limited: false });
    expect(channel.answer(answer(undefined, 200, 'SessionResponse'))).to.equal(true);
    expect(channel.answer(answer('r1'))).to.equal(true);
    expect(channel.answer(answer('nobody'))).to.equal(false);
    expect((await session).className).to.equal('SessionResponse');
    expect((await first).tracingId).to.equal('r1');
  });

  it('rejects with the error an error answer stands for', async () => {
    channel.open();
    const refused = channel.request('onMessage', {}, 'r1', { limited: true });
    channel.answer(answer('r1', 4011, 'string', 'Message too long'));
    const error = await refused.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(WebMessagingError);
    expect(error).to.deep.include({ code: 'message.too.long', retryable: false });
  });

  it('keeps onMessage frames to the rate, and sends a frame refused with 429 again after the wait', () => {
    channel.open();
    for (const id of ['r1', 'r2', 'r3']) void channel.request('onMessage', {}, id, { limited: true });
    expect(written.map((frame) => frame.tracingId)).to.deep.equal(['r1', 'r2']);
    clock.tick(1_100);
    expect(written.map((frame) => frame.tracingId)).to.deep.equal(['r1', 'r2', 'r3']);
    channel.answer(answer('r3', 429, 'TooManyRequestsErrorMessage', { retryAfter: 3 }));
    clock.tick(2_900);
    expect(written).to.have.length(3);
    clock.tick(200);
    expect(written.map((frame) => frame.tracingId)).to.deep.equal(['r1', 'r2', 'r3', 'r3']);
  });

  it('fails what was in flight when the socket drops, but keeps requests kept on drop in doubt until resent', async () => {
    channel.open();
    const lost = channel.request('onMessage', {}, 'r1', { limited: true });
    void channel.request('onMessage', { message: { text: 'kept' } }, 'r2', { limited: true, keepOnDrop: true });
    channel.drop();
    const error = await lost.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).to.deep.include({ code: 'network', retryable: true });
    expect(channel.inDoubt()).to.deep.equal([{ tracingId: 'r2', fields: { message: { text: 'kept' } } }]);
    written = [];
    channel.open();
    expect(written, 'nothing in doubt goes again by itself').to.deep.equal([]);
    clock.tick(1_100);
    channel.resendDoubtful();
    expect(written.map((frame) => frame.tracingId)).to.deep.equal(['r2']);
  });

  it('tries a request again when the socket would not take it, and fails everything on dispose', async () => {
    writable = false;
    channel.open();
    const pending = channel.request('getJwt', {}, 'r1', { limited: false });
    expect(written).to.deep.equal([]);
    writable = true;
    channel.open();
    expect(written.map((frame) => frame.tracingId)).to.deep.equal(['r1']);
    channel.dispose(new WebMessagingError('The chat has ended', { code: 'chat.ended', retryable: false }));
    const error = await pending.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).to.deep.include({ code: 'chat.ended' });
  });
});
