import { emitter } from '../../core/emitter.js';
import { DedupeSet } from '../dedupe.js';
import { resolveEnv, type EnvOptions } from '../env.js';
import { parseJsonObject } from '../json.js';
import { ReconnectingSocket } from '../socket.js';
import type {
  ChatTransport,
  ResumeState,
  StartRequest,
  StartResult,
  TransportCapabilities,
  TransportEvent,
} from '../types.js';
import {
  createConversation,
  getMember,
  postMessage,
  postTyping,
  removeMember,
  type GuestChatApi,
  type GuestChatAuth,
} from './api.js';
import { AwayProbe, type ProbeResult } from './away-probe.js';
import { guestChatBaseUrl } from './environment.js';
import { GuestChatError } from './error.js';
import { catchUp, messagesAfter } from './history.js';
import { chatMembers, lowerState } from './members.js';
import { isResumeState, usableSavedChat, type GuestChatResumeState } from './saved-state.js';
import { frameKey, readFrame, type GuestChatFrame, type WebChatMessage } from './wire.js';

/** Options of {@link createGuestChatTransport}. Injectables default to the browser's own. */
export interface GuestChatTransportOptions extends EnvOptions {
  /** A region host (`mypurecloud.ie`) or a full base URL (`http://127.0.0.1:8787`). */
  environment: string;
  organizationId: string;
  deploymentId: string;
  /** For deployments that require authenticated guests: the site's signed-data JWT. */
  memberAuthToken?: string;
  /** The server's heartbeat period; the link counts as dead after two are missed. */
  heartbeatIntervalMs?: number;
}

/** The Guest Chat API has no typing stop event; the Genesys page said to show typing for about 4 s. */
const AGENT_TYPING_MS = 4_000;

const CAPABILITIES: TransportCapabilities = { guestTyping: true, agentTyping: true, leaveEndsConversation: true };

/**
 * A transport for the Genesys Cloud Guest Chat API: REST for commands, the event stream for everything the guest
 * hears. Frames are validated, deduplicated and handled strictly in arrival order (member lookups included), so a
 * transfer's leave is always reported before the next agent's join.
 */
