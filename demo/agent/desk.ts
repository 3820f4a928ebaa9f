/**
 * The agent console's data layer: everything the console knows comes through here, from the emulator's control API
 * (`/emulator/*`: sign agents in, the queue, faults) and the agent-side Platform API (`/api/v2/conversations/*`), as
 * a real agent application would call them. The Platform API has no push channel for a guest chat's messages, so
 * the desk polls. The UI reads `DeskState` snapshots and calls the actions; it never calls the server itself.
 */

/** How often the desk polls the Platform API. */
const POLL_MS = 600;
/** The agent's own typing is sent at most this often while keys are pressed. */
const TYPING_SEND_EVERY_MS = 2000;

/** Where a chat is, from the console's point of view. */
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

/** A conversation offered to or handled by this console's agent, or by its echo bot. */
export interface DeskChat {
  id: string;
  /** The conversation kind, so another protocol's conversations can join the same list. */
  kind: 'guest-chat';
  state: DeskChatState;
  /** `bot` when the emulator's echo bot answered it: the console only watches. */
  handledBy: 'you' | 'bot';
  customerName: string;
  /** The visitor's custom fields. */
  details: Record<string, string>;
  messages: DeskMessage[];
  /** Epoch milliseconds when the chat reached the agent. */
  since: number;
}

/** Emulator faults the console can trigger. */
export type Fault = 'dropSockets' | 'stopHeartbeats' | 'failNextSend';

/** Everything the console shows. */
export interface DeskState {
  /** This console's agent, once signed in to the emulator. */
  agent: { id: string; name: string } | null;
  /** Newest first. */
  chats: DeskChat[];
  /** Conversations waiting in a queue with no agent offered yet (from the emulator's control API). */
  queued: number;
  /** New chats go to the emulator's echo bot, which answers them itself. */
  autoAnswer: boolean;
  /** The emulator answered the last poll. */
  online: boolean;
  /** Heartbeats are stopped by a fault. */
  heartbeatsStopped: boolean;
  /** The last failed action, readable. */
  error: string | null;
}

/** An agent signed in through the control API. */
interface Identity {
  id: string;
  name: string;
  token: string;
}

/** A Platform API participant (`ChatMediaParticipant`, or the generic conversation's with its `chats`). */
interface WireParticipant {
  id: string;
  name?: string;
  purpose?: string;
  state?: string;
  startTime?: string;
  user?: { id: string };
  attributes?: Record<string, string>;
  chats?: { id: string }[];
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

/** A conversation as the control API lists it (only what the desk reads). */
interface ControlConversation {
  routed?: boolean;
  endedAt?: string;
  members?: { role?: string; state?: string }[];
}

/** What the desk remembers about one chat between polls. */
interface Tracked {
  chat: DeskChat;
  /** Whose token reads and acts on it. */
  owner: Identity;
  participantId: string;
  /** The owner's communication id, once it is connected. */
  communicationId?: string;
  /** Communication id -> the participant's purpose (`customer`, `agent`, `acd`, `workflow`) and name. */
  senders: Map<string, { purpose: string; name?: string }>;
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
  private human: Identity | null = null;
  private bot: Identity | null = null;
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

  /**
   * Signs the agent in and starts polling. A reload keeps the same agent (and bot): the emulator has no sign-out,
   * and an agent left behind would still be offered chats that nobody answers.
   */
  async start(): Promise<void> {
    await this.act(async () => {
      const saved = this.load();
      this.human = (await this.stillValid(saved?.human)) ?? (await this.signIn({ displayName: this.agentName }));
      this.bot = (await this.stillValid(saved?.bot)) ?? null;
      this.update({ agent: { id: this.human.id, name: this.human.name }, autoAnswer: !!(this.bot && saved?.autoAnswer) });
      this.save();
    });
    void this.poll();
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Answers a chat ringing for this agent. */
  async accept(chatId: string): Promise<void> {
    await this.setParticipant(chatId, 'connected');
  }

  /** Declines a ringing chat (it is offered to someone else) or ends an answered one for the visitor too. */
  async disconnect(chatId: string): Promise<void> {
    await this.setParticipant(chatId, 'disconnected');
  }

  /** Sends the agent's reply. */
  async send(chatId: string, text: string): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || !text.trim()) return;
    const path = `/api/v2/conversations/chats/${chatId}/communications/${tracked.communicationId}/messages`;
    // A message ends the visitor's typing indicator, so the next key press must announce typing again.
    tracked.lastTypingSent = 0;
    await this.act(() => this.call('POST', path, tracked.owner, { body: text, bodyType: 'standard' }));
    await this.refresh();
  }

