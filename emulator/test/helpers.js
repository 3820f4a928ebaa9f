// Test helpers: an emulator per test file, a small REST client and a recording guest socket.
import { after } from 'node:test';
import WebSocket from 'ws';
import { startEmulator } from '../server.js';

/**
 * Starts a quiet emulator on a free port, closed when the test file ends.
 * @param {import('../server.js').EmulatorOptions} [options]
 */
export async function start(options = {}) {
  const emulator = await startEmulator({ port: 0, quiet: true, ...options });
  after(() => emulator.close());
  return emulator;
}

/**
 * Calls the emulator: `{status, headers, body}` with the JSON body parsed (null when empty).
 * @param {{url: string}} emulator
 * @param {string} method
 * @param {string} path
 * @param {{body?: unknown, token?: string, headers?: Record<string, string>}} [options]
 */
export async function call(emulator, method, path, { body, token, headers = {} } = {}) {
  const res = await fetch(emulator.url + path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A valid create body for the emulator's default config, with overrides merged on top. */
export function createBody(overrides = {}) {
  return {
    organizationId: '6f3c2e1a-0b7d-4c55-9e2a-1d4f8a7b0c01',
    deploymentId: '9a1b7c3d-5e2f-4a60-8b19-2c7d4e6f8a02',
    routingTarget: { targetType: 'QUEUE', targetAddress: 'Chat Queue' },
    memberInfo: { displayName: 'Ada Guest', customFields: { orderId: '42' } },
    ...overrides,
  };
}

/**
 * Creates a guest chat; answers the create body plus the guest's member id.
 * @param {{url: string}} emulator
 */
export async function createChat(emulator, overrides = {}) {
  const res = await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', { body: createBody(overrides) });
  if (res.status !== 200) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return /** @type {{id: string, jwt: string, eventStreamUri: string, member: {id: string}}} */ (res.body);
}

/**
 * Creates an agent through the control API.
 * @param {{url: string}} emulator
 * @param {Record<string, unknown>} [agent]
 */
export async function createAgent(emulator, agent = {}) {
  const res = await call(emulator, 'POST', '/emulator/agents', { body: { displayName: 'Grace Agent', ...agent } });
  return /** @type {{id: string, token: string}} */ (res.body);
}

/**
 * Polls until `check` returns something truthy (at most `timeoutMs`).
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function until(check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The first frame in `frames` matching `test`, or the first one `socket` receives later (at most `timeoutMs`). It
 * listens rather than polls, so a test that makes a thousand requests does not wait a poll interval for each.
 * @param {WebSocket} socket
 * @param {any[]} frames what the socket received so far; its own listener, added first, appends each new frame
 * @param {(frame: any) => boolean} test
 * @param {number} [timeoutMs]
 * @returns {Promise<any>}
 */
function frameMatching(socket, frames, test, timeoutMs = 3000) {
  const found = frames.find(test);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const check = () => {
      const frame = frames.at(-1);
      if (!test(frame)) return;
      clearTimeout(timer);
      socket.off('message', check);
      resolve(frame);
    };
    const timer = setTimeout(() => {
      socket.off('message', check);
      reject(new Error(`timed out waiting for a frame matching ${test}`));
    }, timeoutMs);
    socket.on('message', check);
  });
}

/** A guest socket that records every frame it receives. */
export class GuestSocket {
  /** @param {string} uri */
  constructor(uri) {
    /** @type {any[]} */
    this.frames = [];
    /** @type {{code: number, reason: string} | null} */
    this.closed = null;
    this.socket = new WebSocket(uri);
    this.socket.on('message', (data) => this.frames.push(JSON.parse(String(data))));
    this.socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
  }

  /** @param {string} uri */
  static async open(uri) {
    const socket = new GuestSocket(uri);
    await socket.opened;
    return socket;
  }

  /** Frames other than heartbeats. */
  events() {
    return this.frames.filter((frame) => frame.topicName !== 'channel.metadata');
  }

