import { effect, signal } from '@preact/signals-core';
import { fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import type {
  ChatSession,
  Phase,
  SessionEndReason,
  SessionEvent,
  SessionNotice,
  TranscriptEntry,
} from '../../../src/session/types.js';
import type { ConnectionState, Participant, TransportCapabilities } from '../../../src/transport/types.js';
import type { GuestChatElement } from '../../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../../src/ui/define.js';

defineGuestChat();

/**
 * A ChatSession whose signals the test writes; every action is a sinon stub. It tells what changed in its signals as
 * the real session would (new agent messages, the visitor's accepted ones, agent, phase and notice changes).
 */
export class FakeSession implements ChatSession {
  phase = signal<Phase>('idle');
  transcript = signal<readonly TranscriptEntry[]>([]);
  agent = signal<Participant | null>(null);
  agentTyping = signal(false);
  connection = signal<ConnectionState>('idle');
  unread = signal(0);
  notice = signal<SessionNotice | null>(null);
  capabilities = signal<TransportCapabilities | null>({
    guestTyping: true,
    agentTyping: true,
    leaveEndsConversation: true,
  });

  start = sinon.stub<Parameters<ChatSession['start']>, Promise<void>>().callsFake(async () => {
    this.phase.value = 'waiting';
  });
  restore = sinon.stub<[], Promise<boolean>>().resolves(false);
  send = sinon.stub<[string], string>().callsFake((text) => {
    const key = `c${++this.#count}`;
    this.push({ key, clientId: key, kind: 'guest', text, time: Date.now(), status: 'sending' });
    return key;
  });
  reply = sinon.stub<Parameters<ChatSession['reply']>, Promise<string>>().resolves('r1');
  retry = sinon.stub<[string], void>();
  typing = sinon.stub<[], void>();
  end = sinon.stub<[], Promise<void>>().callsFake(async () => {
    this.finish('visitor-left');
  });
  reset = sinon.stub<[], void>().callsFake(() => {
    this.phase.value = 'idle';
    this.transcript.value = [];
    this.agent.value = null;
    this.notice.value = null;
  });
  setVisible = sinon.stub<[boolean], void>();
  dispose = sinon.stub<[], void>();

  #count = 0;
  #listeners = new Set<(event: SessionEvent) => void>();

  constructor() {
    let phase = this.phase.peek();
    let agent = this.agent.peek();
    let notice = this.notice.peek();
    const told = new Map<string, TranscriptEntry>();
    effect(() => {
      const value = this.phase.value;
      if (value !== phase) this.tell({ type: 'phase', phase: value, previous: phase });
      phase = value;
    });
    effect(() => {
      const value = this.agent.value;
      if (value?.id !== agent?.id) this.tell({ type: 'agent-changed', agent: value, previous: agent });
      agent = value;
    });
    effect(() => {
      const value = this.notice.value;
      if (value !== notice) this.tell({ type: 'notice', notice: value });
      notice = value;
    });
    effect(() => {
      for (const entry of this.transcript.value) {
        const before = told.get(entry.key);
        told.set(entry.key, entry);
        if (entry.kind === 'agent' || entry.kind === 'bot') {
          if (!before) this.tell({ type: 'message-received', entry });
        } else if (entry.kind === 'guest' && entry.status === 'sent' && before?.status !== 'sent') {
          this.tell({ type: 'message-confirmed', entry });
        }
      }
    });
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the element what happened, as the session would. */
  tell(event: SessionEvent): void {
    if (this.#quiet) return;
    for (const listener of [...this.#listeners]) listener(event);
  }

  #quiet = false;

  /** Changes signals without telling, as the real session restores a kept chat. */
  quietly(change: () => void): void {
    this.#quiet = true;
    try {
      change();
    } finally {
      this.#quiet = false;
    }
  }

  /** The chat ends for `reason`: the phase, then the event. */
  finish(reason: SessionEndReason): void {
    this.phase.value = 'ended';
    this.tell({ type: 'ended', reason });
  }

  /** Appends transcript entries. */
  push(...entries: TranscriptEntry[]): void {
    this.transcript.value = [...this.transcript.value, ...entries];
  }

  /** Replaces one entry (by key) with changes. */
  update(key: string, changes: Partial<TranscriptEntry>): void {
    this.transcript.value = this.transcript.value.map((entry) =>
      entry.key === key ? { ...entry, ...changes } : entry,
    );
  }

  /** An agent joins: the agent signal, the phase and a system notice. */
  join(agent: Participant = ANNA): void {
    this.agent.value = agent;
    this.phase.value = 'active';
    this.push({
      key: `join-${agent.id}`,
      kind: 'system',
      sender: agent,
      text: '',
      time: Date.now(),
      notice: 'agent-joined',
    });
  }

  /** An agent's message. */
  say(text: string, agent: Participant = ANNA, time = Date.now()): TranscriptEntry {
    const entry: TranscriptEntry = {
      key: `a${++this.#count}`,
      id: `s${this.#count}`,
      kind: 'agent',
      sender: agent,
      text,
      time,
    };
    this.push(entry);
    return entry;
  }
}

export const ANNA: Participant = {
  id: 'agent-1',
  kind: 'agent',
  name: 'Anna',
  avatarUrl: 'https://example.com/anna.png',
};

export const CONFIG = 'environment="http://127.0.0.1:1" organization-id="org" deployment-id="dep" queue="support"';

/** A configured `<guest-chat>` on a fake session; `attributes` are added to the tag. */
export async function chatFixture(
  options: { session?: FakeSession; attributes?: Record<string, string | boolean> } = {},
): Promise<{ el: GuestChatElement; session: FakeSession }> {
  const session = options.session ?? new FakeSession();
  const attributes: Record<string, string | boolean> = {
    environment: 'http://127.0.0.1:1',
    'organization-id': 'org',
    'deployment-id': 'dep',
    queue: 'support',
    ...options.attributes,
  };
  const holder = document.createElement('div');
  const el = document.createElement('guest-chat');
  el.sessionFactory = () => session;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  holder.append(el);
  await fixture(html`${holder}`);
  await settle(el);
  return { el, session };
}

/** Waits for queued microtasks (session wiring, announcements) and the element's next render. */
export async function settle(el: GuestChatElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await Promise.resolve();
    await el.updateComplete;
  }
}

/** Shorthand for a query in the element's shadow root. */
export function $<T extends Element = HTMLElement>(el: GuestChatElement, selector: string): T {
  return el.shadowRoot!.querySelector<T>(selector)!;
}

/** Every match in the element's shadow root. */
export function $$<T extends Element = HTMLElement>(el: GuestChatElement, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Fills the pre-chat form and submits it. */
export async function fillForm(el: GuestChatElement, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const input = $<HTMLInputElement>(el, `#field-${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  $<HTMLFormElement>(el, 'form.prechat').requestSubmit();
  await settle(el);
}

/** Types into the composer as a visitor would, firing input events. */
export async function typeDraft(el: GuestChatElement, text: string): Promise<HTMLTextAreaElement> {
  const textarea = $<HTMLTextAreaElement>(el, '.composer textarea');
  textarea.value = text;
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await settle(el);
  return textarea;
}
