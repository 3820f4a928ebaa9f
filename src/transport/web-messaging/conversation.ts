import { loadChecked } from '../../core/checked-load.js';
import type { Clock } from '../../core/clock.js';
import { DedupeSet } from '../dedupe.js';
import type { RichContent } from '../rich.js';
import type { Participant, StartResult, TransportEvent, TransportMessage } from '../types.js';
import type { DeploymentSettings, WireMessage } from './wire.js';

/** The structured content reader, a file of its own. */
export type ContentReader = typeof import('./content.js');

/** What the conversation needs of the transport around it. */
export interface ConversationLink {
  clock: Clock;
  emit(event: TransportEvent): void;
  /** The deployment's settings, once `config.json` was read. */
  deployment(): DeploymentSettings | null;
  /** The chat is over: live messages are no longer heard. */
  ended(): boolean;
  /** The agent's Presence Disconnect, where the deployment says it ends the chat (`readOnly`: as it left it). */
  endByAgent(readOnly: boolean): void;
}

/** How long agent typing shows when the event gives no duration (the SDK's fallback). */
const AGENT_TYPING_MS = 5_000;
/** The guest, the one participant every Web Messaging chat has. */
export const GUEST: Participant = { id: 'guest', kind: 'guest' };

/**
 * What the guest hears, read into the session's terms: who answers (there is no join event: the agent is known from
 * outbound messages, name and avatar from `channel.from`, bot or human from `originatingEntity`), agent changes as
 * notices, structured content through the content reader (fetched the first time a message carries content), and
 * each message once however often history and the stream repeat it.
 */
export function createConversation(link: ConversationLink) {
  const { clock, emit } = link;
  const seen = new DedupeSet();
  let agent: Participant | null = null;
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
    return link.deployment()?.markdown && message.direction === 'Outbound' && message.text
      ? { ...content, markdown: true }
      : content;
  }

  function participantOf(message: WireMessage): Participant {
    if (message.direction === 'Inbound') return GUEST;
    const bot = link.deployment()?.bot;
    if (message.originatingEntity === 'Bot') {
      const name = message.nickname ?? bot?.name;
      return { id: `bot:${name ?? ''}`, kind: 'bot', name, avatarUrl: message.image ?? bot?.avatarUrl };
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
    const time = message.time ?? clock.now();
    const out: TransportMessage[] = [];
    if (message.type === 'Event') {
      const disconnect =
        message.direction === 'Outbound' &&
        message.events.some((e) => e.eventType === 'Presence' && e.kind === 'Disconnect');
      if (!fresh || !disconnect) return out;
      if (!link.deployment()?.disconnectEnds) {
        // The deployment does not announce the end: the agent just left, and the visitor may go on writing.
        agentLeft(message, time, announce, out);
      } else {
        agent = null;
        if (announce) link.endByAgent(message.metadata.readOnly === 'true');
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

  function onLiveMessage(message: WireMessage, tracingId: string | undefined): void {
    if (link.ended()) return;
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
        agentJoins(typist, message, message.time ?? clock.now(), true, joined);
        for (const out of joined) emit({ type: 'message', message: out });
      }
      if (link.deployment()?.showAgentTyping) {
        emit({
          type: 'typing',
          sender: typist,
          durationMs: typing.kind === 'Off' ? 0 : (typing.durationMs ?? AGENT_TYPING_MS),
        });
      }
    }
    for (const out of absorb(message, tracingId, true)) emit({ type: 'message', message: out });
  }

  return {
    loadRich,
    absorb,
    /** Whether a message was already heard (from the stream or history). */
    heard: (id: string) => seen.has(id),

    /** A message pushed on the socket, heard in arrival order even while the content reader is on its way. */
    hear(message: WireMessage, tracingId: string | undefined): void {
      if (held.length > 0 || (message.content && !rich)) {
        // Order matters (the agent's joins, typing): what comes after a message with content waits with it.
        if (held.push([message, tracingId]) === 1) {
          void loadRich().then(() => {
            const waiting = held;
            held = [];
            for (const [wire, tracing] of waiting) onLiveMessage(wire, tracing);
          });
        }
        return;
      }
      onLiveMessage(message, tracingId);
    },

    /** Who answers now, as a start or resume reports it. */
    members(): StartResult['members'] {
      return agent ? [{ member: agent, state: 'connected' }] : [];
    },

    /** Forgets the chat heard so far (a new start or resume). */
    forget(): void {
      seen.clear();
      held = [];
      agent = null;
    },
  };
}

/** A transport's {@link createConversation}. */
export type Conversation = ReturnType<typeof createConversation>;
