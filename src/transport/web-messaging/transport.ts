import { loadChecked } from '../../core/checked-load.js';
import { newId } from '../../core/ids.js';
import { browserStorage } from '../../core/storage.js';
import { emitter } from '../../core/emitter.js';
import { resolveEnv, type EnvOptions } from '../env.js';
import type { JsonObject } from '../json.js';
import type { RichReply } from '../rich.js';
import type { ChatTransport, EndReason, ResumeState, StartRequest, TransportEvent } from '../types.js';
import type { MediaPolicy } from '../attachments.js';
import { fetchDeploymentConfig, type RestContext } from './api.js';
import { attributeCarrier } from './attributes.js';
import { createConversation, GUEST } from './conversation.js';
import { webMessagingUrls } from './environment.js';
import { WebMessagingError } from './error.js';
import { createHistory } from './history.js';
import { openGuestLink, type GuestLink } from './link.js';
import { isResumeState, TokenStore } from './token.js';
import {
  eventMessage,
  presenceMessage,
  readMessage,
  type DeploymentSettings,
  type ServerFrame,
  type SessionInfo,
} from './wire.js';

/** Options of {@link createWebMessagingTransport}. Injectables default to the browser's own. */
export interface WebMessagingTransportOptions extends EnvOptions {
  /** A region host (`mypurecloud.ie`) or a full base URL serving all three endpoints (`http://127.0.0.1:8787`). */
  environment: string;
  deploymentId: string;
  /** Period of the `echo` keep-alive; two missed replies mean the link is dead. Default 30 s. */
  echoIntervalMs?: number;
  /** `onMessage` frames per second the server allows (typing and presence count too). Default 2. */
  rateLimitPerSecond?: number;
}

/**
 * A transport for Genesys Cloud Web Messaging: the deployment's `config.json` once, then one guest socket that
 * carries every request (`configureSession`, `onMessage`, `echo`, `getJwt`, `closeSession`) and everything the
 * guest hears ({@link openGuestLink}), read into the session's terms by {@link createConversation}; history over
 * REST with the socket's JWT ({@link createHistory}).
 */
