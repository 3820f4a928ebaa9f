import { batch, signal } from '@preact/signals-core';
import { loadChecked } from '../core/checked-load.js';
import { nextTask, systemClock, type Clock } from '../core/clock.js';
import { browserLifecycle } from '../core/lifecycle.js';
import { browserStorage } from '../core/storage.js';
import type { RichContent } from '../transport/rich.js';
import {
  TransportError,
  type EndReason,
  type MemberInfo,
  type Participant,
  type ResumeState,
  type StartResult,
  type TransportEvent,
  type TransportMessage,
} from '../transport/types.js';
import { createSessionEvents } from './events.js';
import { createHistory, isAgent } from './history.js';
import { createLedger } from './ledger.js';
import { EARLIER_CHAT_ENDED } from './notice-codes.js';
import { endNotice, noticeFromError, warnOncePerCode } from './notices.js';
import { createOutbox } from './outbox.js';
import { createResumeWriter } from './resume-writer.js';
import { ChatStore } from './store.js';
import type { Entry } from './transcript.js';
import { createAgentTyping, createTypingThrottle } from './typing.js';
import type { ChatSession, ChatSessionOptions, Phase, SessionEvent, SessionNotice } from './types.js';

const LIVE: readonly Phase[] = ['waiting', 'active', 'reconnecting'];

/**
 * Creates a chat session over one transport: the signals a UI reads and the actions it calls. The session knows
 * nothing about the wire (that is the transport's) nor about pixels (that is the element's).
 *
 * This function is the session's state machine: `phase` changes here and nowhere else. The transcript
 * ({@link Ledger}), what the server said ({@link History}), the visitor's messages on their way out ({@link Outbox})
 * and typing ({@link AgentTyping}) each live in a module of their own.
 */
