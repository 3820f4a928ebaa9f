/**
 * The agent console's data layer: everything the console knows comes through here, from the emulator's control API
 * (`/emulator/*`: sign in an agent, faults) and the agent-side Platform API (`/api/v2/conversations/*`), as a real
 * agent application would call them. The Platform API has no push channel for a guest chat's messages, so the
 * desk polls. The UI reads `DeskState` snapshots and calls the actions; it never calls the server itself.
 */

/** How often the desk polls the Platform API. */
const POLL_MS = 600;
/** How long a typing indicator lasts: Genesys sends no "stopped typing", so it fades like the widget's does. */
const TYPING_SHOWN_MS = 4000;
/** The agent's own typing is sent at most this often while keys are pressed. */
const TYPING_SEND_EVERY_MS = 2000;

/** Where a chat is, from this agent's point of view. */
export type DeskChatState = 'alerting' | 'active' | 'ended';

/** One line of a chat's transcript. */
export interface DeskMessage {
  id: string;
  from: 'customer' | 'agent' | 'notice';
  /** The sender's name, when known. */
  name?: string;
  text: string;
  /** Epoch milliseconds. */
  time: number;
}

/** A conversation offered to or handled by this agent. */
export interface DeskChat {
  id: string;
  /** The conversation kind, so another protocol's conversations can join the same list. */
  kind: 'guest-chat';
  state: DeskChatState;
  customerName: string;
  /** What the visitor entered in the pre-chat form, and its custom fields. */
  details: Record<string, string>;
  messages: DeskMessage[];
  customerTyping: boolean;
  /** Epoch milliseconds when the chat reached this agent. */
  since: number;
}

/** Emulator faults the console can trigger. */
export type Fault = 'dropSockets' | 'stopHeartbeats' | 'failNextSend';

/** Everything the console shows. */
export interface DeskState {
  /** This agent, once signed in to the emulator. */
  agent: { id: string; name: string } | null;
  chats: DeskChat[];
  /** Conversations waiting in a queue with no agent yet (from the emulator's control API). */
  queued: number;
  /** The emulator's echo bot answers new chats instead of this agent. */
  autoAnswer: boolean;
  /** The server answered the last poll. */
  online: boolean;
  /** Heartbeats are stopped by a fault. */
  heartbeatsStopped: boolean;
  /** The last failed action, readable. */
  error: string | null;
}

/** A Platform API participant (`ChatMediaParticipant`, with the generic conversation's `chats`). */
interface WireParticipant {
  id: string;
  name?: string;
  purpose?: string;
  state?: string;
  startTime?: string;
  connectedTime?: string;
  user?: { id: string };
  attributes?: Record<string, string>;
  chats?: { id: string; state?: string }[];
}

interface WireConversation {
  id: string;
  participants?: WireParticipant[];
}

interface WireMessage {
  id: string;
  sender?: { id: string };
  body?: string;
  bodyType?: string;
  timestamp?: string;
}

/** What the desk remembers about one chat between polls. */
interface Tracked {
  chat: DeskChat;
  participantId: string;
  /** This agent's communication id, once connected. */
  communicationId?: string;
  /** Communication id -> who. */
  senders: Map<string, { from: 'customer' | 'agent'; name?: string }>;
  typingUntil: number;
  lastTypingSent: number;
}

/** A failed call, with the Genesys error code when the body had one. */
export class DeskError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Date.now());

