/**
 * The agent console's data layer: everything the console knows comes through here, from the emulator's control API
 * (`/emulator/*`: sign agents in and out, the queue, faults) and the agent-side Platform API, as a real agent
 * application would call them: Guest Chat chats under `/api/v2/conversations/chats`, Web Messaging conversations
 * under `/api/v2/conversations/messages`. The Platform API has no push channel the console can use, so the desk
 * polls. The UI reads `DeskState` snapshots and calls the actions; it never calls the server itself.
 */
import { describeContent } from './rich.js';

/** How often the desk polls the Platform API. */
const POLL_MS = 600;
/** The agent's own typing is sent at most this often while keys are pressed. */
const TYPING_SEND_EVERY_MS = 2000;
/** How long the agent's typing shows on the visitor's side of a Web Messaging conversation. */
const TYPING_DURATION_MS = 5000;
/** How long the visitor's typing shows after the desk saw it: neither protocol says when someone stops typing. */
const VISITOR_TYPING_MS = 4000;
/**
 * The console's agent is signed out this long after its last call, so that a console that crashed stops getting
 * chats. Every poll renews it; it is longer than the once-a-minute timers a browser allows a hidden tab.
 */
const PRESENCE_TIMEOUT_MS = 90_000;

/** The two kinds of conversation the console handles. */
export type DeskChatKind = 'guest-chat' | 'web-messaging';

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
  /** Structured content in a line (Web Messaging): what a bot offered, or how the visitor answered it. */
  detail?: string;
  /** The visitor answered structured content (a quick reply, a card's button, a time slot). */
  answer?: boolean;
  /** Files the message carries (Web Messaging), as the Platform API's `media`. */
  files?: DeskFile[];
}

/** A file of a message: its download URL expires after a while (the emulator's `downloadUrlTtlSeconds`). */
export interface DeskFile {
  name: string;
  url: string;
  /** MIME type. */
  type: string;
  size?: number;
}

/** A conversation offered to or handled by this console's agent, or by its echo bot. */
export interface DeskChat {
  id: string;
  kind: DeskChatKind;
  state: DeskChatState;
  /** `bot` when the emulator's echo bot answered it: the console only watches. */
  handledBy: 'you' | 'bot';
  customerName: string;
  /** The visitor's custom fields. */
  details: Record<string, string>;
  messages: DeskMessage[];
  /** The visitor is typing now. */
  customerTyping: boolean;
  /** Epoch milliseconds when the chat reached the agent. */
  since: number;
}

/**
 * Emulator faults the console can trigger: the visitor's next send fails (a Guest Chat REST send or a Web Messaging
 * `onMessage` frame), or the agent's own next send does.
 */
export type Fault = 'dropSockets' | 'stopHeartbeats' | 'failVisitorSend' | 'failAgentSend';

/** Everything the console shows. */
export interface DeskState {
  /** Who answers for this console, once signed in to the emulator: its agent, or the echo bot. */
  agent: { id: string; name: string; bot: boolean } | null;
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
  bot: boolean;
}

/**
 * A participant of `ChatConversation` or `MessageConversation`. `lastTypingTime` (the customer's last typing) is
 * the emulator's extension; `messages` lists the ids of a Web Messaging participant's messages.
 */
interface WireParticipant {
  id: string;
  name?: string;
  purpose?: string;
  state?: string;
  startTime?: string;
  user?: { id: string };
  attributes?: Record<string, string>;
  lastTypingTime?: string;
  messages?: { messageId: string; messageTime?: string }[];
}

interface WireConversation {
  id: string;
  participants?: WireParticipant[];
}

/** A participant of the generic `Conversation`: its communications are `chats` (Guest Chat) or `messages`. */
interface GenericParticipant {
  id: string;
  name?: string;
  purpose?: string;
  chats?: { id: string }[];
  messages?: { id: string }[];
}

/** A Guest Chat `WebChatMessage`. */
interface WireMessage {
  id: string;
  sender?: { id: string };
  body?: string;
  bodyType?: string;
  timestamp?: string;
}

/** A Web Messaging `MessageData`. */
interface WireMessageData {
  id: string;
  name?: string;
  direction?: 'inbound' | 'outbound';
  textBody?: string;
  timestamp?: string;
  media?: { name?: string; url?: string; mediaType?: string; contentLengthBytes?: number }[];
  normalizedMessage?: { content?: Parameters<typeof describeContent>[0] };
}