export function createChatSession(options: ChatSessionOptions): ChatSession {
  const { transport } = options;
  const clock: Clock = options.clock ?? systemClock;
  const store = new ChatStore(
    options.storage !== undefined ? options.storage : browserStorage('sessionStorage'),
    options.storageKey ?? 'guest-chat',
  );

  const phase = signal<Phase>('idle');
  const agent = signal<Participant | null>(null);
  const connection = signal<ChatSession['connection']['value']>('idle');
  const unread = signal(0);
  const notice = signal<SessionNotice | null>(null);
  const capabilities = signal<ChatSession['capabilities']['value']>(null);

  const events = createSessionEvents();
  const ledger = createLedger();
  const agentTyping = createAgentTyping(clock);
  const guestTyping = createTypingThrottle(clock);
  const history = createHistory({
    ledger,
    agentTyping,
    events,
    confirm,
    unread: () => {
      if (!visible) unread.value += 1;
    },
  });
  const outbox = createOutbox({
    ledger,
    transport,
    clock,
    maxSendAttempts: options.maxSendAttempts ?? 4,
    canSend: () => !disposed && (phase.value === 'waiting' || phase.value === 'active'),
    isOver: () => disposed || phase.value === 'ended',
    confirm,
    save: () => resume.request(),
  });
  const warn = warnOncePerCode();

  const agents = new Map<string, Participant>();
  let selfId: string | null = null;
  let chatState: ResumeState | null = null;
  let visible = false;
  let suspended = false;
  let disposed = false;
  const lifecycle = options.lifecycle ?? browserLifecycle();
  const resume = createResumeWriter(clock, lifecycle, () => {
    if (chatState && phase.value !== 'ended') {
      store.write({ version: 1, transport: chatState, lastMessageId: history.lastSeenId });
    }
  });

  /** Marks the visitor's pending entry as delivered, whichever came first: the send's answer or the echo. */
  function confirm(entry: Entry, message: TransportMessage): void {
    const confirmed = ledger.confirm(entry, message);
    if (!history.restoring) events.tell({ type: 'message-confirmed', entry: confirmed });
    outbox.settle(entry.key);
    history.sent(message);
  }

  function livePhase(): Phase {
    return agents.size > 0 ? 'active' : 'waiting';
  }

  function stopTimers(): void {
    outbox.stop();
    agentTyping.hide();
  }

  function finish(reason: EndReason, readOnly: boolean): void {
    if (phase.value === 'ended' || phase.value === 'idle') return;
    batch(() => {
      stopTimers();
      outbox.abandon();
      agents.clear();
      agent.value = null;
      ledger.addNotice(endNotice(reason, readOnly, capabilities.value?.leaveEndsConversation), clock.now());
      ledger.publish();
      phase.value = 'ended';
    });
    events.tell({ type: 'ended', reason });
    // The chat is over, so this only drops a pending write, which would otherwise bring back the record cleared here.
    resume.flush();
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
        agentTyping.stop(member.id);
        if (agent.value?.id === member.id) agent.value = [...agents.values()].pop() ?? null;
        if (agents.size === 0) {
          // Either a transfer (another agent follows) or the end; the visitor may start over meanwhile.
          notice.value = { code: 'agent-left', message: `${member.name ?? 'The agent'} left the chat`, fatal: false };
          if (phase.value === 'active') phase.value = 'waiting';
        }
      }
    });
  }

  /** The link is back: what was said meanwhile is fetched, then the chat and its outbox go on. */
  async function resync(): Promise<void> {
    // A failed backfill must not keep the chat offline: the live stream is back, and the next gap tries again.
    if (await history.backfill(transport)) resume.request();
    if (phase.value === 'reconnecting') phase.value = livePhase();
    outbox.pump();
  }

  function onEvent(event: TransportEvent): void {
    if (disposed) return;
    switch (event.type) {
      case 'message':
        if (phase.value === 'ended' || phase.value === 'idle') return;
        batch(() => {
          history.ingest(event.message, true);
          ledger.publish();
        });
        resume.request();
        break;
      case 'typing':
        if (!isAgent(event.sender) || !LIVE.includes(phase.value)) return;
        agentTyping.show(event.sender.id, event.durationMs);
        break;
      case 'member':
        onMember(event.member, event.state);
        break;
      case 'ended':
        finish(event.reason, event.readOnly);
        break;
      case 'connection':
        connection.value = event.state;
        if (event.previous === 'open') history.linkLost();
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
        warn(event.error);
        break;
    }
  }

  /** Shows the chat a start or resume opened, its history taken in. */
  function begin(result: StartResult): void {
    selfId = result.selfId;
    chatState = transport.resumeState();
    batch(() => {
      for (const { member, state } of result.members) onMember(member, state);
      ledger.publish();
      phase.value = livePhase();
    });
    if (result.readOnly) {
      finish('agent-ended', true);
    } else {
      resume.request();
      outbox.pump();
    }
  }

  const unsubscribeTransport = transport.subscribe(onEvent);
  const stopTelling = [
    events.watch(phase, (value, previous) => ({ type: 'phase', phase: value, previous })),
    events.watch(agent, (value, previous) =>
      history.restoring || value?.id === previous?.id ? null : { type: 'agent-changed', agent: value, previous },
    ),
    events.watch(notice, (value) => ({ type: 'notice', notice: value })),
  ];
  const unsubscribeLifecycle = lifecycle.subscribe((event) => {
    // The next page (a reload, a page change) resumes from the record: it must name the newest message by now.
    if (event === 'hidden' || event === 'pagehide') resume.flush();
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
    return outbox.post(text, { id: selfId ?? 'self', kind: 'guest' }, content);
  }

  function clearChat(): void {
    ledger.clear();
    history.clear();
    outbox.clear();
    agents.clear();
    guestTyping.reset();
    selfId = null;
    chatState = null;
  }

  return {
    phase,
    transcript: ledger.transcript,
    agent,
    agentTyping: agentTyping.typing,
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
        history.take(result.history);
        begin(result);
      } catch (error) {
        if (phase.value === 'starting') fail(error);
      }
    },

    async restore() {
      const saved = store.read();
      if (!saved || phase.value !== 'idle') return false;
      phase.value = 'starting';
      history.restoring = true;
      try {
        capabilities.value = await transport.prepare();
        const result = await transport.resume(saved.transport);
        if (phase.value !== 'starting') return false;
        history.take(result.history, saved.lastMessageId);
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
            ledger.publish();
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
        history.restoring = false;
      }
    },

    send: (text: string) => enqueue(text),

    async reply(messageId, choice) {
      // Matching a choice is loaded with the first answer: a chat without structured content never fetches it.
      // Where that file cannot load (refused by its integrity check, or unreachable), the choice goes as its text,
      // as if typed: the visitor's answer still reaches the other side, which reads typed answers too.
      const matching = await loadChecked('rich/reply.js', () => import('./reply.js')).catch(() => null);
      if (!matching) return enqueue(choice.text.trim() || choice.payload);
      const reply = matching.answerFor(ledger.byId(messageId)?.content, choice, messageId);
      return enqueue(reply.text, { reply });
    },

    retry(clientId: string) {
      if (LIVE.includes(phase.value)) outbox.retry(clientId);
    },

    typing() {
      if (phase.value !== 'waiting' && phase.value !== 'active') return;
      if (capabilities.value && !capabilities.value.guestTyping) return;
      if (!guestTyping.allow()) return;
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
        ledger.publish();
        agent.value = null;
        unread.value = 0;
        notice.value = null;
        connection.value = 'idle';
        phase.value = 'idle';
      });
    },

    subscribe(listener: (event: SessionEvent) => void) {
      return events.subscribe(listener);
    },

    setVisible(isVisible: boolean) {
      visible = isVisible;
      if (isVisible) unread.value = 0;
    },

    attachments: () => transport.attachments!(),

    dispose() {
      // The element leaving the page does not end the chat: the next page resumes it from a current record.
      resume.flush();
      disposed = true;
      stopTelling.forEach((stop) => stop());
      events.clear();
      stopTimers();
      unsubscribeTransport();
      unsubscribeLifecycle();
      transport.dispose();
    },
  };
}