  /** `type:detail` per event: `member:<state>`, `message:<bodyType>` or `typing`. */
  summary() {
    return this.events().map((frame) =>
      frame.metadata.type === 'member-change'
        ? `member:${frame.eventBody.member.state}`
        : frame.metadata.type === 'message'
          ? `message:${frame.eventBody.bodyType}`
          : 'typing',
    );
  }

  /**
   * Waits for a frame matching `test`.
   * @param {(frame: any) => boolean} test
   */
  waitFor(test) {
    return frameMatching(this.socket, this.frames, test);
  }

  waitClosed() {
    return until(() => this.closed);
  }

  close() {
    this.socket.close();
  }
}

/** A Web Messaging guest socket that records every frame and answers requests by `tracingId`. */
export class MessagingSocket {
  /**
   * @param {string} uri
   * @param {Record<string, string>} [headers]
   */
  constructor(uri, headers = {}) {
    /** @type {any[]} */
    this.frames = [];
    /** @type {{code: number, reason: string} | null} */
    this.closed = null;
    this.token = '';
    this.deploymentId = new URL(uri).searchParams.get('deploymentId') ?? '';
    this.socket = new WebSocket(uri, { headers });
    this.socket.on('message', (data) => this.frames.push(JSON.parse(String(data))));
    this.socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
      this.socket.once('unexpected-response', (_, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
    });
  }

  /**
   * Opens a socket on the emulator's default deployment (or `deploymentId`).
   * @param {{url: string, store: {config: {deploymentId: string}}}} emulator
   * @param {{deploymentId?: string, headers?: Record<string, string>}} [options]
   */
  static async open(emulator, { deploymentId = emulator.store.config.deploymentId, headers } = {}) {
    const socket = new MessagingSocket(
      `${emulator.url.replace('http', 'ws')}/v1?deploymentId=${deploymentId}`,
      headers,
    );
    await socket.opened;
    return socket;
  }

  /**
   * Opens a socket and configures a session for `token` (a fresh one by default).
   * @param {{url: string, store: {config: {deploymentId: string}}}} emulator
   * @param {string} [token]
   */
  static async session(emulator, token = crypto.randomUUID()) {
    const socket = await MessagingSocket.open(emulator);
    const answer = await socket.configure(token);
    assertOk(answer);
    return socket;
  }

  /** @param {object | string} data */
  sendRaw(data) {
    this.socket.send(typeof data === 'string' ? data : JSON.stringify(data));
  }

  /**
   * Sends an action with this socket's token and a fresh `tracingId`; resolves with the answer that carries it.
   * @param {string} action
   * @param {Record<string, unknown>} [fields]
   */
  request(action, fields = {}) {
    const tracingId = crypto.randomUUID();
    this.sendRaw({ action, token: this.token, tracingId, ...fields });
    return this.waitFor((frame) => frame.tracingId === tracingId);
  }

  /**
   * `configureSession` for `token`.
   * @param {string} token
   * @param {Record<string, unknown>} [fields]
   */
  configure(token, fields = {}) {
    this.token = token;
    return this.request('configureSession', { deploymentId: this.deploymentId, ...fields });
  }

  /** @param {string} text */
  say(text) {
    return this.request('onMessage', { message: { type: 'Text', text } });
  }

  /**
   * An `onMessage` Event.
   * @param {object} event
   */
  event(event) {
    return this.request('onMessage', { message: { type: 'Event', events: [event] } });
  }

  /** Pushed StructuredMessage bodies. */
  messages() {
    return this.frames
      .filter((frame) => frame.class === 'StructuredMessage' && frame.type === 'message')
      .map((frame) => frame.body);
  }

  /**
   * Waits for a frame matching `test`.
   * @param {(frame: any) => boolean} test
   */
  waitFor(test) {
    return frameMatching(this.socket, this.frames, test);
  }

  waitClosed() {
    return until(() => this.closed);
  }

  close() {
    this.socket.close();
  }
}

/** @param {any} answer */
function assertOk(answer) {
  if (answer.class !== 'SessionResponse' || answer.code !== 200)
    throw new Error(`configureSession answered ${JSON.stringify(answer)}`);
}