/** A conversation as the control API lists it (only what the desk reads). */
interface ControlConversation {
  routed?: boolean;
  endedAt?: string;
  members?: { role?: string; state?: string }[];
}

/** What differs between the kinds on the calls they share. */
interface Protocol {
  /** The agent's list; `{path}/{id}` reads a conversation, `…/participants` and `…/communications` act on it. */
  path: string;
  reply: (text: string) => unknown;
  typing?: unknown;
}

const PROTOCOLS: Record<DeskChatKind, Protocol> = {
  'guest-chat': {
    path: '/api/v2/conversations/chats',
    reply: (text) => ({ body: text, bodyType: 'standard' }),
  },
  'web-messaging': {
    path: '/api/v2/conversations/messages',
    reply: (text) => ({ textBody: text }),
    typing: { typing: { type: 'On', duration: TYPING_DURATION_MS } },
  },
};
const KINDS = Object.keys(PROTOCOLS) as DeskChatKind[];

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
  /** Web Messaging messages already read, by id: their text never changes. */
  read: Map<string, DeskMessage>;
  lastTypingSent: number;
  /** The visitor's last typing time as the server gave it, and when the desk first saw that value. */
  visitorTyping?: { at: string; seen: number };
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
  private agent: Identity | null = null;
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

  /** Signs in the agent, or the echo bot when auto-answer was on last time, and starts polling. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.act(() => this.become(this.load()));
    void this.poll();
  }

  /**
   * Stops polling and signs out as the page goes away, so that the emulator does not offer chats to an agent nobody
   * is watching; what it was in goes back to the queue. `keepalive` lets the call outlive the page.
   */
  leave(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    const agent = this.agent;
    if (!agent) return;
    this.agent = null;
    this.forget(agent);
    // Nobody is left to tell if this fails: the page is going away.
    this.call('DELETE', `/emulator/agents/${agent.id}`, null, undefined, true).catch(() => undefined);
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
    const protocol = PROTOCOLS[tracked.chat.kind];
    const path = `${protocol.path}/${chatId}/communications/${tracked.communicationId}/messages`;
    // A message ends the visitor's typing indicator, so the next key press must announce typing again.
    tracked.lastTypingSent = 0;
    await this.act(() => this.call('POST', path, tracked.owner, protocol.reply(text)));
    await this.refresh();
  }

  /**
   * Sends a file (Web Messaging), as an agent app does: the message media route gives an upload URL and its headers,
   * the file goes there, then a message carries it by its media id.
   */
  async sendFile(chatId: string, file: File): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || tracked.chat.kind !== 'web-messaging') return;
    const path = `${PROTOCOLS['web-messaging'].path}/${chatId}/communications/${tracked.communicationId}/messages`;
    await this.act(async () => {
      const upload = await this.call<{ id: string; uploadUrl: string; uploadHeaders?: Record<string, string> }>(
        'POST',
        `${path}/media/uploads`,
        tracked.owner,
        { fileName: file.name, contentLengthBytes: file.size },
      );
      const stored = await fetch(upload.uploadUrl, {
        method: 'PUT',
        headers: { ...upload.uploadHeaders, 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      });
      if (!stored.ok) throw new Error(`The upload answered ${stored.status}`);
      await this.call('POST', path, tracked.owner, { textBody: '', mediaIds: [upload.id] });
    });
    await this.refresh();
  }

  /** Tells the visitor the agent is typing; call on every key press, it is throttled here. */
  typing(chatId: string): void {
    const tracked = this.tracked.get(chatId);
    if (!tracked?.communicationId || Date.now() - tracked.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    tracked.lastTypingSent = Date.now();
    const protocol = PROTOCOLS[tracked.chat.kind];
    const path = `${protocol.path}/${chatId}/communications/${tracked.communicationId}/typing`;
    void this.act(() => this.call('POST', path, tracked.owner, protocol.typing));
  }

  /**
   * Hands the console over to the emulator's echo bot, or takes it back: the one signs in, then the other signs out,
   * and the chats it was in go back to the queue, where the one now signed in is offered them.
   */
  async setAutoAnswer(on: boolean): Promise<void> {
    if (on === this.state.autoAnswer) return;
    await this.act(async () => {
      const previous = this.agent;
      await this.become(on);
      localStorage.setItem(this.storageKey, JSON.stringify({ autoAnswer: on }));
      if (previous) {
        this.forget(previous);
        await this.call('DELETE', `/emulator/agents/${previous.id}`, null);
      }
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
          : { failNextSend: { status: 503, side: fault === 'failVisitorSend' ? 'guest' : 'agent' } };
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

  /** Whether auto-answer was on when this console was last used. */
  private load(): boolean {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) ?? 'null')?.autoAnswer === true;
    } catch {
      return false;
    }
  }

  /** Signs in the console's agent, or the echo bot, as the one that answers for this console from now on. */
  private async become(bot: boolean): Promise<void> {
    const presenceTimeoutMs = PRESENCE_TIMEOUT_MS;
    const agent = bot
      ? { displayName: 'Echo bot', autoAnswer: true, bot: 'echo' as const, presenceTimeoutMs }
      : { displayName: this.agentName, presenceTimeoutMs };
    const answer = await this.call<{ id: string; token: string }>('POST', '/emulator/agents', null, agent);
    this.agent = { id: answer.id, token: answer.token, name: agent.displayName, bot };
    this.update({ agent: { id: answer.id, name: agent.displayName, bot }, autoAnswer: bot });
  }

  /** Drops the chats an agent was still in: they go back to the queue when it signs out. Ended ones stay listed. */
  private forget(agent: Identity): void {
    for (const [id, tracked] of this.tracked) {
      if (tracked.owner === agent && tracked.chat.state !== 'ended') this.tracked.delete(id);
    }
    this.publish();
  }

  private async setParticipant(chatId: string, state: 'connected' | 'disconnected'): Promise<void> {
    const tracked = this.tracked.get(chatId);
    if (!tracked) return;
    const path = `${PROTOCOLS[tracked.chat.kind].path}/${chatId}/participants/${tracked.participantId}`;
    await this.act(() => this.call('PATCH', path, tracked.owner, { state }));
    await this.refresh();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    await this.refresh();
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  /** Reads the agent's conversations of both kinds, then each one's messages. */
  private async refresh(): Promise<void> {
    const owner = this.agent;
    if (!owner) return;
    try {
      const seen = new Set<string>();
      for (const kind of KINDS) {
        const list = await this.call<{ entities?: WireConversation[] }>('GET', PROTOCOLS[kind].path, owner);
        for (const conversation of list.entities ?? []) {
          if (await this.track(kind, conversation, owner)) seen.add(conversation.id);
        }
      }
      for (const tracked of this.tracked.values()) {
        if (tracked.owner !== owner || seen.has(tracked.chat.id) || tracked.chat.state === 'ended') continue;
        // Gone from the agent's list: the chat ended (or a ringing one was declined). Read the goodbyes once.
        if (tracked.chat.state === 'alerting') this.tracked.delete(tracked.chat.id);
        else {
          tracked.chat.state = 'ended';
          tracked.chat.customerTyping = false;
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
  private async track(kind: DeskChatKind, conversation: WireConversation, owner: Identity): Promise<boolean> {
    // The console changed hands while this poll ran: the chats of the agent that signed out are no longer followed.
    if (owner !== this.agent) return false;
    const participants = conversation.participants ?? [];
    const mine = participants.find(
      (p) => p.purpose === 'agent' && p.user?.id === owner.id && p.state !== 'disconnected',
    );
    if (!mine) return false;
    const state = mine.state === 'connected' ? 'active' : 'alerting';
    const customer = participants.find((p) => p.purpose === 'customer');
    let tracked = this.tracked.get(conversation.id);
    if (!tracked || tracked.owner !== owner) {
      tracked = {
        chat: {
          id: conversation.id,
          kind,
          state,
          handledBy: owner.bot ? 'bot' : 'you',
          customerName: customer?.name ?? 'Visitor',
          details: fieldsOf(customer?.attributes),
          messages: [],
          customerTyping: false,
          since: time(mine.startTime),
        },
        owner,
        participantId: mine.id,
        senders: new Map(),
        read: new Map(),
        lastTypingSent: 0,
      };
      this.tracked.set(conversation.id, tracked);
    }
    tracked.chat.state = state;
    if (state === 'active') await this.readMessages(tracked, conversation);
    tracked.chat.customerTyping = this.visitorTyping(tracked, customer?.lastTypingTime);
    return true;
  }

  /**
   * Whether the visitor is typing now: a new typing time was seen lately and no message from the visitor came after
   * it. "Lately" is by this page's clock, from when the desk first saw that time, so the two clocks need not agree.
   */
  private visitorTyping(tracked: Tracked, at: string | undefined): boolean {
    if (!at) return false;
    if (tracked.visitorTyping?.at !== at) tracked.visitorTyping = { at, seen: Date.now() };
    const answered = tracked.chat.messages.some((m) => m.from === 'customer' && m.time >= time(at));
    return !answered && Date.now() - tracked.visitorTyping.seen < VISITOR_TYPING_MS;
  }

  /** Reads a chat's transcript in the way of its kind; `conversation` is its latest state, when just read. */
  private async readMessages(tracked: Tracked, conversation?: WireConversation): Promise<void> {
    if (tracked.chat.kind === 'web-messaging') await this.readMessaging(tracked, conversation);
    else await this.readChat(tracked);
  }

  /** A Guest Chat transcript; names its senders first when one is new (the agent itself, a transferred agent). */
  private async readChat(tracked: Tracked): Promise<void> {
    const path = `${PROTOCOLS['guest-chat'].path}/${tracked.chat.id}/messages`;
    const wire = (await this.call<{ entities?: WireMessage[] }>('GET', path, tracked.owner)).entities ?? [];
    if (!tracked.communicationId || wire.some((m) => m.sender && !tracked.senders.has(m.sender.id))) {
      await this.learnCommunications(tracked);
    }
    tracked.chat.messages = wire.flatMap((m) => this.chatLine(tracked, m));
  }

  /**
   * A Web Messaging transcript: the participants list their messages' ids, and the bulk call reads the ones not yet
   * read. It holds the text messages only: joins and leaves are not messages there.
   */
  private async readMessaging(tracked: Tracked, latest?: WireConversation): Promise<void> {
    const path = `${PROTOCOLS['web-messaging'].path}/${tracked.chat.id}`;
    const conversation = latest ?? (await this.call<WireConversation>('GET', path, tracked.owner));
    const refs = (conversation.participants ?? [])
      .flatMap((p) => p.messages ?? [])
      .sort((a, b) => time(a.messageTime) - time(b.messageTime));
    const unread = refs.map((ref) => ref.messageId).filter((id) => !tracked.read.has(id));
    if (unread.length > 0) {
      const found = await this.call<{ entities?: WireMessageData[] }>(
        'POST',
        `${path}/messages/bulk`,
        tracked.owner,
        unread,
      );
      for (const m of found.entities ?? []) {
        const from = m.direction === 'inbound' ? 'customer' : 'agent';
        const files = (m.media ?? []).map((item) => ({
          name: item.name ?? 'file',
          url: item.url ?? '',
          type: item.mediaType ?? '',
          size: item.contentLengthBytes,
        }));
        tracked.read.set(m.id, {
          id: m.id,
          from,
          name: m.name,
          text: m.textBody ?? '',
          time: time(m.timestamp),
          ...describeContent(m.normalizedMessage?.content),
          ...(files.length > 0 ? { files } : {}),
        });
      }
    }
    if (!tracked.communicationId) await this.learnCommunications(tracked);
    tracked.chat.messages = refs.flatMap((ref) => tracked.read.get(ref.messageId) ?? []);
  }

  /** Reads the generic conversation: it names every participant's communication id, the owner's included. */
  private async learnCommunications(tracked: Tracked): Promise<void> {
    const path = `/api/v2/conversations/${tracked.chat.id}`;
    const conversation = await this.call<{ participants?: GenericParticipant[] }>('GET', path, tracked.owner);
    for (const participant of conversation.participants ?? []) {
      for (const communication of [...(participant.chats ?? []), ...(participant.messages ?? [])]) {
        tracked.senders.set(communication.id, { purpose: participant.purpose ?? '', name: participant.name });
        if (participant.id === tracked.participantId) tracked.communicationId = communication.id;
      }
    }
  }

  /** A Guest Chat transcript line, or none for the flow's and the queue's own comings and goings. */
  private chatLine(tracked: Tracked, wire: WireMessage): DeskMessage[] {
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

  /**
   * One call; `as` signs Platform API calls with that agent's token (the control API needs none). `keepalive` lets
   * it finish after the page is gone.
   */
  private async call<T = unknown>(
    method: string,
    path: string,
    as: Identity | null,
    body?: unknown,
    keepalive = false,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (as) headers.Authorization = `Bearer ${as.token}`;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive,
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

/** The visitor's custom fields: participant attributes, named `context.{key}` on Guest Chat. */
function fieldsOf(attributes: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([key, value]) => [key.replace(/^context\./, ''), value]),
  );
}

function readable(error: unknown): string {
  if (error instanceof DeskError) return error.code ? `${error.message} (${error.code})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
