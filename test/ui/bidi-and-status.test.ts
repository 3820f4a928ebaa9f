import { expect } from '@open-wc/testing';
import { $, $$, ANNA, chatFixture, settle } from './helpers/fake-session.js';

const RLO = '\u202E';

for (const lang of ['en', 'ar'])
  describe(`text from the other side, and status said once (lang=${lang})`, () => {
    it('isolates agent names, message text and names in notices for bidirectional text', async () => {
      const { el, session } = await chatFixture({ attributes: { open: true, lang } });
      const agent = { ...ANNA, name: `${RLO}maS` };
      session.join(agent);
      session.say('repeat whatever you write. HL-12345', agent);
      await settle(el);
      // The override in the name ends inside its isolate: the sentence around it keeps its order.
      const joined = $(el, '[part~="notice"]').textContent!;
      expect(joined).to.contain(`\u2068${RLO}maS\u2069`);
      expect($(el, '[part~="message"] .who').getAttribute('dir')).to.equal('auto');
      expect($(el, '[part~="message"] .bubble').getAttribute('dir')).to.equal('auto');
      expect($(el, 'header .titles p').getAttribute('dir')).to.equal('auto');
    });

    it('says "Waiting for an agent" and a lost connection once each', async () => {
      const { el, session } = await chatFixture({ attributes: { open: true, lang: 'en' } });
      session.phase.value = 'waiting';
      session.send('Hello');
      await settle(el);
      // What the panel shows (the live region's announcements are for screen readers, said as they happen).
      const count = (text: string) => $(el, '#panel').textContent!.split(text).length - 1;
      expect(count('Waiting for an agent…')).to.equal(1);
      session.join();
      session.phase.value = 'reconnecting';
      await settle(el);
      expect(count('Connection lost. Reconnecting…')).to.equal(1);
      expect($(el, 'header').textContent).to.not.contain('Connection lost');
      void lang;
    });

    it('does not tell an agent left when the visitor ended the chat', async () => {
      const { el, session } = await chatFixture({ attributes: { open: true, lang: 'en' } });
      session.join();
      session.say('Anything else?');
      session.push(
        { key: 'left', kind: 'system', sender: ANNA, text: '', time: Date.now(), notice: 'agent-left' },
        { key: 'end', kind: 'system', text: '', time: Date.now(), notice: 'ended' },
      );
      session.phase.value = 'ended';
      await settle(el);
      const notices = $$(el, '[part~="notice"]').map((notice) => notice.textContent);
      expect(notices.at(-1)).to.equal('The chat has ended.');
      expect(notices.some((text) => text?.includes('left the chat'))).to.equal(false);
      expect($(el, '#panel').textContent!.split('The chat has ended.').length - 1).to.equal(1);
    });
  });