  /** Tells the visitor the agent is typing; call on every key press, it is throttled here. */
  typing(chatId: string): void {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || Date.now() - tracked.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    tracked.lastTypingSent = Date.now();
    const path = `/api/v2/conversations/chats/${chatId}/communications/${tracked.communicationId}/typing`;
    void this.act(() => this.call('POST', path, tracked.owner));
  }

  /**
   * Hands new chats to the emulator's echo bot, or takes them back. The bot is a second agent that the emulator
   * answers for; it is signed in once and kept.
   */
  async setAutoAnswer(on: boolean): Promise<void> {
    await this.act(async () => {
      if (on && !this.bot) this.bot = await this.signIn({ displayName: 'Echo bot', autoAnswer: true, bot: 'echo' });
      this.update({ autoAnswer: on });
      this.save();
      await this.refresh();
    });
  }

  /** Triggers one of the emulator's faults. */
  async fault(fault: Fault): Promise<void> {
    const body =
      fault === 'dropSockets'
        ? { dropSockets: true }
        : fault === 'stopHeartbeats'
          ? { heartbeats: false }
          : { failNext: { count: 1, status: 503, pathContains: '/messages' } };
    await this.act(() => this.call('POST', '/emulator/faults', null, body));
    if (fault === 'stopHeartbeats') this.update({ heartbeatsStopped: true });
  }

  /** Clears every fault (heartbeats resume). */
  async clearFaults(): Promise<void> {
    await this.act(() => this.call('DELETE', '/emulator/faults', null));
    this.update({ heartbeatsStopped: false });
  }

  /** Removes an ended chat from the list. */
  dismiss(chatId: string): void {
    this.tracked.delete(chatId);
    this.publish();
  }

  private get storageKey(): string {
    return `guest-chat-demo-agent ${this.base}`;
  }