/** The console's data layer: one per page. */
export class AgentDesk {
  private state: DeskState = {
    agent: null,
    chats: [],
    queued: 0,
    autoAnswer: false,
    online: false,
    heartbeatsStopped: false,
    error: null,
  };
  private readonly listeners = new Set<(state: DeskState) => void>();
  private readonly tracked = new Map<string, Tracked>();
  private token = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly base: string,
    private readonly agentName: string,
  ) {}

  /** The current snapshot. */
  get snapshot(): DeskState {
    return this.state;
  }

  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signs the agent in and starts polling. */
  async start(): Promise<void> {
    await this.signIn(false);
    void this.poll();
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Answers an alerting chat. */
  async accept(chatId: string): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked) return;
    await this.act(() =>
      this.call('PATCH', `/api/v2/conversations/chats/${chatId}/participants/${tracked.participantId}`, {
        state: 'connected',
      }),
    );
    await this.refresh();
  }

  /** Sends the agent's reply. */
  async send(chatId: string, text: string): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || !text.trim()) return;
    const path = `/api/v2/conversations/chats/${chatId}/communications/${tracked.communicationId}/messages`;
    await this.act(() => this.call('POST', path, { body: text, bodyType: 'standard' }));
    await this.refresh();
  }

  /** Tells the visitor the agent is typing; call on every key press, it is throttled here. */
  typing(chatId: string): void {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || Date.now() - tracked.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    tracked.lastTypingSent = Date.now();
    const path = `/api/v2/conversations/chats/${chatId}/communications/${tracked.communicationId}/typing`;
    void this.act(() => this.call('POST', path));
  }

  /** Disconnects the agent, which ends the chat for the visitor. */
  async disconnect(chatId: string): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked) return;
    await this.act(() =>
      this.call('PATCH', `/api/v2/conversations/chats/${chatId}/participants/${tracked.participantId}`, {
        state: 'disconnected',
      }),
    );
    await this.refresh();
  }

  /** Hands new chats to the emulator's echo bot (a new auto-answering agent) or back to this agent. */
  async setAutoAnswer(on: boolean): Promise<void> {
    await this.act(() => this.signIn(on));
  }

  /** Triggers one of the emulator's faults. */
  async fault(fault: Fault): Promise<void> {
    const body =
      fault === 'dropSockets'
        ? { dropSockets: true }
        : fault === 'stopHeartbeats'
          ? { heartbeats: false }
          : { failNext: { count: 1, status: 503, pathContains: '/messages' } };
    await this.act(() => this.call('POST', '/emulator/faults', body));
    if (fault === 'stopHeartbeats') this.update({ heartbeatsStopped: true });
  }

  /** Clears every fault (heartbeats resume). */
  async clearFaults(): Promise<void> {
    await this.act(() => this.call('DELETE', '/emulator/faults'));
    this.update({ heartbeatsStopped: false });
  }

  /** Removes an ended chat from the list. */
  dismiss(chatId: string): void {
    this.tracked.delete(chatId);
    this.publish();
  }

  private async signIn(autoAnswer: boolean): Promise<void> {
    const answer = await this.call<{ id: string; token: string }>('POST', '/emulator/agents', {
      displayName: autoAnswer ? 'Echo bot' : this.agentName,
      autoAnswer,
      bot: autoAnswer ? 'echo' : null,
    });
    this.token = answer.token;
    this.update({ agent: { id: answer.id, name: autoAnswer ? 'Echo bot' : this.agentName }, autoAnswer });
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    await this.refresh();
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  /** Reads this agent's chats, then each open chat's messages. */
  private async refresh(): Promise<void> {
    try {
      const [list, queue] = await Promise.all([
        this.call<{ entities?: WireConversation[] }>('GET', '/api/v2/conversations/chats'),
        this.call<{ members?: { role?: string; state?: string }[]; endedAt?: string }[]>('GET', '/emulator/conversations'),
      ]);
      const seen = new Set<string>();
      for (const conversation of list.entities ?? []) {
        seen.add(conversation.id);
        await this.track(conversation);
      }
      for (const tracked of this.tracked.values()) {
        if (!seen.has(tracked.chat.id) && tracked.chat.state !== 'ended') tracked.chat.state = 'ended';
      }
      const queued = queue.filter(
        (c) => !c.endedAt && !c.members?.some((m) => m.role === 'AGENT' && m.state !== 'DISCONNECTED'),
      ).length;
      this.update({ online: true, queued });
    } catch (error) {
      this.update({ online: false, error: readable(error) });
    }
  }

  private async track(conversation: WireConversation): Promise<void> {
    const participants = conversation.participants ?? [];
    const mine = participants.find((p) => p.purpose === 'agent' && p.user?.id === this.state.agent?.id);
    const customer = participants.find((p) => p.purpose === 'customer');
    if (!mine) return;
    let tracked = this.tracked.get(conversation.id);
    if (!tracked) {
      tracked = {
        chat: {
          id: conversation.id,
          kind: 'guest-chat',
          state: 'alerting',
          customerName: customer?.name ?? 'Visitor',
          details: { ...(customer?.attributes ?? {}) },
          messages: [],
          customerTyping: false,
          since: time(mine.startTime),
        },
        participantId: mine.id,
        senders: new Map(),
        typingUntil: 0,
        lastTypingSent: 0,
      };
      this.tracked.set(conversation.id, tracked);
    }
    const chat = tracked.chat;
    const state = (mine.state ?? '').toLowerCase();
    chat.state = state === 'connected' ? 'active' : state === 'alerting' ? 'alerting' : 'ended';
    if (chat.state === 'alerting') return;
    if (!tracked.communicationId) await this.learnSenders(tracked);
    const messages = await this.call<{ entities?: WireMessage[] }>(
      'GET',
      `/api/v2/conversations/chats/${conversation.id}/messages`,
    );
    chat.messages = (messages.entities ?? []).map((m) => this.message(tracked, m));
    const last = chat.messages.at(-1);
    if (last?.from === 'customer' && last.time >= tracked.typingUntil - TYPING_SHOWN_MS) tracked.typingUntil = 0;
    chat.customerTyping = Date.now() < tracked.typingUntil;
  }

  /** Reads the generic conversation once: it names every participant's communication id, this agent's included. */
  private async learnSenders(tracked: Tracked): Promise<void> {
    const conversation = await this.call<WireConversation>('GET', `/api/v2/conversations/${tracked.chat.id}`);
    for (const participant of conversation.participants ?? []) {
      for (const chat of participant.chats ?? []) {
        if (participant.purpose === 'customer') tracked.senders.set(chat.id, { from: 'customer', name: participant.name });
        if (participant.purpose === 'agent') tracked.senders.set(chat.id, { from: 'agent', name: participant.name });
        if (participant.id === tracked.participantId) tracked.communicationId = chat.id;
      }
    }
  }

  private message(tracked: Tracked, wire: WireMessage): DeskMessage {
    const sender = tracked.senders.get(wire.sender?.id ?? '');
    const standard = (wire.bodyType ?? 'standard') === 'standard';
    return {
      id: wire.id,
      from: standard ? (sender?.from ?? 'customer') : 'notice',
      name: sender?.name,
      text: standard ? (wire.body ?? '') : noticeText(wire, sender?.name),
      time: time(wire.timestamp),
    };
  }

  /** Runs an action, recording its failure for the UI instead of throwing. */
  private async act(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      if (this.state.error) this.update({ error: null });
    } catch (error) {
      this.update({ error: readable(error) });
    }
  }

  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token && !path.startsWith('/emulator/')) headers.Authorization = `Bearer ${this.token}`;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) throw new DeskError(json?.message ?? `${method} ${path}: ${res.status}`, res.status, json?.code);
    return json as T;
  }

  private update(change: Partial<DeskState>): void {
    this.state = { ...this.state, ...change };
    this.publish();
  }

  private publish(): void {
    const chats = [...this.tracked.values()].map((t) => ({ ...t.chat }));
    this.state = { ...this.state, chats };
    for (const listener of this.listeners) listener(this.state);
  }
}

function noticeText(wire: WireMessage, name: string | undefined): string {
  if (wire.bodyType === 'member-join') return `${name ?? 'Someone'} joined`;
  if (wire.bodyType === 'member-leave') return `${name ?? 'Someone'} left`;
  return wire.body ?? '';
}

function readable(error: unknown): string {
  if (error instanceof DeskError) return error.code ? `${error.message} (${error.code})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
