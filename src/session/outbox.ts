import { backoffDelay } from '../core/backoff.js';
import type { Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
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
export interface Outbox {
  /** Puts a message from `sender` in the transcript and on its way; returns its client id. */
  post(text: string, sender: Participant, content?: RichContent): string;
  /** Sends a failed message again, with a fresh count of tries; it moves to the end of the transcript. */
  retry(clientId: string): void;
  /** The server placed `key` (its echo came): it need not be sent again. */
  settle(key: string): void;
  /** The chat ended: whatever was not sent is marked failed and dropped. */
  abandon(): void;
  /** Cancels a retry waiting for its time. */
  stop(): void;
  /** Forgets the queue and the tries (a new chat). */
  clear(): void;
  /** Sends the head of the queue, if the chat can take it and nothing else is on its way. */
  pump(): void;
}

/** An empty outbox. */
export function createOutbox(options: OutboxOptions): Outbox {
  const { ledger, transport, clock } = options;
  /** Client ids waiting to be sent, in order; the head is the one in flight or waiting for its retry. */
  const queue: string[] = [];
  const attempts = new Map<string, number>();
  let inFlight = false;
  let timer: unknown = null;

  function pump(): void {
    if (inFlight || timer !== null || !options.canSend()) return;
    const key = queue[0];
    if (key === undefined) return;
    const entry = ledger.get(key);
    if (!entry || entry.id) {
      queue.shift();
      pump();
      return;
    }
    inFlight = true;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    transport.send(entry.text, key, entry.content?.reply).then(
      (message) => sent(key, message),
      (error: unknown) => refused(key, attempt, error),
    );
  }

  function sent(key: string, message: TransportMessage): void {
    inFlight = false;
    if (queue[0] === key) queue.shift();
    const current = ledger.get(key);
    if (current && !options.isOver()) {
      // The echo may have placed it first (it can arrive before the answer); then this id names the same entry.
      if (current.id) ledger.alias(message.id, key);
      else options.confirm(current, message);
      ledger.publish();
      options.save();
    }
    pump();
  }

  function refused(key: string, attempt: number, error: unknown): void {
    inFlight = false;
    const current = ledger.get(key);
    if (!current || current.id || options.isOver()) {
      if (queue[0] === key) queue.shift();
      pump();
      return;
    }
    const retryable = error instanceof TransportError && error.retryable;
    if (retryable && attempt < options.maxSendAttempts) {
      const delay = error.retryAfter !== undefined ? error.retryAfter * 1_000 : backoffDelay(attempt - 1, Math.random);
      timer = clock.setTimeout(() => {
        timer = null;
        pump();
      }, delay);
      return;
    }
    queue.shift();
    ledger.put({ ...current, status: 'failed', error: noticeFromError(error).code });
    ledger.publish();
    pump();
  }

  return {
    post(text, sender, content) {
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
      queue.push(clientId);
      ledger.publish();
      pump();
      return clientId;
    },
    retry(clientId) {
      const entry = ledger.get(clientId);
      if (!entry || entry.status !== 'failed') return;
      attempts.delete(clientId);
      ledger.put({ ...entry, status: 'sending', error: undefined, seq: ledger.nextSeq() });
      queue.push(clientId);
      ledger.publish();
      pump();
    },
    settle(key) {
      const queued = queue.indexOf(key);
      // The head may be in flight; its own answer removes it. Anything behind it can go now.
      if (queued > 0 || (queued === 0 && !inFlight)) queue.splice(queued, 1);
    },
    abandon() {
      for (const key of queue) {
        const entry = ledger.get(key);
        if (entry && !entry.id) ledger.put({ ...entry, status: 'failed', error: 'chat-ended' });
      }
      queue.length = 0;
    },
    stop() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
    clear() {
      queue.length = 0;
      attempts.clear();
    },
    pump,
  };
}