  private load(): { human?: Identity; bot?: Identity; autoAnswer?: boolean } | null {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) ?? 'null');
    } catch {
      return null;
    }
  }

  private save(): void {
    const saved = { human: this.human, bot: this.bot, autoAnswer: this.state.autoAnswer };
    localStorage.setItem(this.storageKey, JSON.stringify(saved));
  }

  /** A saved agent, if the emulator still knows its token (a restarted emulator forgets every agent). */
  private async stillValid(identity: Identity | undefined): Promise<Identity | undefined> {
    if (!identity) return undefined;
    try {
      await this.call('GET', '/api/v2/conversations/chats', identity);
      return identity;
    } catch (error) {
      if (error instanceof DeskError && error.status === 401) return undefined;
      throw error;
    }
  }

  private async signIn(agent: { displayName: string; autoAnswer?: boolean; bot?: 'echo' }): Promise<Identity> {
    const answer = await this.call<{ id: string; token: string }>('POST', '/emulator/agents', null, agent);
    return { id: answer.id, token: answer.token, name: agent.displayName };
  }

  private async setParticipant(chatId: string, state: 'connected' | 'disconnected'): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked) return;
    const path = `/api/v2/conversations/chats/${chatId}/participants/${tracked.participantId}`;
    await this.act(() => this.call('PATCH', path, tracked.owner, { state }));
    await this.refresh();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    await this.refresh();
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  /** Reads the chats of this agent and of its bot, then each chat's messages. */
  private async refresh(): Promise<void> {
    if (!this.human) return;
    try {
      const seen = new Set<string>();
      for (const owner of [this.human, this.bot]) {
        if (!owner) continue;
        const list = await this.call<{ entities?: WireConversation[] }>('GET', '/api/v2/conversations/chats', owner);
        for (const conversation of list.entities ?? []) {
          if (await this.track(conversation, owner)) seen.add(conversation.id);
        }
      }
      for (const tracked of this.tracked.values()) {
        if (seen.has(tracked.chat.id) || tracked.chat.state === 'ended') continue;
        // Gone from the agent's list: the chat ended (or a ringing one was declined). Read the goodbyes once.
        if (tracked.chat.state === 'alerting') this.tracked.delete(tracked.chat.id);
        else {
          tracked.chat.state = 'ended';
          await this.readMessages(tracked);
        }
      }
      const conversations = await this.call<ControlConversation[]>('GET', '/emulator/conversations', null);
      const queued = conversations.filter(
        (c) => c.routed && !c.endedAt && !c.members?.some((m) => m.role === 'AGENT' && m.state !== 'DISCONNECTED'),
      ).length;
      this.update({ online: true, queued });
    } catch (error) {
      this.update({ online: false, error: readable(error) });
    }
  }

  /** Updates one conversation from `owner`'s list; false when the console does not follow it. */
  private async track(conversation: WireConversation, owner: Identity): Promise<boolean> {
    const participants = conversation.participants ?? [];
    const mine = participants.find(
      (p) => p.purpose === 'agent' && p.user?.id === owner.id && p.state !== 'disconnected',
    );
    if (!mine) return false;
    const state = mine.state === 'connected' ? 'active' : 'alerting';
    if (owner === this.human && state === 'alerting' && this.state.autoAnswer) {
      // The bot is on: let the chat ring on, to the bot.
      await this.call('PATCH', `/api/v2/conversations/chats/${conversation.id}/participants/${mine.id}`, owner, {
        state: 'disconnected',
      });
      return false;
    }
    if (owner === this.bot && state === 'alerting' && !this.state.autoAnswer) {
      // The bot is off but still signed in: the emulator offers it chats when this agent is busier. Decline them
      // before the bot's auto-answer fires, so they come back to this agent.
      await this.call('PATCH', `/api/v2/conversations/chats/${conversation.id}/participants/${mine.id}`, owner, {
        state: 'disconnected',
      });
      return false;
    }
    let tracked = this.tracked.get(conversation.id);
    if (!tracked || tracked.owner !== owner) {
      const customer = participants.find((p) => p.purpose === 'customer');
      tracked = {
        chat: {
          id: conversation.id,
          kind: 'guest-chat',
          state,
          handledBy: owner === this.bot ? 'bot' : 'you',
          customerName: customer?.name ?? 'Visitor',
          details: fieldsOf(customer?.attributes),
          messages: [],
          since: time(mine.startTime),
        },
        owner,
        participantId: mine.id,
        senders: new Map(),
        lastTypingSent: 0,
      };
      this.tracked.set(conversation.id, tracked);
    }
    tracked.chat.state = state;
    if (state === 'active') await this.readMessages(tracked);
    return true;
  }

  /** Reads a chat's transcript; names its senders first when one is new (the agent itself, a transferred agent). */
  private async readMessages(tracked: Tracked): Promise<void> {
    const path = `/api/v2/conversations/chats/${tracked.chat.id}/messages`;
    const wire = (await this.call<{ entities?: WireMessage[] }>('GET', path, tracked.owner)).entities ?? [];
    if (!tracked.communicationId || wire.some((m) => m.sender && !tracked.senders.has(m.sender.id))) {
      await this.learnSenders(tracked);
    }
    tracked.chat.messages = wire.flatMap((m) => this.message(tracked, m));
  }

  /** Reads the generic conversation: it names every participant's communication id, the owner's included. */
  private async learnSenders(tracked: Tracked): Promise<void> {
    const path = `/api/v2/conversations/${tracked.chat.id}`;
    const conversation = await this.call<WireConversation>('GET', path, tracked.owner);
    for (const participant of conversation.participants ?? []) {
      for (const chat of participant.chats ?? []) {
        tracked.senders.set(chat.id, { purpose: participant.purpose ?? '', name: participant.name });
        if (participant.id === tracked.participantId) tracked.communicationId = chat.id;
      }
    }
  }

  /** A transcript line, or none for the flow's and the queue's own comings and goings. */
  private message(tracked: Tracked, wire: WireMessage): DeskMessage[] {
    const sender = tracked.senders.get(wire.sender?.id ?? '');
    const from = sender?.purpose === 'agent' ? 'agent' : 'customer';
    const line = { id: wire.id, name: sender?.name, time: time(wire.timestamp) };
    if ((wire.bodyType ?? 'standard') === 'standard') return [{ ...line, from, text: wire.body ?? '' }];
    if (sender?.purpose !== 'agent' && sender?.purpose !== 'customer') return [];
    const who = sender.name ?? (from === 'agent' ? 'The agent' : 'The visitor');
    if (wire.bodyType === 'member-join') return [{ ...line, from: 'notice', text: `${who} joined` }];
    if (wire.bodyType === 'member-leave') return [{ ...line, from: 'notice', text: `${who} left` }];
    return wire.body ? [{ ...line, from: 'notice', text: wire.body }] : [];
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

  /** One call; `as` signs Platform API calls with that agent's token (the control API needs none). */
  private async call<T = unknown>(method: string, path: string, as: Identity | null, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (as) headers.Authorization = `Bearer ${as.token}`;
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
    const chats = [...this.tracked.values()].map((t) => ({ ...t.chat })).sort((a, b) => b.since - a.since);
    this.state = { ...this.state, chats };
    for (const listener of this.listeners) listener(this.state);
  }
}

/** The visitor's custom fields, which reach the agent as participant attributes `context.{key}`. */
function fieldsOf(attributes: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([key, value]) => [key.replace(/^context\./, ''), value]),
  );
}

function readable(error: unknown): string {
  if (error instanceof DeskError) return error.code ? `${error.message} (${error.code})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