export function createGuestChatTransport(options: GuestChatTransportOptions): ChatTransport {
  const env = resolveEnv(options);
  const api: GuestChatApi = {
    baseUrl: guestChatBaseUrl(options.environment),
    fetch: env.fetch,
    clock: env.clock,
    timeoutMs: env.retry.requestTimeoutMs,
  };
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
  const events = emitter<TransportEvent>();
  const { emit } = events;
  const seenEvents = new DedupeSet();
  const members = chatMembers(api, auth);
  const { lookup, toMessage } = members;
  let chat: GuestChatResumeState | null = null;
  let socket: ReconnectingSocket | null = null;
  let leaving = false;
  /** The event stream is open and the server has counted the guest back on it (checked after every reopen). */
  let attached = false;
  /** How often the stream has left `open`, so a call can tell whether the link went away while it was out. */
  let drops = 0;
  /** Sends waiting to learn whether the link is alive: told `true` when it went away, `false` when a frame proved it. */
  const linkWatchers = new Set<(wentAway: boolean) => void>();
  // Frames are handled one after another; member lookups in between must not reorder them.
  let frameQueue: Promise<void> = Promise.resolve();
  /** Turns a chat the server no longer knows into an end (or a failed resume) within seconds, not minutes. */
  const probe = new AwayProbe(env.clock, lookWhileAway, (error) => onGone?.(error), env.retry.awayCheckMs);
  /** What the probe calls when the chat is gone: the pending resume's rejection, or the live chat's end. */
  let onGone: ((error: Error) => void) | null = null;

  function warn(reason: string, cause?: unknown): void {
    emit({ type: 'warning', error: new GuestChatError(reason, { code: 'bad.frame', retryable: false, cause }) });
  }

  function auth(): GuestChatAuth {
    if (!chat) throw new GuestChatError('No chat has been started', { code: 'chat.not.started', retryable: false });
    return { conversationId: chat.conversationId, memberId: chat.memberId, jwt: chat.jwt };
  }

  async function handleFrame(frame: GuestChatFrame): Promise<void> {
    const self = chat?.memberId;
    if (frame.kind === 'message') {
      const message = await toMessage(frame.message);
      if (message) emit({ type: 'message', message });
    } else if (frame.kind === 'typing') {
      if (frame.typing.senderId === self) return;
      emit({ type: 'typing', sender: await lookup(frame.typing.senderId), durationMs: AGENT_TYPING_MS });
    } else if (frame.kind === 'member-change') {
      if (frame.memberId === self) {
        // The guest's own member disconnected while the stream is open: the chat is over for it.
        if (frame.state === 'DISCONNECTED' && !leaving) endChat('agent-ended');
        return;
      }
      emit({ type: 'member', member: await lookup(frame.memberId), state: lowerState(frame.state) });
    }
  }

  function tellLinkWatchers(wentAway: boolean): void {
    for (const watcher of [...linkWatchers]) watcher(wentAway);
    linkWatchers.clear();
  }

  /** The stream is away but coming back: not closed for good, and not yet reattached. */
  function linkComingBack(): boolean {
    const state = socket?.state;
    return state === 'connecting' || state === 'reconnecting' || (state === 'open' && !attached);
  }

  /**
   * Resolves true when the stream turns out to be dropped (the server may close it before the browser notices), false
   * once a frame proves it alive or it closes for good.
   */
  function linkGoesAway(): Promise<boolean> {
    return new Promise((resolve) => linkWatchers.add(resolve));
  }

  function onFrame(data: unknown): void {
    // Any frame, heartbeats included, shows the server still holds this stream.
    tellLinkWatchers(false);
    const parsed = parseJsonObject(data);
    if (!parsed.ok || !chat) {
      warn(`Dropped a bad frame: ${parsed.ok ? 'no chat' : parsed.reason}`);
      return;
    }
    const frame = readFrame(parsed.value, chat.conversationId);
    if (!frame.ok) {
      warn(`Dropped a bad frame: ${frame.reason}`);
      return;
    }
    const value = frame.value;
    // Delivery is at least once: drop a repeat before it is queued.
    const key = frameKey(value);
    if (key === null || !seenEvents.add(key)) return;
    frameQueue = frameQueue
      .then(() => handleFrame(value))
      .catch((cause: unknown) => warn('Could not handle a frame', cause));
  }

  function endChat(reason: 'visitor-left' | 'agent-ended' | 'expired'): void {
    emit({ type: 'ended', reason, readOnly: false });
    socket?.close();
  }

  /** One look at the guest's member while the stream is away: a 4xx or a DISCONNECTED guest means the chat is gone. */
  async function lookWhileAway(): Promise<ProbeResult> {
    try {
      const member = await getMember(api, auth(), auth().memberId);
      if (member.state !== 'DISCONNECTED') return { gone: false };
      return { gone: true, error: new GuestChatError('The chat has ended', { code: 'chat.ended', retryable: false }) };
    } catch (error) {
      if (error instanceof GuestChatError && !error.retryable) return { gone: true, error };
      return { gone: false };
    }
  }

  /** After a gap the guest may have been dropped: its member's state says whether the chat goes on. */
  async function verifyAfterReopen(): Promise<void> {
    const dropsBefore = drops;
    if (socket?.state !== 'open') return;
    try {
      const member = await getMember(api, auth(), auth().memberId);
      // A stream that dropped again while the answer was on its way makes it stale: the server counts the guest away
      // for that drop. The next reopen checks again.
      if (drops !== dropsBefore) return;
      if (member.state === 'DISCONNECTED') {
        endChat('expired');
        return;
      }
    } catch (error) {
      if (error instanceof GuestChatError && !error.retryable) {
        // Refused (401, 404): the server no longer knows this chat, so it is over, whatever the network does.
        emit({ type: 'warning', error });
        endChat('expired');
        return;
      }
    }
    if (drops !== dropsBefore) return;
    attached = true;
    emit({ type: 'resynced' });
  }

  /** Opens the event stream; resolves once it is open (the chat is routed only then), rejects if it never opens. */
  function connect(uri: string, resuming = false): Promise<void> {
    return new Promise((resolve, reject) => {
      let opened = false;
      onGone = (error) => {
        if (opened) {
          endChat('expired');
        } else {
          reject(error);
          socket?.close();
        }
      };
      socket = new ReconnectingSocket({
        url: uri,
        env,
        watchdogMs: heartbeatIntervalMs * 2.5,
        onFrame,
        onOpen(reopened) {
          if (reopened) {
            frameQueue = frameQueue.then(verifyAfterReopen);
          } else {
            opened = true;
            attached = true;
            resolve();
          }
        },
        onState(change) {
          // While the stream is away, ask whether the chat is still there; a resume asks at its first failure.
          if (change.state === 'reconnecting') probe.start(resuming && !opened ? 0 : undefined);
          else probe.stop();
          if (change.previous === 'open') {
            drops += 1;
            attached = false;
            tellLinkWatchers(change.state === 'reconnecting');
          }
          emit({ type: 'connection', ...change });
          if (change.state === 'failed' || change.state === 'closed') {
            reject(new GuestChatError('The event stream could not be opened', { code: 'network', retryable: true }));
          }
        },
      });
      socket.connect();
    });
  }

  /** A transport carries one chat at a time: a new start or resume forgets the previous chat's link and caches. */
  function forgetChat(): void {
    probe.stop();
    onGone = null;
    socket?.close();
    socket = null;
    attached = false;
    tellLinkWatchers(false);
    members.clear();
    seenEvents.clear();
    leaving = false;
    frameQueue = Promise.resolve();
  }

  /** Reattaches a saved chat: its stream first (the guest counts as away until then), then who is there and history. */
  async function resumeChat(state: GuestChatResumeState): Promise<StartResult> {
    await connect(state.eventStreamUri, true);
    return catchUp(api, auth, members);
  }

  return {
    kind: 'guest-chat',

    async prepare() {
      return CAPABILITIES;
    },

    async start(request: StartRequest): Promise<StartResult> {
      if (!request.routingTarget?.targetAddress) {
        throw new GuestChatError('A queue name is needed to start a Guest Chat', {
          code: 'routing.target.missing',
          retryable: false,
        });
      }
      forgetChat();
      const created = await createConversation(api, {
        organizationId: options.organizationId,
        deploymentId: options.deploymentId,
        routingTarget: request.routingTarget,
        memberInfo: request.memberInfo,
        memberAuthToken: options.memberAuthToken,
      });
      chat = {
        kind: 'guest-chat',
        conversationId: created.id,
        memberId: created.memberId,
        jwt: created.jwt,
        eventStreamUri: created.eventStreamUri,
      };
      await connect(created.eventStreamUri);
      return { selfId: created.memberId, history: [], resumed: false, members: [], readOnly: false };
    },

    async resume(state: ResumeState): Promise<StartResult> {
      if (!isResumeState(state) || !usableSavedChat(state, options.environment)) {
        throw new GuestChatError('Saved chat state is not a usable Guest Chat of this environment', {
          code: 'resume.invalid',
          retryable: false,
        });
      }
      forgetChat();
      chat = { ...state };
      try {
        return await resumeChat(state);
      } catch (error) {
        // Nothing of a failed resume stays connected or retrying.
        forgetChat();
        chat = null;
        throw error;
      }
    },

    resumeState() {
      return chat ? { ...chat } : null;
    },

    async send(text: string, clientId: string) {
      const dropsBefore = drops;
      let answer: WebChatMessage;
      try {
        answer = await postMessage(api, auth(), text);
      } catch (error) {
        if (!(error instanceof GuestChatError) || error.status !== 400 || error.code !== 'chat.error.member.state')
          throw error;
        // The server counts the guest DISCONNECTED while its stream is away, and refuses its sends until it is back.
        // That refusal is only final while the stream is attached and stays so: then the guest is really out.
        const away =
          linkComingBack() ||
          (drops !== dropsBefore && attached) ||
          (attached && socket?.state === 'open' && (await linkGoesAway()));
        if (!away) throw error;
        throw new GuestChatError('Refused while the event stream was away; it can be sent once the stream is back', {
          status: error.status,
          code: error.code,
          contextId: error.contextId,
          retryable: true,
          cause: error,
        });
      }
      return {
        id: answer.id,
        clientId,
        sender: { id: answer.senderId, kind: 'guest' },
        text: answer.body,
        time: answer.time,
      };
    },

    async sendTyping() {
      await postTyping(api, auth());
    },

    async leave() {
      leaving = true;
      try {
        await removeMember(api, auth());
      } catch (error) {
        // A chat that already ended answers 400 conversation/member state: the guest is out either way.
        if (!(error instanceof GuestChatError) || error.status !== 400) {
          leaving = false;
          throw error;
        }
      }
      endChat('visitor-left');
    },

    history: (afterId?: string) => messagesAfter(api, auth, members, afterId),

    subscribe: events.subscribe,

    suspend() {
      socket?.suspend();
    },

    wake() {
      socket?.wake();
    },

    dispose() {
      probe.stop();
      events.close();
      socket?.close();
    },
  };
}
