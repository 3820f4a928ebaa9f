import { batch, effect, signal, type ReadonlySignal } from '@preact/signals-core';
import { backoffDelay } from '../core/backoff.js';
import { nextTask, systemClock, type Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import { browserLifecycle } from '../core/lifecycle.js';
import { browserStorage } from '../core/storage.js';
import { loadChecked } from '../core/checked-load.js';
import {
  TransportError,
  type EndReason,
  type Participant,
  type ResumeState,
  type StartResult,
  type TransportEvent,
  type TransportMessage,
} from '../transport/types.js';
import { EARLIER_CHAT_ENDED } from './notice-codes.js';
import { ChatStore } from './store.js';
import { compareEntries, entryFromMessage, type Entry } from './transcript.js';
import type { MemberInfo } from '../transport/types.js';
import type { RichContent } from '../transport/rich.js';
import type { ChatSession, ChatSessionOptions, NoticeKind, Phase, SessionEvent, SessionNotice } from './types.js';

/** The visitor's typing is sent at most once per this window while keys are pressed. */
export const GUEST_TYPING_THROTTLE_MS = 5_000;

const LIVE: readonly Phase[] = ['waiting', 'active', 'reconnecting'];

function noticeFromError(error: unknown): SessionNotice {
  if (error instanceof TransportError) {
    return { code: error.reason, message: error.message, fatal: !error.retryable, status: error.status };
  }
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error), fatal: true };
}

/** Who answers the visitor: a person, or a bot (Web Messaging flows may answer with one before or instead of an agent). */
const isAgent = (participant: Participant): boolean => participant.kind === 'agent' || participant.kind === 'bot';

/**
 * Creates a chat session over one transport: the signals a UI reads and the actions it calls. The session knows
 * nothing about the wire (that is the transport's) nor about pixels (that is the element's).
 */
