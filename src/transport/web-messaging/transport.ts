import type { BackoffOptions } from '../backoff.js';
import { loadChecked } from '../checked-load.js';
import { DedupeSet } from '../dedupe.js';
import { transportEvents } from '../events.js';
import { browserStorage, newId, resolveEnv, type TransportEnv } from '../env.js';
import { parseJsonObject, type JsonObject } from '../json.js';
import { ReconnectingSocket } from '../socket.js';
import type { RichContent, RichReply } from '../rich.js';
import type {
  ChatTransport,
  EndReason,
  MemberInfo,
  Participant,
  ResumeState,
  StartRequest,
  StartResult,
  TransportMessage,
} from '../types.js';
import type { MediaPolicy } from '../attachments.js';
import { fetchDeploymentConfig, fetchHistoryPage, type RestContext } from './api.js';
import { fitAttributes } from './attributes.js';
import { RequestChannel } from './channel.js';
import { webMessagingUrls } from './environment.js';
import { WebMessagingError } from './error.js';
import { isIdLike } from '../config-check.js';
import { TokenStore } from './token.js';
import {
  readJwt,
  readMessage,
  readServerFrame,
  readSessionResponse,
  type DeploymentSettings,
  type GuestJwt,
  type ServerFrame,
  type SessionInfo,
  type WireMessage,
} from './wire.js';

/** Options of {@link createWebMessagingTransport}. Injectables default to the browser's own. */
export interface WebMessagingTransportOptions extends Partial<TransportEnv> {
  /** A region host (`mypurecloud.ie`) or a full base URL serving all three endpoints (`http://127.0.0.1:8787`). */
  environment: string;
  deploymentId: string;
  /** Period of the `echo` keep-alive; two missed replies mean the link is dead. Default 30 s. */
  echoIntervalMs?: number;
  /** `onMessage` frames per second the server allows (typing and presence count too). Default 2. */
  rateLimitPerSecond?: number;
  backoff?: BackoffOptions;
}

/** What a Web Messaging transport keeps to resume its chat: the session token (the `storage` option keeps it too). */
export interface WebMessagingResumeState extends ResumeState {
  kind: 'web-messaging';
  deploymentId: string;
  token: string;
}

/** The structured content reader, a file of its own. */
type ContentReader = typeof import('./content.js');

/** The SDK's fixed tracingId of its health check (base64 of "HealthCheckMessageId"). */
const ECHO_TRACING_ID = 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=';
/** How long agent typing shows when the event gives no duration (the SDK's fallback). */
const AGENT_TYPING_MS = 5_000;
/** The SDK's default budget, until a SessionResponse says otherwise. */
const DEFAULT_CUSTOM_DATA_BYTES = 2_048;
const PAGE_SIZE = 25;
const GUEST: Participant = { id: 'guest', kind: 'guest' };

/**
 * Web Messaging carries no visitor name or email: they go as the custom attributes Genesys reserves for the
 * customer (`context.firstName`, `context.lastName`, `context.email`, `context.phone`), which name the customer in
 * the agent's interaction, ahead of the site's own custom fields (which may override them).
 */
function visitorAttributes(info: MemberInfo): Record<string, string> {
  const reserved: [string, string | undefined][] = [
    ['context.firstName', info.firstName || info.displayName],
    ['context.lastName', info.lastName],
    ['context.email', info.email],
    ['context.phone', info.phoneNumber],
  ];
  return {
    ...Object.fromEntries(reserved.filter((entry): entry is [string, string] => !!entry[1])),
    ...info.customFields,
  };
}

function isResumeState(state: ResumeState): state is WebMessagingResumeState {
  return (
    state.kind === 'web-messaging' &&
    typeof state.token === 'string' &&
    isIdLike(state.token) &&
    typeof state.deploymentId === 'string'
  );
}

const event = (eventType: string, detail: JsonObject): JsonObject => ({
  type: 'Event',
  events: [{ eventType, ...detail }],
});
const presence = (type: string): JsonObject => event('Presence', { presence: { type } });

/**
 * A transport for Genesys Cloud Web Messaging: the deployment's `config.json` once, then one guest socket that
 * carries every request (`configureSession`, `onMessage`, `echo`, `getJwt`, `closeSession`) and everything the
 * guest hears; history over REST with the socket's JWT. There is no join event: the agent is known from outbound
 * messages (name and avatar from `channel.from`, bot or human from `originatingEntity`).
 */
