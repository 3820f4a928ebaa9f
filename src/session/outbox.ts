import { backoffDelay } from '../transport/backoff.js';
import { newId, type Clock } from '../transport/env.js';
import { TransportError, type ChatTransport, type Participant, type TransportMessage } from '../transport/types.js';
import type { RichContent } from '../transport/rich.js';
import type { Ledger } from './ledger.js';
import { noticeFromError } from './notices.js';
import type { Entry } from './transcript.js';

/** What the outbox needs from its session. */
export interface OutboxOptions {
  ledger: Ledger;
  transport: ChatTransport;
  clock: Clock;
  /** Tries per message before it is marked failed, for retryable errors. */
  maxSendAttempts: number;
  /** Whether messages may go out now: a chat is waiting or active, and the session is not disposed. */
  canSend(): boolean;
  /** Whether an answer arriving now comes too late to matter: the chat ended or the session is disposed. */
  isOver(): boolean;
  /** Places the visitor's pending entry with the server's answer, as an echo of it would. */
  confirm(entry: Entry, message: TransportMessage): void;
  /** Keeps the chat for resuming, after the transcript changed. */
  save(): void;
}

/**
 * The visitor's messages on their way out: shown at once as `sending`, sent one at a time so the server gets them in
 * order, retried with backoff (or after the server's Retry-After) on retryable errors, and marked `failed` with the
 * reason otherwise, kept in the transcript for a retry.
 */
export class Outbox {
  /** Client ids waiting to be sent, in order; the head is the one in flight or waiting for its retry. */
  private readonly queue: string[] = [];
  private readonly attempts = new Map<string, number>();
  private inFlight = false;
  private timer: unknown = null;

  constructor(private readonly options: OutboxOptions) {}

  /** Puts a message from `sender` in the transcript and on its way; returns its client id. */
  post(text: string, sender: Participant, content?: RichContent): string {
    const { ledger, clock } = this.options;
    const clientId = newId();
    const entry: Entry = {
      key: clientId,
      clientId,
      kind: 'guest',
      sender,
      text,
      time: clock.now(),
      status: 'sending',
      seq: ledger.nextSeq(),
    };
    if (content) entry.content = content;
    ledger.put(entry);
    this.queue.push(clientId);
    ledger.publish();
    this.pump();
    return clientId;
  }

  /** Sends a failed message again, with a fresh count of tries; it moves to the end of the transcript. */
  retry(clientId: string): void {
    const { ledger } = this.options;
    const entry = ledger.get(clientId);
    if (!entry || entry.status !== 'failed') return;
    this.attempts.delete(clientId);
    ledger.put({ ...entry, status: 'sending', error: undefined, seq: ledger.nextSeq() });
    this.queue.push(clientId);
    ledger.publish();
    this.pump();
  }

  /** The server placed `key` (its echo came): it need not be sent again. */
  settle(key: string): void {
    const queued = this.queue.indexOf(key);
    // The head may be in flight; its own answer removes it. Anything behind it can go now.
    if (queued > 0 || (queued === 0 && !this.inFlight)) this.queue.splice(queued, 1);
  }

  /** The chat ended: whatever was not sent is marked failed and dropped. */
  abandon(): void {
    const { ledger } = this.options;
    for (const key of this.queue) {
      const entry = ledger.get(key);
      if (entry && !entry.id) ledger.put({ ...entry, status: 'failed', error: 'chat-ended' });
    }
    this.queue.length = 0;
  }

  /** Cancels a retry waiting for its time. */
  stop(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Forgets the queue and the tries (a new chat). */
  clear(): void {
    this.queue.length = 0;
    this.attempts.clear();
  }

  /** Sends the head of the queue, if the chat can take it and nothing else is on its way. */
  pump(): void {
    const { ledger, transport } = this.options;
    if (this.inFlight || this.timer !== null || !this.options.canSend()) return;
    const key = this.queue[0];
    if (key === undefined) return;
    const entry = ledger.get(key);
    if (!entry || entry.id) {
      this.queue.shift();
      this.pump();
      return;
    }
    this.inFlight = true;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    transport.send(entry.text, key, entry.content?.reply).then(
      (message) => this.sent(key, message),
      (error: unknown) => this.refused(key, attempt, error),
    );
  }

  private sent(key: string, message: TransportMessage): void {
    const { ledger } = this.options;
    this.inFlight = false;
    if (this.queue[0] === key) this.queue.shift();
    const current = ledger.get(key);
    if (current && !this.options.isOver()) {
      // The echo may have placed it first (it can arrive before the answer); then this id names the same entry.
      if (current.id) ledger.alias(message.id, key);
      else this.options.confirm(current, message);
      ledger.publish();
      this.options.save();
    }
    this.pump();
  }

  private refused(key: string, attempt: number, error: unknown): void {
    const { ledger, clock } = this.options;
    this.inFlight = false;
    const current = ledger.get(key);
    if (!current || current.id || this.options.isOver()) {
      if (this.queue[0] === key) this.queue.shift();
      this.pump();
      return;
    }
    const retryable = error instanceof TransportError && error.retryable;
    if (retryable && attempt < this.options.maxSendAttempts) {
      const delay = error.retryAfter !== undefined ? error.retryAfter * 1_000 : backoffDelay(attempt - 1, Math.random);
      this.timer = clock.setTimeout(() => {
        this.timer = null;
        this.pump();
      }, delay);
      return;
    }
    this.queue.shift();
    ledger.put({ ...current, status: 'failed', error: noticeFromError(error).code });
    ledger.publish();
    this.pump();
  }
}
