import { expect } from '@open-wc/testing';
import type { TranscriptEntry } from '../../src/session/types.js';
import { $, $$, chatFixture, settle } from './helpers/fake-session.js';

/** `count` messages of one agent, a minute apart: one group, whose name shows once, at its start. */
function agentRun(count: number): TranscriptEntry[] {
  const base = Date.now() - count * 60_000;
  return Array.from({ length: count }, (_, i) => ({
    key: `m${i}`,
    kind: 'agent' as const,
    sender: { id: 'agent-1', kind: 'agent' as const, name: 'Anna' },
    text: `message ${i}`,
    time: base + i * 60_000,
  }));
}

describe('<guest-chat> transcript', () => {
  it('leaves the messages on screen untouched when a new one arrives and the oldest leaves a long chat', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.transcript.value = agentRun(300);
    await settle(el);
    const list = $(el, '.transcript ol');
    const before = [...list.children];
    const changed: Node[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) if (record.target !== list) changed.push(record.target);
    });
    observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });

    session.push({ key: 'c1', clientId: 'c1', kind: 'guest', text: 'one more', time: Date.now(), status: 'sent' });
    await settle(el);
    observer.disconnect();

    expect($$(el, '.bubble').at(-1)!.textContent).to.equal('one more');
    // The oldest entry left the window; every other one kept its nodes, and nothing inside them changed.
    expect([...list.children].slice(0, -1)).to.deep.equal(before.slice(1));
    expect(changed.filter((node) => before.some((entry) => entry.contains(node)))).to.deep.equal([]);
  });

  it('groups the oldest rendered message with the one before it, rendered or not', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.transcript.value = agentRun(400);
    await settle(el);
    expect($$(el, '.transcript li').length).to.be.below(400);
    // The group starts above the rendered part: no name in the middle of it.
    expect($$(el, '.transcript .who')).to.deep.equal([]);
  });
});
