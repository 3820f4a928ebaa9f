import type { TransportMessage } from '../transport/types.js';
import type { NoticeKind, TranscriptEntry } from './types.js';

/** A transcript entry with the local order used for entries the server has not placed yet. */
export interface Entry extends TranscriptEntry {
  seq: number;
}

/** Server-placed entries first, by server time then id; then the rest (sending, failed, local notices) in local order. */
export function compareEntries(a: Entry, b: Entry): number {
  const aPlaced = a.id !== undefined && a.status !== 'sending' && a.status !== 'failed';
  const bPlaced = b.id !== undefined && b.status !== 'sending' && b.status !== 'failed';
  if (aPlaced !== bPlaced) return aPlaced ? -1 : 1;
  if (!aPlaced) return a.seq - b.seq;
  if (a.time !== b.time) return a.time - b.time;
  return a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0;
}

/** A transcript entry for a server message that is not the visitor's own pending one. */
export function entryFromMessage(message: TransportMessage, seq: number): Entry {
  if (message.notice) {
    const notice: NoticeKind = message.notice === 'joined' ? 'agent-joined' : 'agent-left';
    return {
      key: message.id,
      id: message.id,
      kind: 'system',
      sender: message.sender,
      text: '',
      time: message.time,
      notice,
      seq,
    };
  }
  const entry: Entry = {
    key: message.id,
    id: message.id,
    kind: message.sender.kind,
    sender: message.sender,
    text: message.text,
    time: message.time,
    seq,
  };
  if (message.attachments) entry.attachments = message.attachments;
  if (message.content) entry.content = message.content;
  if (message.sender.kind === 'guest') entry.status = 'sent';
  return entry;
}