export function createChatSession(options: ChatSessionOptions): ChatSession {
  const { transport } = options;
  const clock: Clock = options.clock ?? systemClock;
  const store = new ChatStore(
    options.storage !== undefined ? options.storage : browserStorage('sessionStorage'),
    options.storageKey ?? 'guest-chat',
  );
  const maxSendAttempts = options.maxSendAttempts ?? 4;

  const phase = signal<Phase>('idle');
  const transcript = signal<readonly Entry[]>([]);
  const agent = signal<Participant | null>(null);
  const agentTyping = signal(false);
  const connection = signal<ChatSession['connection']['value']>('idle');
  const unread = signal(0);
  const notice = signal<SessionNotice | null>(null);
  const capabilities = signal<ChatSession['capabilities']['value']>(null);

  const entries = new Map<string, Entry>();
  const keyById = new Map<string, string>();
  /** Keys of the visitor's entries the server has not placed yet: what an echo can belong to. */
  const unplaced = new Set<string>();
  const agents = new Map<string, Participant>();
  /** Client ids waiting to be sent, in order; the head is the one in flight or waiting for its retry. */
  const outbox: string[] = [];
  const attempts = new Map<string, number>();
  let seq = 0;
  let selfId: string | null = null;
  let chatState: ResumeState | null = null;
  let lastSeenId: string | undefined;
  /**
   * The last message seen before the link went away, kept until a backfill succeeds. Live messages on the new link
   * can arrive before the backfill asks for history; anchoring it on them would skip what was said in the gap.
   */
  let gapFrom: { id: string | undefined } | null = null;
  let visible = false;
  let inFlight = false;
  let sendTimer: unknown = null;
  let typingTimer: unknown = null;
  let typingSender: string | null = null;
  let lastTypingSent = -Infinity;
  let suspended = false;
  let disposed = false;
  /** Warning codes already logged. */
  const warned = new Set<string>();
  const listeners = new Set<(event: SessionEvent) => void>();

  /** While a kept chat is being restored: what it brings back is not news. */
  let restoring = false;

  function tell(event: SessionEvent): void {
    for (const listener of [...listeners]) listener(event);
  }

  /** Tells each change of `source` with the value before it. */
  function tellChanges<T>(source: ReadonlySignal<T>, told: (value: T, previous: T) => SessionEvent | null): () => void {
    let previous = source.peek();
    return effect(() => {
      const value = source.value;
      if (value === previous) return;
      const event = told(value, previous);
      previous = value;
      if (event) tell(event);
    });
  }

  function publish(): void {
    transcript.value = [...entries.values()].sort(compareEntries);
  }

  function put(entry: Entry): void {
    entries.set(entry.key, entry);
    if (entry.id) keyById.set(entry.id, entry.key);
    if (entry.clientId && !entry.id) unplaced.add(entry.key);
    else unplaced.delete(entry.key);
  }

  function save(): void {
    if (!chatState || phase.value === 'ended') return;
    store.write({ version: 1, transport: chatState, lastMessageId: lastSeenId });
  }

  function hideTyping(): void {
    if (typingTimer !== null) clock.clearTimeout(typingTimer);
    typingTimer = null;
    typingSender = null;
    agentTyping.value = false;
  }

  /** Marks the visitor's pending entry as delivered with the server's id and time. */
  function confirm(entry: Entry, message: TransportMessage): void {
    const other = keyById.get(message.id);
    if (other !== undefined && other !== entry.key) entries.delete(other);
    put({ ...entry, id: message.id, time: message.time, status: 'sent', error: undefined });
    if (!restoring) tell({ type: 'message-confirmed', entry: entries.get(entry.key)! });
    const queued = outbox.indexOf(entry.key);
    // The head may be in flight; its own answer removes it. Anything behind it can go now.
    if (queued > 0 || (queued === 0 && !inFlight)) outbox.splice(queued, 1);
  }

  /** The oldest of the visitor's entries not yet placed by the server with this text: what an echo belongs to. */
  function pendingFor(message: TransportMessage): Entry | undefined {
    if (message.clientId) {
      const byClient = entries.get(message.clientId);
      if (byClient && !byClient.id) return byClient;
    }
    let found: Entry | undefined;
    for (const key of unplaced) {
      const entry = entries.get(key)!;
      if (entry.text === message.text && (!found || entry.seq < found.seq)) found = entry;
    }
    return found;
  }

  /**
   * Adds one server message, whatever its route (send answer, echo, backfill, restore), exactly once. `countUnread`
   * is false for a restored transcript.
   */
  function ingest(message: TransportMessage, fromStream: boolean, countUnread: boolean): void {
    if (fromStream) lastSeenId = message.id;
    const known = keyById.get(message.id);
    if (known !== undefined && entries.has(known)) return;
    if (message.sender.kind === 'guest' && !message.notice) {
      const pending = pendingFor(message);
      if (pending) {
        confirm(pending, message);
        return;
      }
    }
    const entry = entryFromMessage(message, seq++);
    put(entry);
    if (isAgent(message.sender) && !message.notice) {
      if (typingSender === message.sender.id) hideTyping();
      if (countUnread && !visible) unread.value += 1;
      if (!restoring) tell({ type: 'message-received', entry });
    } else if (message.sender.kind === 'guest' && !message.notice && !restoring) {
      // The visitor's own message, sent from another tab: accepted, as far as this one knows.
      tell({ type: 'message-confirmed', entry });
    }
  }

  function livePhase(): Phase {
    return agents.size > 0 ? 'active' : 'waiting';
  }

  function addNotice(kind: NoticeKind): void {
    const key = `notice-${seq}`;
    put({ key, kind: 'system', text: '', time: clock.now(), notice: kind, seq: seq++ });
  }

  function stopTimers(): void {
    if (sendTimer !== null) clock.clearTimeout(sendTimer);
    sendTimer = null;
    hideTyping();
  }

  function finish(reason: EndReason, readOnly: boolean): void {
    if (phase.value === 'ended' || phase.value === 'idle') return;
    batch(() => {
      stopTimers();
      for (const key of outbox) {
        const entry = entries.get(key);
        if (entry && !entry.id) put({ ...entry, status: 'failed', error: 'chat-ended' });
      }
      outbox.length = 0;
      agents.clear();
      agent.value = null;
      addNotice(
        readOnly
          ? 'ended-readonly'
          : reason === 'agent-ended'
            ? 'ended-by-agent'
            : reason === 'expired'
              ? 'ended-expired'
              : reason === 'visitor-left' && capabilities.value?.leaveEndsConversation === false
                ? 'ended-agent-may-see'
                : 'ended',
      );
      publish();
      phase.value = 'ended';
    });
    tell({ type: 'ended', reason });
    if (chatState) store.clear(chatState);
  }

  function fail(error: unknown): void {
    batch(() => {
      stopTimers();
      notice.value = noticeFromError(error);
      phase.value = 'error';
    });
  }

  function onMember(member: Participant, state: 'alerting' | 'connected' | 'disconnected'): void {
    if (!isAgent(member)) return;
    batch(() => {
      if (state === 'connected') {
        agents.set(member.id, member);
        agent.value = member;
        if (notice.value?.code === 'agent-left') notice.value = null;
        if (phase.value === 'waiting') phase.value = 'active';
      } else if (state === 'disconnected' && agents.delete(member.id)) {
        if (typingSender === member.id) hideTyping();
        if (agent.value?.id === member.id) agent.value = [...agents.values()].pop() ?? null;
        if (agents.size === 0) {
          // Either a transfer (another agent follows) or the end; the visitor may start over meanwhile.
          notice.value = { code: 'agent-left', message: `${member.name ?? 'The agent'} left the chat`, fatal: false };
          if (phase.value === 'active') phase.value = 'waiting';
        }
      }
    });
  }

  async function resync(): Promise<void> {
    try {
      const missed = await transport.history(gapFrom ? gapFrom.id : lastSeenId);
      gapFrom = null;
      batch(() => {
        for (const message of missed) ingest(message, true, true);
        publish();
      });
      save();
    } catch {
      // The live stream is back; a failed backfill must not keep the chat offline. The next gap tries again.
    }
    if (phase.value === 'reconnecting') phase.value = livePhase();
    pump();
  }

  function onEvent(event: TransportEvent): void {
    if (disposed) return;
    switch (event.type) {
      case 'message':
        if (phase.value === 'ended' || phase.value === 'idle') return;
        batch(() => {
          ingest(event.message, true, true);
          publish();
        });
        save();
        break;
      case 'typing':
        if (!isAgent(event.sender) || !LIVE.includes(phase.value)) return;
        if (typingTimer !== null) clock.clearTimeout(typingTimer);
        typingSender = event.sender.id;
        agentTyping.value = true;
        typingTimer = clock.setTimeout(hideTyping, event.durationMs);
        break;
      case 'member':
        onMember(event.member, event.state);
        break;
      case 'ended':
        finish(event.reason, event.readOnly);
        break;
      case 'connection':
        connection.value = event.state;
        if (event.previous === 'open' && !gapFrom) gapFrom = { id: lastSeenId };
        if (event.state === 'reconnecting' && (phase.value === 'waiting' || phase.value === 'active')) {
          phase.value = 'reconnecting';
        } else if (event.state === 'failed' && LIVE.includes(phase.value)) {
          fail(
            new TransportError('The connection to the chat was lost', {
              code: 'connection-lost',
              reason: 'connection-lost',
              retryable: false,
            }),
          );
        }
        break;
      case 'resynced':
        if (LIVE.includes(phase.value)) void resync();
        break;
      case 'warning':
        // Bad frames and rejected side calls are dropped by design; the chat goes on. Told once per kind, so a
        // server that keeps sending bad frames does not flood the site's console.
        {
          const code = event.error.code ?? 'warning';
          if (!warned.has(code)) {
            warned.add(code);
            console.warn(
              `<guest-chat> ${event.error.message}; the chat goes on. Later ${code} problems are not logged.`,
            );
          }
        }
        break;
    }
  }

  /** Sends the head of the outbox, one message at a time so the server gets them in order. */
  function pump(): void {
    if (inFlight || sendTimer !== null || disposed) return;
    if (phase.value !== 'waiting' && phase.value !== 'active') return;
    const key = outbox[0];
    if (key === undefined) return;
    const entry = entries.get(key);
    if (!entry || entry.id) {
      outbox.shift();
      pump();
      return;
    }
    inFlight = true;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    transport.send(entry.text, key, entry.content?.reply).then(
      (message) => {
        inFlight = false;
        if (outbox[0] === key) outbox.shift();
        const current = entries.get(key);
        if (current && !disposed && phase.value !== 'ended') {
          if (current.id) {
            keyById.set(message.id, key);
          } else {
            confirm(current, message);
            if (!lastSeenId) lastSeenId = message.id;
          }
          publish();
          save();
        }
        pump();
      },
      (error: unknown) => {
        inFlight = false;
        const current = entries.get(key);
        if (!current || current.id || disposed || phase.value === 'ended') {
          if (outbox[0] === key) outbox.shift();
          pump();
          return;
        }
        const retryable = error instanceof TransportError && error.retryable;
        if (retryable && attempt < maxSendAttempts) {
          const delay =
            error.retryAfter !== undefined ? error.retryAfter * 1_000 : backoffDelay(attempt - 1, Math.random);
          sendTimer = clock.setTimeout(() => {
            sendTimer = null;
            pump();
          }, delay);
          return;
        }
        outbox.shift();
        put({ ...current, status: 'failed', error: noticeFromError(error).code });
        publish();
        pump();
      },
    );
  }

  /** Takes in a start's or resume's history, not yet shown; what came after `countUnreadAfter` counts as unread. */
  function takeHistory(history: TransportMessage[], countUnreadAfter?: string): void {
    batch(() => {
      let counting = countUnreadAfter === undefined;
      for (const message of history) {
        ingest(message, true, counting);
        if (message.id === countUnreadAfter) counting = true;
      }
    });
  }

  /** Shows the chat a start or resume opened, its history taken in. */
  function begin(result: StartResult): void {
    selfId = result.selfId;
    chatState = transport.resumeState();
    batch(() => {
      for (const { member, state } of result.members) onMember(member, state);
      publish();
      phase.value = livePhase();
    });
    if (result.readOnly) {
      finish('agent-ended', true);
    } else {
      save();
      pump();
    }
  }

  const unsubscribeTransport = transport.subscribe(onEvent);
  const stopTelling = [
    tellChanges(phase, (value, previous) => ({ type: 'phase', phase: value, previous })),
    tellChanges(agent, (value, previous) =>
      restoring || value?.id === previous?.id ? null : { type: 'agent-changed', agent: value, previous },
    ),
    tellChanges(notice, (value) => ({ type: 'notice', notice: value })),
  ];
  const unsubscribeLifecycle = (options.lifecycle ?? browserLifecycle()).subscribe((event) => {
    // Closing the socket on pagehide keeps the page eligible for the back/forward cache; pageshow brings it back.
    if (event === 'pagehide' && LIVE.includes(phase.value)) {
      suspended = true;
      transport.suspend();
    } else if (event === 'pageshow' && suspended) {
      suspended = false;
      transport.wake();
    }
  });

  /** Puts the visitor's message in the transcript and in the outbox; returns its client id. */
  function enqueue(text: string, content?: RichContent): string {
    if (!LIVE.includes(phase.value) && phase.value !== 'starting') {
      throw new Error(`Cannot send while ${phase.value}`);
    }
    const clientId = newId();
    const sender: Participant = { id: selfId ?? 'self', kind: 'guest' };
    const entry: Entry = {
      key: clientId,
      clientId,
      kind: 'guest',
      sender,
      text,
      time: clock.now(),
      status: 'sending',
      seq: seq++,
    };
    if (content) entry.content = content;
    put(entry);
    outbox.push(clientId);
    publish();
    pump();
    return clientId;
  }

  function clearChat(): void {
    entries.clear();
    keyById.clear();
    unplaced.clear();
    agents.clear();
    outbox.length = 0;
    attempts.clear();
    selfId = null;
    chatState = null;
    lastSeenId = undefined;
    gapFrom = null;
    lastTypingSent = -Infinity;
  }

  return {
    phase,
    transcript,
    agent,
    agentTyping,
    connection,
    unread,
    notice,
    capabilities,

    async start(memberInfo: MemberInfo) {
      if (phase.value !== 'idle') throw new Error(`Cannot start a chat while ${phase.value}`);
      phase.value = 'starting';
      notice.value = null;
      try {
        capabilities.value = await transport.prepare();
        const routingTarget = options.routingTarget ?? (options.queue ? { targetAddress: options.queue } : undefined);
        const result = await transport.start({ memberInfo, routingTarget });
        if (phase.value !== 'starting') return;
        takeHistory(result.history);
        begin(result);
      } catch (error) {
        if (phase.value === 'starting') fail(error);
      }
    },

    async restore() {
      const saved = store.read();
      if (!saved || phase.value !== 'idle') return false;
      phase.value = 'starting';
      restoring = true;
      try {
        capabilities.value = await transport.prepare();
        const result = await transport.resume(saved.transport);
        if (phase.value !== 'starting') return false;
        takeHistory(result.history, saved.lastMessageId);
        // Taking in a long history and rendering it are each tens of milliseconds at 10,000 messages: in tasks of
        // their own, neither holds the page for long.
        await nextTask();
        if (phase.value !== 'starting' || disposed) return false;
        begin(result);
        return true;
      } catch (error) {
        if (error instanceof TransportError && !error.retryable) {
          store.discard();
          batch(() => {
            clearChat();
            publish();
            // The visitor may remember the chat: say it is over rather than show a blank form without a word.
            notice.value = {
              code: EARLIER_CHAT_ENDED,
              message: 'The chat kept from an earlier page has ended',
              fatal: false,
            };
            phase.value = 'idle';
          });
        } else {
          fail(error);
        }
        return false;
      } finally {
        restoring = false;
      }
    },

    send: (text: string) => enqueue(text),

    async reply(messageId, choice) {
      // Matching a choice is loaded with the first answer: a chat without structured content never fetches it.
      const { answerFor } = await loadChecked('rich/reply.js', () => import('./reply.js'));
      const reply = answerFor(entries.get(keyById.get(messageId) ?? '')?.content, choice, messageId);
      return enqueue(reply.text, { reply });
    },

    retry(clientId: string) {
      const entry = entries.get(clientId);
      if (!entry || entry.status !== 'failed' || !LIVE.includes(phase.value)) return;
      attempts.delete(clientId);
      put({ ...entry, status: 'sending', error: undefined, seq: seq++ });
      outbox.push(clientId);
      publish();
      pump();
    },

    typing() {
      if (phase.value !== 'waiting' && phase.value !== 'active') return;
      if (capabilities.value && !capabilities.value.guestTyping) return;
      const now = clock.now();
      if (now - lastTypingSent < GUEST_TYPING_THROTTLE_MS) return;
      lastTypingSent = now;
      // A lost typing signal only means the agent misses one indicator; it is not worth telling the visitor.
      transport.sendTyping().catch(() => {});
    },

    async end() {
      if (!LIVE.includes(phase.value) && phase.value !== 'starting') return;
      try {
        await transport.leave();
      } catch {
        // The visitor asked to leave: the chat ends here even if the server did not hear it (it ends the chat
        // after its own grace period).
      }
      finish('visitor-left', false);
    },

    reset() {
      if (phase.value !== 'ended' && phase.value !== 'error') return;
      batch(() => {
        stopTimers();
        clearChat();
        publish();
        agent.value = null;
        unread.value = 0;
        notice.value = null;
        connection.value = 'idle';
        phase.value = 'idle';
      });
    },

    subscribe(listener: (event: SessionEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    setVisible(isVisible: boolean) {
      visible = isVisible;
      if (isVisible) unread.value = 0;
    },

    attachments: () => transport.attachments!(),

    dispose() {
      disposed = true;
      stopTelling.forEach((stop) => stop());
      listeners.clear();
      stopTimers();
      unsubscribeTransport();
      unsubscribeLifecycle();
      transport.dispose();
    },
  };
}