export function createWebMessagingTransport(options: WebMessagingTransportOptions): ChatTransport {
  const env = resolveEnv({
    ...options,
    storage: options.storage !== undefined ? options.storage : browserStorage('localStorage'),
  });
  const urls = webMessagingUrls(options.environment, options.deploymentId);
  const rest: RestContext = { fetch: env.fetch, clock: env.clock, timeoutMs: env.retry.requestTimeoutMs };
  const tokens = new TokenStore(env.storage, options.deploymentId);
  const events = emitter<TransportEvent>();
  const { emit } = events;

  let settings: Promise<DeploymentSettings> | null = null;
  let deployment: DeploymentSettings | null = null;
  let token: string | null = null;
  let link: GuestLink | null = null;
  let ended = false;
  let leavingClearId: string | null = null;
  let typingRefused = false;
  let policy: MediaPolicy | null = null;
  /** The upload side's ears: attachment frames, and null each time the session is configured (again). */
  let hear: ((frame: ServerFrame | null) => void) | undefined;

  const conversation = createConversation({
    clock: env.clock,
    emit,
    deployment: () => deployment,
    ended: () => ended,
    endByAgent,
  });
  const history = createHistory({
    rest,
    api: urls.api,
    clock: env.clock,
    conversation,
    request: (action, fields, limited) => request(action, fields, limited),
    channel: () => link?.channel ?? null,
    ended: () => ended,
    emit,
  });
  const attributes = attributeCarrier(
    (fields, tracingId, keepOnDrop) => request('onMessage', fields, true, keepOnDrop, tracingId),
    warn,
  );

  function warn(error: WebMessagingError): void {
    emit({ type: 'warning', error });
  }

  function config(): Promise<DeploymentSettings> {
    settings ??= fetchDeploymentConfig(rest, urls.config).then(
      (value) => (deployment = value),
      (error: unknown) => {
        settings = null;
        throw error;
      },
    );
    return settings;
  }

  function endChat(reason: EndReason, isReadOnly: boolean): void {
    if (ended) return;
    ended = true;
    link?.close(new WebMessagingError('The chat has ended', { code: 'chat.ended', retryable: false }));
    emit({ type: 'ended', reason, readOnly: isReadOnly });
  }

  /** The session is gone on the server: its token is useless now. */
  function endForgetting(reason: EndReason): void {
    if (token) tokens.forget(token);
    endChat(reason, false);
  }

  /** The agent's Presence Disconnect, where the deployment says it ends the chat. */
  function endByAgent(endsReadOnly: boolean): void {
    // After a Send disconnect the next message would open a new conversation in this session, whose history still
    // holds the old one: a new token gives the next chat a clean start instead.
    if (!endsReadOnly && token) tokens.forget(token);
    endChat('agent-ended', endsReadOnly);
  }

  function onConfigured(info: SessionInfo, reopened: boolean): void {
    attributes.setBudget(info.maxCustomDataBytes);
    policy = info.attachments;
    hear?.(null);
    if (!reopened) return;
    if (info.newSession) {
      // The server no longer knows the token (cleared elsewhere, or expired while away).
      endForgetting('expired');
    } else if (info.readOnly) {
      endChat('agent-ended', true);
    } else {
      void history.afterGap();
    }
  }

  function onRefused(error: WebMessagingError, first: boolean): void {
    if (error.code === 'session.expired' || error.code === 'session.not.found') {
      if (token) tokens.forget(token);
    }
    if (first) return;
    warn(error);
    if (!error.retryable) endForgetting('expired');
  }

  /** What the guest hears on the socket, besides the answers to its requests and its session's configuration. */
  function onFrame(frame: ServerFrame, answered: boolean): void {
    switch (frame.className) {
      case 'StructuredMessage': {
        // `response` is the echo keep-alive's reply.
        if (frame.type !== 'message' || frame.code !== 200) return;
        const message = readMessage(frame.body);
        if (!message.ok) return badFrame(message.reason);
        conversation.hear(message.value, frame.tracingId);
        return;
      }
      case 'SessionClearedEvent':
        if (leavingClearId && link) link.channel.settle(leavingClearId, frame);
        else endForgetting('closed');
        return;
      case 'SessionExpiredEvent':
      case 'LogoutEvent':
        endForgetting('expired');
        return;
      case 'ConnectionClosedEvent':
        // The server is closing this socket for good (the session was closed or cleared elsewhere, or too many
        // connections): no reconnect. The token stays, as another tab may still use it.
        if (!leavingClearId) endChat('closed', false);
        return;
      case 'string':
      case 'TooManyRequestsErrorMessage':
        if (!answered) warn(WebMessagingError.fromFrame(frame.code, frame.body));
        return;
      default:
        // Attachment classes go to the upload side when it is loaded; classes this widget does not know are ignored.
        if (!answered) hear?.(frame);
        return;
    }
  }

  function badFrame(reason: string): void {
    warn(new WebMessagingError(`Dropped a bad frame: ${reason}`, { code: 'bad.frame', retryable: false }));
  }

  function request(
    action: string,
    fields: JsonObject,
    limited: boolean,
    keepOnDrop = false,
    tracingId = newId(),
  ): Promise<ServerFrame> {
    if (!link || ended)
      return Promise.reject(new WebMessagingError('No chat is open', { code: 'chat.not.started', retryable: false }));
    return link.request(action, fields, tracingId, { limited, keepOnDrop });
  }

  /** Opens the socket; resolves with the first SessionResponse. A socket that never opens rejects at once. */
  function connect(): Promise<SessionInfo> {
    link = openGuestLink({
      url: urls.socket,
      env,
      token: token ?? '',
      deploymentId: options.deploymentId,
      echoIntervalMs: options.echoIntervalMs ?? 30_000,
      rateLimitPerSecond: options.rateLimitPerSecond ?? 2,
      onConfigured,
      onRefused,
      onFrame,
      onBadFrame: badFrame,
      onState: (change) => emit({ type: 'connection', ...change }),
    });
    return link.ready;
  }

  /** A transport carries one chat at a time: a new start or resume forgets the previous chat's link and state. */
  function forgetChat(): void {
    link?.discard(new WebMessagingError('The chat was replaced', { code: 'chat.replaced', retryable: false }));
    link = null;
    conversation.forget();
    history.forget();
    attributes.forget();
    ended = typingRefused = false;
    leavingClearId = null;
  }

  /** Runs a start or resume; on failure nothing of it stays connected. */
  async function opening<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      forgetChat();
      token = null;
      throw error;
    }
  }

  return {
    kind: 'web-messaging',

    async prepare() {
      const value = await config();
      return {
        guestTyping: value.showUserTyping,
        agentTyping: value.showAgentTyping,
        leaveEndsConversation: value.clearAllowed,
        // Known once a chat is open, from its SessionResponse: read when the composer shows.
        get attachments() {
          return policy;
        },
      };
    },

    start: (startRequest: StartRequest) =>
      opening(async () => {
        const value = await config();
        forgetChat();
        token = tokens.read() ?? newId();
        tokens.write(token);
        let info = await connect();
        if (info.readOnly && link) {
          info = await link.startNew();
          attributes.setBudget(info.maxCustomDataBytes);
          policy = info.attachments;
        }
        attributes.keep(startRequest.memberInfo);
        if (info.newSession) {
          if (value.autoStart) await attributes.send(presenceMessage('Join'), newId(), false);
          return { selfId: GUEST.id, history: [], resumed: false, members: [], readOnly: false };
        }
        return {
          selfId: GUEST.id,
          history: await history.since(undefined, false),
          resumed: true,
          members: conversation.members(),
          readOnly: false,
        };
      }),

    resume: (state: ResumeState) =>
      opening(async () => {
        if (!isResumeState(state) || state.deploymentId !== options.deploymentId) {
          throw new WebMessagingError('Saved chat state is not a Web Messaging chat of this deployment', {
            code: 'resume.invalid',
            retryable: false,
          });
        }
        await config();
        forgetChat();
        token = state.token;
        const info = await connect();
        if (info.newSession) {
          tokens.forget(state.token);
          throw new WebMessagingError('The chat has ended', { code: 'chat.ended', retryable: false });
        }
        if (!tokens.read()) tokens.write(state.token);
        const earlier = await history.since(undefined, false);
        if (info.readOnly) {
          ended = true;
          link?.close();
        }
        return {
          selfId: GUEST.id,
          history: earlier,
          resumed: true,
          members: info.readOnly ? [] : conversation.members(),
          readOnly: info.readOnly,
        };
      }),

    resumeState() {
      return token ? { kind: 'web-messaging', deploymentId: options.deploymentId, token } : null;
    },

    async send(text: string, clientId: string, reply?: RichReply) {
      const reader = reply && (await conversation.loadRich());
      if (reply && !reader) throw WebMessagingError.network();
      const message = reader ? reader.replyMessage(reply!) : { type: 'Text', text };
      const answer = await attributes.send(message, clientId, true);
      const read = readMessage(answer.body);
      if (!read.ok)
        throw new WebMessagingError(`Unexpected answer to a message: ${read.reason}`, {
          code: 'invalid.response',
          retryable: false,
        });
      return {
        id: read.value.id,
        clientId,
        sender: GUEST,
        text: read.value.text || text,
        time: read.value.time ?? env.clock.now(),
        ...(reply ? { content: { reply } } : {}),
      };
    },

    async sendTyping() {
      if (!deployment?.showUserTyping || typingRefused || !link?.configured()) return;
      try {
        await request('onMessage', { message: eventMessage('Typing', { typing: { type: 'On' } }) }, true);
      } catch (error) {
        // 403: the deployment turned guest typing off since config.json was read; stop sending it.
        if (error instanceof WebMessagingError && error.status === 403) typingRefused = true;
        throw error;
      }
    },

    async leave() {
      const current = token;
      try {
        if (!link?.configured() || ended) return;
        if (deployment?.clearAllowed) {
          leavingClearId = newId();
          try {
            // Answered by SessionClearedEvent to every connection; then the server closes the sockets.
            await request('onMessage', { message: presenceMessage('Clear') }, true, false, leavingClearId);
            return;
          } catch (error) {
            if (!(error instanceof WebMessagingError) || error.status !== 403) throw error;
            leavingClearId = null;
          }
        }
        // No Clear: the conversation stays open for the agent; this visitor's session is closed and forgotten.
        await request('closeSession', { closeAllConnections: true }, false);
      } finally {
        if (current) tokens.forget(current);
        endChat('visitor-left', false);
      }
    },

    history: (afterId?: string) => history.since(afterId, true),

    subscribe: events.subscribe,

    suspend: () => link?.suspend(),

    wake: () => link?.wake(),

    dispose() {
      events.close();
      hear = undefined;
      forgetChat();
    },

    // Each call makes a new upload side, which takes over the attachment frames: callers keep the one they get.
    attachments: () =>
      loadChecked('chunks/uploads.js', () => import('./attachments.js')).then((module) =>
        module.default(
          request,
          attributes.send,
          (listener) => (hear = listener),
          () => !!link?.configured() && !ended,
          history.page,
          env.clock,
          env.retry,
        ),
      ),
  };
}
