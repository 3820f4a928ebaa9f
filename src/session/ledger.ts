import { signal } from '@preact/signals-core';
import type { TransportMessage } from '../transport/types.js';
import { compareEntries, type Entry } from './transcript.js';
import type { NoticeKind } from './types.js';

/**
 * The entries of one chat by key, with the server ids that place them. Changes show in `transcript` only when
 * published, so a batch of them (a backfill, a restored history) renders once.
 */
export class Ledger {
  /** The published transcript, in display order. */
  readonly transcript = signal<readonly Entry[]>([]);
  private readonly entries = new Map<string, Entry>();
  private readonly keyById = new Map<string, string>();
  /** Keys of the visitor's entries the server has not placed yet: what an echo can belong to. */
  private readonly unplaced = new Set<string>();
  /** Local order, for entries the server has not placed; never reset, so a new chat's entries follow the old. */
  private seq = 0;

  /** The next local order number. */
  nextSeq(): number {
    return this.seq++;
  }

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** The entry the server knows by `id`, if it is still in the transcript. */
  byId(id: string): Entry | undefined {
    const key = this.keyById.get(id);
    return key === undefined ? undefined : this.entries.get(key);
  }

  /** Records that the server also knows the entry `key` by `id` (a second answer to one send). */
  alias(id: string, key: string): void {
    this.keyById.set(id, key);
  }

  put(entry: Entry): void {
    this.entries.set(entry.key, entry);
    if (entry.id) this.keyById.set(entry.id, entry.key);
    if (entry.clientId && !entry.id) this.unplaced.add(entry.key);
    else this.unplaced.delete(entry.key);
  }

  publish(): void {
    this.transcript.value = [...this.entries.values()].sort(compareEntries);
  }

  /** Adds a system notice at local time `time`. */
  addNotice(kind: NoticeKind, time: number): void {
    const key = `notice-${this.seq}`;
    this.put({ key, kind: 'system', text: '', time, notice: kind, seq: this.seq++ });
  }

  /** Marks the visitor's pending entry as delivered with the server's id and time; returns it as it now is. */
  confirm(entry: Entry, message: TransportMessage): Entry {
    const other = this.keyById.get(message.id);
    if (other !== undefined && other !== entry.key) this.entries.delete(other);
    this.put({ ...entry, id: message.id, time: message.time, status: 'sent', error: undefined });
    return this.entries.get(entry.key)!;
  }

  /** The oldest of the visitor's entries not yet placed by the server with this text: what an echo belongs to. */
  pendingFor(message: TransportMessage): Entry | undefined {
    if (message.clientId) {
      const byClient = this.entries.get(message.clientId);
      if (byClient && !byClient.id) return byClient;
    }
    let found: Entry | undefined;
    for (const key of this.unplaced) {
      const entry = this.entries.get(key)!;
      if (entry.text === message.text && (!found || entry.seq < found.seq)) found = entry;
    }
    return found;
  }

  /** Forgets every entry (not published until `publish`). */
  clear(): void {
    this.entries.clear();
    this.keyById.clear();
    this.unplaced.clear();
  }
}
