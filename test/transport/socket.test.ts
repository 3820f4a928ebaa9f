import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { systemClock } from '../../src/core/clock.js';
import { retryPolicy } from '../../src/core/retry.js';
import { ReconnectingSocket, type StateChange } from '../../src/transport/socket.js';
import { FakeLifecycle, FakeSockets } from '../helpers/fakes.js';

describe('ReconnectingSocket', () => {
  let clock: sinon.SinonFakeTimers;
  let sockets: FakeSockets;
  let lifecycle: FakeLifecycle;
  let changes: StateChange[];
  let frames: unknown[];
  let opens: boolean[];

  function create(extra: { watchdogMs?: number; reconnectAttempts?: number; random?: () => number } = {}) {
    const socket = new ReconnectingSocket({
      url: 'ws://example.test/v1/token/t',
      env: {
        clock: systemClock,
        createSocket: sockets.create,
        random: extra.random ?? (() => 0.9999),
        lifecycle,
        retry: retryPolicy({ reconnectAttempts: extra.reconnectAttempts }),
      },
      watchdogMs: extra.watchdogMs,
      onState: (change) => changes.push(change),
      onFrame: (data) => frames.push(data),
      onOpen: (reopened) => opens.push(reopened),
    });
    socket.connect();
    return socket;
  }

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    sockets = new FakeSockets();
    lifecycle = new FakeLifecycle();
    changes = [];
    frames = [];
    opens = [];
  });

  afterEach(() => clock.restore());

  it('moves idle -> connecting -> open and reports each change with the previous state', () => {
    const socket = create();
    sockets.last.open();
    expect(socket.state).to.equal('open');
    expect(changes).to.deep.equal([
      { state: 'connecting', previous: 'idle' },
      { state: 'open', previous: 'connecting' },
    ]);
    expect(opens).to.deep.equal([false]);
  });

  it('reconnects after a drop, the first retry within 1 s, and reports the reopen', () => {
    create();
    sockets.last.open();
    sockets.last.drop();
    expect(changes.at(-1)).to.deep.equal({ state: 'reconnecting', previous: 'open' });
    clock.tick(998);
    expect(sockets.all).to.have.length(1);
    clock.tick(1);
    expect(sockets.all).to.have.length(2);
    sockets.last.open();
    expect(opens).to.deep.equal([false, true]);
    expect(changes.at(-1)).to.deep.equal({ state: 'open', previous: 'reconnecting' });
  });

  it('backs off further on each failed attempt and resets only after the link stayed up', () => {
    create();
    sockets.last.open();
    sockets.last.drop();
    clock.tick(1_000);
    sockets.last.drop();
    clock.tick(1_998);
    expect(sockets.all).to.have.length(2);
    clock.tick(1);
    expect(sockets.all).to.have.length(3);
    // Opens, but drops before the minimum uptime: the next delay keeps growing.
    sockets.last.open();
    clock.tick(1_000);
    sockets.last.drop();
    clock.tick(3_998);
    expect(sockets.all).to.have.length(3);
    clock.tick(1);
    expect(sockets.all).to.have.length(4);
    // Stays up past the minimum uptime: back to the first delay.
    sockets.last.open();
    clock.tick(5_000);
    sockets.last.drop();
    clock.tick(999);
    expect(sockets.all).to.have.length(5);
  });

  it('does not reconnect after close, and emits nothing more', () => {
    const socket = create();
    sockets.last.open();
    const first = sockets.last;
    socket.close();
    expect(socket.state).to.equal('closed');
    expect(first.closed?.code).to.equal(1000);
    const count = changes.length;
    first.drop();
    clock.tick(120_000);
    expect(sockets.all).to.have.length(1);
    expect(changes).to.have.length(count);
  });

  it('detaches handlers from a replaced socket so its late frames are ignored', () => {
    create();
    sockets.last.open();
    const old = sockets.last;
    old.drop();
    expect(old.onmessage).to.equal(null);
    clock.tick(1_000);
    sockets.last.open();
    old.receive('late');
    sockets.last.receive('fresh');
    expect(frames).to.deep.equal(['fresh']);
  });

  it('declares the link dead after the watchdog period without frames, and any frame keeps it alive', () => {
    create({ watchdogMs: 75_000 });
    sockets.last.open();
    clock.tick(70_000);
    sockets.last.receive({ topicName: 'channel.metadata' });
    clock.tick(70_000);
    expect(changes.at(-1)?.state).to.equal('open');
    clock.tick(5_000);
    expect(changes.at(-1)?.state).to.equal('reconnecting');
    expect(sockets.all[0].closed).to.not.equal(null);
  });

  it('pauses reconnecting while the page is hidden and resumes when visible', () => {
    create();
    sockets.last.open();
    lifecycle.emit('hidden');
    sockets.last.drop();
    clock.tick(300_000);
    expect(sockets.all).to.have.length(1);
    lifecycle.emit('visible');
    clock.tick(1_000);
    expect(sockets.all).to.have.length(2);
  });

  it('cancels a planned retry when the network goes offline and retries once online', () => {
    create();
    sockets.last.open();
    sockets.last.drop();
    lifecycle.emit('offline');
    clock.tick(300_000);
    expect(sockets.all).to.have.length(1);
    lifecycle.emit('online');
    clock.tick(1_000);
    expect(sockets.all).to.have.length(2);
  });

  it('fails for good after too many attempts', () => {
    const socket = create({ reconnectAttempts: 2 });
    sockets.last.drop();
    clock.tick(1_000);
    sockets.last.drop();
    clock.tick(2_000);
    sockets.last.drop();
    expect(socket.state).to.equal('failed');
    clock.tick(300_000);
    expect(sockets.all).to.have.length(3);
  });

  it('suspends without reconnecting and wakes at once', () => {
    const socket = create();
    sockets.last.open();
    socket.suspend();
    expect(socket.state).to.equal('reconnecting');
    expect(sockets.last.closed?.code).to.equal(1000);
    clock.tick(300_000);
    expect(sockets.all).to.have.length(1);
    socket.wake();
    expect(sockets.all).to.have.length(2);
    sockets.last.open();
    expect(opens).to.deep.equal([false, true]);
  });

  it('sends only while open', () => {
    const socket = create();
    expect(socket.send('early')).to.equal(false);
    sockets.last.open();
    expect(socket.send('now')).to.equal(true);
    expect(sockets.last.sent).to.deep.equal(['now']);
  });
});
