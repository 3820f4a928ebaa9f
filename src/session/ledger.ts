import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { TransportMessage } from '../transport/types.js';
import { compareEntries, type Entry } from './transcript.js';
import type { NoticeKind } from './types.js';

/**
 * The entries of one chat by key, with the server ids that place them. Changes show in `transcript` only when
 * published, so a batch of them (a backfill, a restored history) renders once.
 */
export interface Ledger {
  /** The published transcript, in display order. */
  readonly transcript: ReadonlySignal<readonly Entry[]>;
  /** The next local order number. */
  nextSeq(): number;
  get(key: string): Entry | undefined;
  /** The entry the server knows by `id`, if it is still in the transcript. */
  byId(id: string): Entry | undefined;
  /** Records that the server also knows the entry `key` by `id` (a second answer to one send). */
  alias(id: string, key: string): void;
  put(entry: Entry): void;
  publish(): void;
  /** Adds a system notice at local time `time`. */
  addNotice(kind: NoticeKind, time: number): void;
  /** Marks the visitor's pending entry as delivered with the server's id and time; returns it as it now is. */
  confirm(entry: Entry, message: TransportMessage): Entry;
  /** The oldest of the visitor's entries not yet placed by the server with this text: what an echo belongs to. */
  pendingFor(message: TransportMessage): Entry | undefined;
  /** Forgets every entry (not published until `publish`). */
  clear(): void;
}

/** An empty ledger. */
export function createLedger(): Ledger {
  const transcript = signal<readonly Entry[]>([]);
  const entries = new Map<string, Entry>();
  const keyById = new Map<string, string>();
  /** Keys of the visitor's entries the server has not placed yet: what an echo can belong to. */
  const unplaced = new Set<string>();
  /** Local order, for entries the server has not placed; never reset, so a new chat's entries follow the old. */
  let seq = 0;

  function put(entry: Entry): void {
    entries.set(entry.key, entry);
    if (entry.id) keyById.set(entry.id, entry.key);
    if (entry.clientId && !entry.id) unplaced.add(entry.key);
    else unplaced.delete(entry.key);
  }

  return {
    transcript,
    nextSeq: () => seq++,
    get: (key) => entries.get(key),
    byId(id) {
      const key = keyById.get(id);
      return key === undefined ? undefined : entries.get(key);
    },
    alias: (id, key) => void keyById.set(id, key),
    put,
    publish() {
      transcript.value = [...entries.values()].sort(compareEntries);
    },
    addNotice(kind, time) {
      put({ key: `notice-${seq}`, kind: 'system', text: '', time, notice: kind, seq: seq++ });
    },
    confirm(entry, message) {
      const other = keyById.get(message.id);
      if (other !== undefined && other !== entry.key) entries.delete(other);
      put({ ...entry, id: message.id, time: message.time, status: 'sent', error: undefined });
      return entries.get(entry.key)!;
    },
    pendingFor(message) {
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
    },
    clear() {
      entries.clear();
      keyById.clear();
      unplaced.clear();
    },
  };
}
