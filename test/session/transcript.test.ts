import { expect } from '@open-wc/testing';
import { createLedger } from '../../src/session/ledger.js';
import { compareEntries, entryFromMessage, type Entry } from '../../src/session/transcript.js';
import type { Participant, TransportMessage } from '../../src/transport/types.js';

const ANA: Participant = { id: 'a1', kind: 'agent', name: 'Ana' };
const GUEST: Participant = { id: 'g1', kind: 'guest' };

const message = (id: string, sender: Participant, text: string, time: number): TransportMessage => ({
  id,
  sender,
  text,
  time,
});

/** The visitor's own entry as the session makes it when they press send. */
const pending = (clientId: string, text: string, seq: number): Entry => ({
  key: clientId,
  clientId,
  kind: 'guest',
  sender: GUEST,
  text,
  time: 1_000,
  status: 'sending',
  seq,
});

describe('transcript entries from server messages', () => {
  it("shows a join or leave as a system notice with the agent as sender and no text of the server's", () => {
    const joined = entryFromMessage({ ...message('j1', ANA, 'Ana joined', 5), notice: 'joined' }, 0);
    const left = entryFromMessage({ ...message('l1', ANA, '', 6), notice: 'left' }, 1);
    expect(joined).to.deep.equal({
      key: 'j1',
      id: 'j1',
      kind: 'system',
      sender: ANA,
      text: '',
      time: 5,
      notice: 'agent-joined',
      seq: 0,
    });
    expect(left.notice).to.equal('agent-left');
    expect(left.kind).to.equal('system');
  });

  it("keeps an agent's files and structured content, and has no delivery status on it", () => {
    const content = { quickReplies: [{ text: 'Yes', payload: 'YES' }] };
    const attachments = [{ id: 'f1', name: 'a.pdf', mediaType: 'application/pdf', url: 'https://x.test/a.pdf' }];
    const entry = entryFromMessage(
      { ...message('m1', ANA, 'Pick one', 7), content, attachments } as unknown as TransportMessage,
      3,
    );
    expect(entry).to.deep.include({ key: 'm1', id: 'm1', kind: 'agent', text: 'Pick one', time: 7 });
    expect(entry.content).to.deep.equal(content);
    expect(entry.attachments).to.deep.equal(attachments);
    expect(entry).to.not.have.property('status');
    expect(entryFromMessage(message('m2', ANA, 'plain', 8), 4)).to.not.have.any.keys('content', 'attachments');
  });

  it("marks the visitor's own message sent from another tab as sent", () => {
    expect(entryFromMessage(message('s1', GUEST, 'from the other tab', 9), 0).status).to.equal('sent');
  });
});

describe('transcript order', () => {
  const sorted = (entries: Entry[]) => [...entries].sort(compareEntries).map((entry) => entry.key);

  it('places what the server placed by its time, then its id, whatever the arrival order', () => {
    const entries = [
      entryFromMessage(message('c', ANA, 'three', 20), 0),
      entryFromMessage(message('b', ANA, 'two', 10), 1),
      entryFromMessage(message('a', ANA, 'one', 10), 2),
    ];
    expect(sorted(entries)).to.deep.equal(['a', 'b', 'c']);
  });

  it('keeps messages still sending or failed, and local notices, after the placed ones in the order they were made', () => {
    const failed: Entry = { ...pending('x', 'failed first', 0), status: 'failed', id: 'late-id', time: 1 };
    const sending = pending('y', 'sending', 1);
    const notice: Entry = { key: 'notice-2', kind: 'system', text: '', time: 0, notice: 'ended', seq: 2 };
    const placed = entryFromMessage(message('m1', ANA, 'placed', 500), 3);
    expect(sorted([notice, sending, placed, failed])).to.deep.equal(['m1', 'x', 'y', 'notice-2']);
  });
});

describe('Ledger (the transcript a session publishes)', () => {
  it('shows nothing until published, then the entries in display order', () => {
    const ledger = createLedger();
    ledger.put(entryFromMessage(message('m2', ANA, 'second', 2), ledger.nextSeq()));
    ledger.put(entryFromMessage(message('m1', ANA, 'first', 1), ledger.nextSeq()));
    expect(ledger.transcript.value).to.deep.equal([]);
    ledger.publish();
    expect(ledger.transcript.value.map((entry) => entry.text)).to.deep.equal(['first', 'second']);
  });

  it("matches an echo to the visitor's oldest pending message with its text, or to its client id when the wire carries it", () => {
    const ledger = createLedger();
    ledger.put(pending('c1', 'same', ledger.nextSeq()));
    ledger.put(pending('c2', 'same', ledger.nextSeq()));
    ledger.put(pending('c3', 'other', ledger.nextSeq()));
    expect(ledger.pendingFor(message('s1', GUEST, 'same', 5))?.key).to.equal('c1');
    expect(ledger.pendingFor({ ...message('s2', GUEST, 'same', 6), clientId: 'c2' })?.key).to.equal('c2');
    expect(ledger.pendingFor(message('s3', GUEST, 'never sent', 7))).to.equal(undefined);
  });

  it('confirms a pending message in place: same key, the server id and time, sent, and no longer an echo target', () => {
    const ledger = createLedger();
    const entry = pending('c1', 'hello', ledger.nextSeq());
    ledger.put({ ...entry, status: 'failed', error: 'network' });
    const confirmed = ledger.confirm(ledger.get('c1')!, message('s1', GUEST, 'hello', 42));
    expect(confirmed).to.deep.include({ key: 'c1', id: 's1', time: 42, status: 'sent', error: undefined });
    expect(ledger.byId('s1')?.key).to.equal('c1');
    expect(ledger.pendingFor(message('s2', GUEST, 'hello', 43))).to.equal(undefined);
  });

  it('shows a message once when the echo arrived as a separate entry before the send was matched', () => {
    const ledger = createLedger();
    ledger.put(pending('c1', 'hello', ledger.nextSeq()));
    // Another route placed the server's copy under its own id first.
    ledger.put(entryFromMessage(message('s1', GUEST, 'hello', 42), ledger.nextSeq()));
    ledger.confirm(ledger.get('c1')!, message('s1', GUEST, 'hello', 42));
    ledger.publish();
    expect(ledger.transcript.value.map((entry) => entry.key)).to.deep.equal(['c1']);
  });

  it('keeps numbering local notices after a clear, so a new chat never reuses a key', () => {
    const ledger = createLedger();
    ledger.addNotice('ended', 1);
    ledger.publish();
    const before = ledger.transcript.value[0].key;
    ledger.clear();
    ledger.publish();
    expect(ledger.transcript.value).to.deep.equal([]);
    ledger.addNotice('ended', 2);
    ledger.publish();
    expect(ledger.transcript.value[0].key).to.not.equal(before);
  });
});
