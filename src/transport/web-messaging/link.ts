import { newId } from '../../core/ids.js';
import type { TransportEnv } from '../env.js';
import { parseJsonObject, type JsonObject } from '../json.js';
import { ReconnectingSocket, type StateChange } from '../socket.js';
import { RequestChannel, type RequestOptions } from './channel.js';
import { WebMessagingError } from './error.js';
import { readServerFrame, readSessionResponse, type ServerFrame, type SessionInfo } from './wire.js';

/** The SDK's fixed tracingId of its health check (base64 of "HealthCheckMessageId"). */
const ECHO_TRACING_ID = 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=';

/** Where a guest socket goes and what it tells its transport. */
export interface GuestLinkOptions {
  url: string;
  env: TransportEnv;
  token: string;
  deploymentId: string;
  /** Period of the `echo` keep-alive; the link counts as dead after two and a half periods of silence. */
  echoIntervalMs: number;
  rateLimitPerSecond: number;
  /** The session is configured; `reopened` after a drop, when the guest may have missed messages (not the first). */
  onConfigured(info: SessionInfo, reopened: boolean, first: boolean): void;
  /** The server refused to configure the session; `first`: while opening (the opening fails with it). */
  onRefused(error: WebMessagingError, first: boolean): void;
  /** Every frame but the session's own answers, and whether it answered a request. */
  onFrame(frame: ServerFrame, answered: boolean): void;
  onBadFrame(reason: string): void;
  onState(change: StateChange): void;
}

/**
 * One guest socket and its session: it configures the session on every (re)open, keeps the link alive with
 * `echo`, and carries the chat's requests on its {@link RequestChannel}, which it pauses while the link is away.
 * `ready` settles with the first SessionResponse: a socket that never opens rejects it at once.
 */
export function openGuestLink(options: GuestLinkOptions) {
  const { env, token } = options;
  const channel = new RequestChannel(env.clock, (data) => socket.send(data), options.rateLimitPerSecond);
  channel.token = token;
  let configureId = '';
  let configured = false;
  let reopening = false;
  let opened = false;
  let silent = false;
  let echoTimer: unknown = null;
  let first: { resolve(info: SessionInfo): void; reject(error: unknown): void } | null = null;
  const ready = new Promise<SessionInfo>((resolve, reject) => (first = { resolve, reject }));

  function stopEcho(): void {
    if (echoTimer !== null) env.clock.clearTimeout(echoTimer);
    echoTimer = null;
  }

  /** The keep-alive: its reply is a sign of life for the watchdog and is never shown. */
  function scheduleEcho(): void {
    stopEcho();
    echoTimer = env.clock.setTimeout(() => {
      echoTimer = null;
      if (!configured) return;
      socket.send(
        JSON.stringify({ action: 'echo', token, tracingId: ECHO_TRACING_ID, message: { type: 'Text', text: 'ping' } }),
      );
      scheduleEcho();
    }, options.echoIntervalMs);
  }

  function configuredWith(info: SessionInfo): void {
    configured = true;
    channel.open();
    scheduleEcho();
    const opening = first;
    first = null;
    const again = !opening && reopening;
    if (!opening) reopening = false;
    options.onConfigured(info, again, !!opening);
    opening?.resolve(info);
  }

  function refused(error: WebMessagingError): void {
    const opening = first;
    first = null;
    options.onRefused(error, !!opening);
    opening?.reject(error);
  }

  function onFrame(data: unknown): void {
    const parsed = parseJsonObject(data);
    if (!parsed.ok) return options.onBadFrame(parsed.reason);
    const read = readServerFrame(parsed.value);
    if (!read.ok) return options.onBadFrame(read.reason);
    const frame = read.value;
    const answered = channel.answer(frame);
    if (frame.className === 'SessionResponse') {
      if (answered || configured) return;
      const info = readSessionResponse(frame.body);
      if (frame.code !== 200) return refused(WebMessagingError.fromFrame(frame.code, frame.body));
      if (!info.ok) return options.onBadFrame(info.reason);
      if (info.value.connected) configuredWith(info.value);
      return;
    }
    const error = frame.className === 'string' || frame.className === 'TooManyRequestsErrorMessage';
    if (error && !answered && !configured && (frame.tracingId === configureId || !frame.tracingId)) {
      return refused(WebMessagingError.fromFrame(frame.code, frame.body));
    }
    options.onFrame(frame, answered);
  }

  const socket = new ReconnectingSocket({
    url: options.url,
    env,
    watchdogMs: options.echoIntervalMs * 2.5,
    onFrame,
    onOpen(reopened) {
      opened = true;
      reopening = reopened;
      configureId = newId();
      socket.send(
        JSON.stringify({
          action: 'configureSession',
          token,
          deploymentId: options.deploymentId,
          startNew: false,
          tracingId: configureId,
        }),
      );
    },
    onState(change) {
      if (silent) return;
      options.onState(change);
      if (change.state === 'open' || change.state === 'connecting') return;
      configured = false;
      stopEcho();
      channel.drop();
      if (first && (change.state !== 'reconnecting' || !opened)) {
        first.reject(WebMessagingError.network());
        first = null;
        // Closed after the state change is reported, so no retry is left behind.
        queueMicrotask(() => socket.close());
      }
    },
  });
  socket.connect();

  return {
    ready,
    channel,
    /** The session is configured on an open socket. */
    configured: () => configured,

    /** Sends `action` with `fields`; resolves with the answer, rejects with its error. */
    request(action: string, fields: JsonObject, tracingId: string, requestOptions: RequestOptions) {
      return channel.request(action, fields, tracingId, requestOptions);
    },

    /**
     * Closes the session everywhere and configures a new one on the same token: the last conversation was ended
     * read-only by the agent, and a start begins a new one.
     */
    async startNew(): Promise<SessionInfo> {
      const request = (action: string, fields: JsonObject) =>
        channel.request(action, fields, newId(), { limited: false, keepOnDrop: false });
      await request('closeSession', { closeAllConnections: true });
      const answer = await request('configureSession', { deploymentId: options.deploymentId, startNew: true });
      const read = readSessionResponse(answer.body);
      if (!read.ok)
        throw new WebMessagingError(`Unexpected SessionResponse: ${read.reason}`, {
          code: 'invalid.response',
          retryable: false,
        });
      return read.value;
    },

    suspend: () => socket.suspend(),
    wake: () => socket.wake(),

    /** Closes the socket for good (reported as `closed`); `error` fails what is pending. */
    close(error?: WebMessagingError): void {
      stopEcho();
      if (error) channel.dispose(error);
      socket.close();
    },

    /** Forgets the link without a word: its state changes are no longer reported, what is pending fails. */
    discard(error: WebMessagingError): void {
      silent = true;
      first = null;
      stopEcho();
      socket.close();
      channel.dispose(error);
    },
  };
}

/** A socket opened by {@link openGuestLink}. */
export type GuestLink = ReturnType<typeof openGuestLink>;