export function createWebMessagingTransport(options: WebMessagingTransportOptions): ChatTransport {
  const env = resolveEnv({
    ...options,
    storage: options.storage !== undefined ? options.storage : browserStorage('localStorage'),
  });
  const urls = webMessagingUrls(options.environment, options.deploymentId);
  const rest: RestContext = { fetch: env.fetch, clock: env.clock };
  const tokens = new TokenStore(env.storage, options.deploymentId);
  const echoIntervalMs = options.echoIntervalMs ?? 30_000;
  const events = transportEvents();
  const { emit } = events;
  const seen = new DedupeSet();

  let settings: Promise<DeploymentSettings> | null = null;
  let deployment: DeploymentSettings | null = null;
  let token: string | null = null;
  let socket: ReconnectingSocket | null = null;
  let channel: RequestChannel | null = null;
  let configureId = '';
  let configured = false;
  let reopening = false;
  /** The first SessionResponse of a start or resume, awaited there. */
  let firstAnswer: { resolve(info: SessionInfo): void; reject(error: unknown): void } | null = null;
  let agent: Participant | null = null;
  let ended = false;
  let leavingClearId: string | null = null;
  let typingRefused = false;
  let attributes: Record<string, string> | null = null;
  let maxCustomDataBytes = DEFAULT_CUSTOM_DATA_BYTES;
  let jwt: GuestJwt | null = null;
  let echoTimer: unknown = null;
  let policy: MediaPolicy | null = null;
  /** The upload side's ears: attachment frames, and null each time the session is configured (again). */
  let hear: ((frame: ServerFrame | null) => void) | undefined;

  /** The content reader (`content.ts`), fetched the first time a message carries content. */
  let rich: ContentReader | null = null;
  let richLoad: Promise<ContentReader | null> | null = null;
  /** Live messages waiting for the content reader, in arrival order; later ones wait behind them. */
  let held: [WireMessage, string | undefined][] = [];

  /** Loads the content reader once; a failed fetch leaves content unread (shown as unsupported) and is tried again. */
  function loadRich(): Promise<ContentReader | null> {
    richLoad ??= loadChecked('transport/web-messaging-content.js', () => import('./content.js')).then(
      (module) => (rich = module),
      () => (richLoad = null),
    );
    return richLoad;
  }

  /** What a message's content means to the visitor; an empty message is reported rather than dropped. */
  function contentOf(message: WireMessage): RichContent | undefined {
    const content =
      (message.content && (rich ? rich.readContent(message.content) : { unsupported: true })) ??
      (message.text || message.attachments ? undefined : { unsupported: true });
    // Markdown is the deployment's setting, carried on each message it applies to, so history renders alike.
    return deployment?.markdown && message.direction === 'Outbound' && message.text
      ? { ...content, markdown: true }
      : content;
  }

  function warn(error: WebMessagingError): void {
    emit({ type: 'warning', error });
  }

  function badFrame(reason: string): void {
    warn(new WebMessagingError(`Dropped a bad frame: ${reason}`, { code: 'bad.frame', retryable: false }));
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

  function participantOf(message: WireMessage): Participant {
    if (message.direction === 'Inbound') return GUEST;
    if (message.originatingEntity === 'Bot') {
      const name = message.nickname ?? deployment?.bot?.name;
      return { id: `bot:${name ?? ''}`, kind: 'bot', name, avatarUrl: message.image ?? deployment?.bot?.avatarUrl };
    }
    if (message.originatingEntity === 'Human' || message.nickname) {
      return { id: `agent:${message.nickname ?? ''}`, kind: 'agent', name: message.nickname, avatarUrl: message.image };
    }
    return { id: 'system', kind: 'system' };
  }

  function notice(kind: 'joined' | 'left', member: Participant, base: WireMessage, time: number): TransportMessage {
    // Derived from the message id, so the same notice from history and from the stream is one entry.
    return { id: `${base.id}~${kind}`, sender: member, text: '', time, notice: kind };
  }

  function agentLeft(base: WireMessage, time: number, announce: boolean, out: TransportMessage[]): void {
    if (!agent) return;
    const gone = agent;
    agent = null;
    if (announce) emit({ type: 'member', member: gone, state: 'disconnected' });
    out.push(notice('left', gone, base, time - 2));
  }

  /** `sender` speaks for the first time: who answers changes to it (after the previous one's leave). */
  function agentJoins(
    sender: Participant,
    base: WireMessage,
    time: number,
    announce: boolean,
    out: TransportMessage[],
  ): void {
    if ((sender.kind !== 'agent' && sender.kind !== 'bot') || sender.id === agent?.id) return;
    agentLeft(base, time, announce, out);
    agent = sender;
    if (announce) emit({ type: 'member', member: sender, state: 'connected' });
    out.push(notice('joined', sender, base, time - 1));
  }

  /**
   * What one wire message means to the session, in order: agent changes become notices (and member events when
   * `announce`), text becomes a message. A message seen before yields its text again but changes nothing.
   */
  function absorb(message: WireMessage, tracingId: string | undefined, announce: boolean): TransportMessage[] {
    const fresh = seen.add(message.id);
    const time = message.time ?? env.clock.now();
    const out: TransportMessage[] = [];
    if (message.type === 'Event') {
      const disconnect =
        message.direction === 'Outbound' &&
        message.events.some((e) => e.eventType === 'Presence' && e.kind === 'Disconnect');
      if (!fresh || !disconnect) return out;
      if (!deployment?.disconnectEnds) {
        // The deployment does not announce the end: the agent just left, and the visitor may go on writing.
        agentLeft(message, time, announce, out);
      } else {
        agent = null;
        if (announce) endByAgent(message.metadata.readOnly === 'true');
      }
      return out;
    }
    if (message.type !== 'Text' && message.type !== 'Structured') return out;
    const sender = participantOf(message);
    const content = contentOf(message);
    if (fresh) agentJoins(sender, message, time, announce, out);
    out.push({
      id: message.id,
      ...(sender === GUEST && tracingId ? { clientId: tracingId } : {}),
      sender,
      // An answer to quick replies or a time slot comes with empty text: the visitor's choice is its text.
      text: message.text || content?.reply?.text || '',
      time,
      ...(content ? { content } : {}),
      ...(message.attachments && { attachments: message.attachments }),
    });
    return out;
  }

  function endChat(reason: EndReason, isReadOnly: boolean): void {
    if (ended) return;
    ended = true;
    stopEcho();
    channel?.dispose(new WebMessagingError('The chat has ended', { code: 'chat.ended', retryable: false }));
    socket?.close();
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

  function onLiveMessage(message: WireMessage, tracingId: string | undefined): void {
    if (ended) return;
    const typing =
      message.type === 'Event' && message.direction === 'Outbound' && !seen.has(message.id)
        ? message.events.find((wireEvent) => wireEvent.eventType === 'Typing')
        : undefined;
    if (typing) {
      const typist = participantOf(message);
      if (typing.kind !== 'Off') {
        // There is no join event: an agent who types before the first reply is known from the typing event's
        // `channel.from`, so the visitor sees who is typing at once. Its first message then announces nothing again.
        const joined: TransportMessage[] = [];
        agentJoins(typist, message, message.time ?? env.clock.now(), true, joined);
        for (const out of joined) emit({ type: 'message', message: out });
      }
      if (deployment?.showAgentTyping) {
        emit({
          type: 'typing',
          sender: typist,
          durationMs: typing.kind === 'Off' ? 0 : (typing.durationMs ?? AGENT_TYPING_MS),
        });
      }
    }
    for (const out of absorb(message, tracingId, true)) emit({ type: 'message', message: out });
  }

  function sendConfigure(): void {
    configureId = newId();
    socket?.send(
      JSON.stringify({
        action: 'configureSession',
        token,
        deploymentId: options.deploymentId,
        startNew: false,
        tracingId: configureId,
      }),
    );
  }

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
      socket?.send(
        JSON.stringify({ action: 'echo', token, tracingId: ECHO_TRACING_ID, message: { type: 'Text', text: 'ping' } }),
      );
      scheduleEcho();
    }, echoIntervalMs);
  }

  function onConfigured(info: SessionInfo): void {
    configured = true;
    if (info.maxCustomDataBytes !== undefined) maxCustomDataBytes = info.maxCustomDataBytes;
    policy = info.attachments;
    channel?.open();
    scheduleEcho();
    hear?.(null);
    if (firstAnswer) {
      firstAnswer.resolve(info);
      firstAnswer = null;
      return;
    }
    if (!reopening) return;
    reopening = false;
    if (info.newSession) {
      // The server no longer knows the token (cleared elsewhere, or expired while away).
      endForgetting('expired');
    } else if (info.readOnly) {
      endChat('agent-ended', true);
    } else {
      void afterGap();
    }
  }

  function onConfigureFailed(error: WebMessagingError): void {
    if (error.code === 'session.expired' || error.code === 'session.not.found') {
      if (token) tokens.forget(token);
    }
    if (firstAnswer) {
      firstAnswer.reject(error);
      firstAnswer = null;
      return;
    }
    warn(error);
    if (!error.retryable) endForgetting('expired');
  }

  function onFrame(data: unknown): void {
    const parsed = parseJsonObject(data);
    if (!parsed.ok) return badFrame(parsed.reason);
    const read = readServerFrame(parsed.value);
    if (!read.ok) return badFrame(read.reason);
    const frame = read.value;
    const answered = channel?.answer(frame) ?? false;
    switch (frame.className) {
      case 'SessionResponse': {
        if (answered || configured) return;
        const info = readSessionResponse(frame.body);
        if (frame.code !== 200) return onConfigureFailed(WebMessagingError.fromFrame(frame.code, frame.body));
        if (!info.ok) return badFrame(info.reason);
        if (info.value.connected) onConfigured(info.value);
        return;
      }
      case 'StructuredMessage': {
        // `response` is the echo keep-alive's reply.
        if (frame.type !== 'message' || frame.code !== 200) return;
        const message = readMessage(frame.body);
        if (!message.ok) return badFrame(message.reason);
        if (held.length > 0 || (message.value.content && !rich)) {
          // Order matters (the agent's joins, typing): what comes after a message with content waits with it.
          if (held.push([message.value, frame.tracingId]) === 1) {
            void loadRich().then(() => {
              const waiting = held;
              held = [];
              for (const [wire, tracing] of waiting) onLiveMessage(wire, tracing);
            });
          }
          return;
        }
        onLiveMessage(message.value, frame.tracingId);
        return;
      }
      case 'SessionClearedEvent':
        if (leavingClearId && channel) channel.settle(leavingClearId, frame);
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
        if (answered) return;
        if (!configured && (frame.tracingId === configureId || !frame.tracingId)) {
          return onConfigureFailed(WebMessagingError.fromFrame(frame.code, frame.body));
        }
        warn(WebMessagingError.fromFrame(frame.code, frame.body));
        return;
      default:
        // Attachment classes go to the upload side when it is loaded; classes this widget does not know are ignored.
        if (!answered) hear?.(frame);
        return;
    }
  }

  function request(
    action: string,
    fields: JsonObject,
    limited: boolean,
    keepOnDrop = false,
    tracingId = newId(),
  ): Promise<ServerFrame> {
    if (!channel || ended)
      return Promise.reject(new WebMessagingError('No chat is open', { code: 'chat.not.started', retryable: false }));
    return channel.request(action, fields, tracingId, { limited, keepOnDrop });
  }

  async function guestJwt(): Promise<string> {
    if (jwt && jwt.exp * 1_000 > env.clock.now() + 5_000) return jwt.jwt;
    const answer = await request('getJwt', {}, false);
    const read = readJwt(answer.body);
    if (!read.ok)
      throw new WebMessagingError(`Unexpected JwtResponse: ${read.reason}`, {
        code: 'invalid.response',
        retryable: false,
      });
    jwt = read.value;
    return jwt.jwt;
  }

  async function historyPage(pageNumber: number) {
    try {
      return await fetchHistoryPage(rest, urls.api, await guestJwt(), { pageNumber, pageSize: PAGE_SIZE });
    } catch (error) {
      if (!(error instanceof WebMessagingError) || error.status !== 401) throw error;
      // An expired or revoked JWT: one fresh one, once.
      jwt = null;
      return fetchHistoryPage(rest, urls.api, await guestJwt(), { pageNumber, pageSize: PAGE_SIZE });
    }
  }

  /** History oldest first, from the newest page back to `afterId` (its notices point at their message) or the start. */
  async function fetchHistory(afterId: string | undefined, announce: boolean): Promise<TransportMessage[]> {
    const base = afterId?.split('~')[0];
    const newestFirst: WireMessage[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page = await historyPage(pageNumber);
      newestFirst.push(...page.entities);
      const reached = base !== undefined && page.entities.some((message) => message.id === base);
      if (reached || pageNumber >= page.pageCount || page.entities.length < PAGE_SIZE) break;
    }
    const ordered = newestFirst.reverse();
    if (ordered.some((message) => message.content)) await loadRich();
    const at = base === undefined ? -1 : ordered.findIndex((message) => message.id === base);
    // After a notice, its own message is still new to the caller.
    const from = at < 0 ? 0 : base === afterId ? at + 1 : at;
    return ordered.slice(from).flatMap((message) => absorb(message, undefined, announce));
  }

  /**
   * Back after a gap: a message sent just before the drop may have reached the server or not. The newest history
   * page tells: a guest message with its text the stream never showed is it (settled, not sent twice); the rest go
   * again. Then the session backfills.
   */
  async function afterGap(): Promise<void> {
    const current = channel;
    const doubts = current?.inDoubt() ?? [];
    if (current && doubts.length > 0) {
      try {
        const page = await historyPage(1);
        const claimed = new Set<string>();
        for (const doubt of doubts) {
          const text = (doubt.fields.message as JsonObject | undefined)?.text;
          const match = page.entities.find(
            (m) =>
              m.direction === 'Inbound' &&
              m.type === 'Text' &&
              m.text === text &&
              !seen.has(m.id) &&
              !claimed.has(m.id),
          );
          if (!match) continue;
          claimed.add(match.id);
          const body = {
            id: match.id,
            type: match.type,
            text: match.text,
            direction: match.direction,
            channel: { time: new Date(match.time ?? env.clock.now()).toISOString() },
          };
          current.settle(doubt.tracingId, {
            type: 'message',
            className: 'StructuredMessage',
            code: 200,
            body,
            tracingId: doubt.tracingId,
          });
        }
      } catch (error) {
        if (error instanceof WebMessagingError) warn(error);
      }
    }
    if (current !== channel || ended) return;
    current?.resendDoubtful();
    emit({ type: 'resynced' });
  }

  /** Opens the socket; resolves with the first SessionResponse. A socket that never opens rejects at once. */
  function connect(): Promise<SessionInfo> {
    return new Promise((resolve, reject) => {
      firstAnswer = { resolve, reject };
      let opened = false;
      const link = new ReconnectingSocket({
        url: urls.socket,
        env,
        watchdogMs: echoIntervalMs * 2.5,
        backoff: options.backoff,
        onFrame,
        onOpen(reopened) {
          opened = true;
          reopening = reopened;
          sendConfigure();
        },
        onState(change) {
          if (link !== socket) return;
          emit({ type: 'connection', ...change });
          if (change.state === 'open' || change.state === 'connecting') return;
          configured = false;
          stopEcho();
          channel?.drop();
          if (firstAnswer && (change.state !== 'reconnecting' || !opened)) {
            firstAnswer.reject(WebMessagingError.network());
            firstAnswer = null;
            // Closed after the state change is reported, so no retry is left behind.
            queueMicrotask(() => link.close());
          }
        },
      });
      socket = link;
      channel = new RequestChannel(env.clock, (data) => link.send(data), options.rateLimitPerSecond ?? 2);
      channel.token = token ?? '';
      link.connect();
    });
  }

  /** A transport carries one chat at a time: a new start or resume forgets the previous chat's link and state. */
  function forgetChat(): void {
    const link = socket;
    socket = null;
    link?.close();
    channel?.dispose(new WebMessagingError('The chat was replaced', { code: 'chat.replaced', retryable: false }));
    channel = null;
    stopEcho();
    firstAnswer = null;
    seen.clear();
    held = [];
    agent = null;
    jwt = null;
    configured = reopening = ended = typingRefused = false;
    leavingClearId = null;
    attributes = null;
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

  function keepAttributes(fields: Record<string, string> | undefined): void {
    if (!fields || Object.keys(fields).length === 0) return;
    const { kept, dropped } = fitAttributes(fields, maxCustomDataBytes);
    if (dropped.length > 0) {
      warn(
        new WebMessagingError(
          `Custom fields over the ${maxCustomDataBytes}-byte budget were left out: ${dropped.join(', ')}`,
          { code: 'custom.attributes.too.large', retryable: false },
        ),
      );
    }
    attributes = Object.keys(kept).length > 0 ? kept : null;
  }

  /** Custom attributes ride in `message.channel.metadata` (SDK), with the first message after they were set. */
  function withAttributes(message: JsonObject): JsonObject {
    return attributes ? { ...message, channel: { metadata: { customAttributes: attributes } } } : message;
  }

  async function onMessage(message: JsonObject, tracingId: string, keepOnDrop: boolean): Promise<ServerFrame> {
    const carried = attributes;
    try {
      const answer = await request('onMessage', { message: withAttributes(message) }, true, keepOnDrop, tracingId);
      if (carried && attributes === carried) attributes = null;
      return answer;
    } catch (error) {
      if (!carried || !(error instanceof WebMessagingError) || error.code !== 'custom.attributes.too.large')
        throw error;
      // The server counts differently than we did: the message matters more than the attributes.
      warn(error);
      attributes = null;
      return request('onMessage', { message }, true, keepOnDrop, tracingId);
    }
  }

  function resultMembers(): StartResult['members'] {
    return agent ? [{ member: agent, state: 'connected' }] : [];
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
        if (info.readOnly) {
          // The last conversation was ended read-only by the agent: close it everywhere, then start over.
          await request('closeSession', { closeAllConnections: true }, false);
          const answer = await request(
            'configureSession',
            { deploymentId: options.deploymentId, startNew: true },
            false,
          );
          const read = readSessionResponse(answer.body);
          if (!read.ok)
            throw new WebMessagingError(`Unexpected SessionResponse: ${read.reason}`, {
              code: 'invalid.response',
              retryable: false,
            });
          info = read.value;
          if (info.maxCustomDataBytes !== undefined) maxCustomDataBytes = info.maxCustomDataBytes;
          policy = info.attachments;
        }
        keepAttributes(visitorAttributes(startRequest.memberInfo));
        if (info.newSession) {
          if (value.autoStart) await onMessage(presence('Join'), newId(), false);
          return { selfId: GUEST.id, history: [], resumed: false, members: [], readOnly: false };
        }
        const history = await fetchHistory(undefined, false);
        return {
          selfId: GUEST.id,
          history,
          resumed: true,
          members: resultMembers(),
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
        const history = await fetchHistory(undefined, false);
        if (info.readOnly) {
          ended = true;
          stopEcho();
          socket?.close();
        }
        return {
          selfId: GUEST.id,
          history,
          resumed: true,
          members: info.readOnly ? [] : resultMembers(),
          readOnly: info.readOnly,
        };
      }),

    resumeState() {
      return token ? { kind: 'web-messaging', deploymentId: options.deploymentId, token } : null;
    },

    async send(text: string, clientId: string, reply?: RichReply) {
      const reader = reply && (await loadRich());
      if (reply && !reader) throw WebMessagingError.network();
      const answer = await onMessage(reader ? reader.replyMessage(reply!) : { type: 'Text', text }, clientId, true);
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
      if (!deployment?.showUserTyping || typingRefused || !configured) return;
      try {
        await request('onMessage', { message: event('Typing', { typing: { type: 'On' } }) }, true);
      } catch (error) {
        // 403: the deployment turned guest typing off since config.json was read; stop sending it.
        if (error instanceof WebMessagingError && error.status === 403) typingRefused = true;
        throw error;
      }
    },

    async leave() {
      const current = token;
      try {
        if (!configured || ended) return;
        if (deployment?.clearAllowed) {
          leavingClearId = newId();
          try {
            // Answered by SessionClearedEvent to every connection; then the server closes the sockets.
            await request('onMessage', { message: presence('Clear') }, true, false, leavingClearId);
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

    history: (afterId?: string) => fetchHistory(afterId, true),

    subscribe: events.subscribe,

    suspend() {
      socket?.suspend();
    },

    wake() {
      socket?.wake();
    },

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
          onMessage,
          (listener) => (hear = listener),
          () => configured && !ended,
          historyPage,
          env.clock,
        ),
      ),
  };
}
