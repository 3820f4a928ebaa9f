import { expect } from '@open-wc/testing';
import { ChatStore } from '../../src/session/store.js';
import { MemoryStorage } from '../helpers/fakes.js';

const chat = { kind: 'guest-chat', conversationId: 'c1' };
const other = { kind: 'guest-chat', conversationId: 'c2' };

describe('ChatStore (the resume record in sessionStorage)', () => {
  it('keeps a chat whole under its key and reads it back', () => {
    const storage = new MemoryStorage();
    const store = new ChatStore(storage, 'k');
    expect(store.read()).to.equal(null);
    store.write({ version: 1, transport: chat, lastMessageId: 'm1' });
    expect(new ChatStore(storage, 'k').read()).to.deep.equal({ version: 1, transport: chat, lastMessageId: 'm1' });
    expect(new ChatStore(storage, 'other').read()).to.equal(null);
  });

  it('ignores a record it cannot use: bad JSON, another version, no transport', () => {
    const storage = new MemoryStorage();
    const store = new ChatStore(storage, 'k');
    for (const text of ['{', 'null', '{"version":2,"transport":{"kind":"guest-chat"}}', '{"version":1}']) {
      storage.setItem('k', text);
      expect(store.read(), text).to.equal(null);
    }
  });

  it("clears only its own chat's record, never one another chat wrote since", () => {
    const storage = new MemoryStorage();
    const store = new ChatStore(storage, 'k');
    store.write({ version: 1, transport: other });
    store.clear(chat);
    expect(store.read()?.transport).to.deep.equal(other);
    store.clear(other);
    expect(store.read()).to.equal(null);
    store.write({ version: 1, transport: chat });
    store.discard();
    expect(storage.getItem('k')).to.equal(null);
  });

  it('loses only resuming when storage refuses, and does nothing without storage', () => {
    const refusing = new MemoryStorage();
    refusing.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    refusing.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    for (const store of [new ChatStore(refusing, 'k'), new ChatStore(null, 'k')]) {
      expect(() => store.write({ version: 1, transport: chat })).not.to.throw();
      expect(store.read()).to.equal(null);
      expect(() => store.clear(chat)).not.to.throw();
      expect(() => store.discard()).not.to.throw();
    }
  });
});
