import { expect } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';
import { until } from '../helpers/wait.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { mountAgainst } from './helpers/mount.js';
import { $, fillForm, settle, typeDraft } from './helpers/fake-session.js';

defineGuestChat();

for (const transport of ['guest-chat', 'web-messaging'] as const)
  describe(`the panel's state across a reload (${transport})`, () => {
    const emulator = TestEmulator.forSuite();
    let el: GuestChatElement;

    async function mount(): Promise<GuestChatElement> {
      el = await mountAgainst(emulator, transport);
      return el;
    }

    async function chatting(): Promise<void> {
      await mount();
      el.open();
      await settle(el);
      await fillForm(el, { name: 'Sam' });
      await until(() => el.state === 'waiting', 'the chat starts');
      if (transport === 'web-messaging') {
        await typeDraft(el, 'Hello');
        $<HTMLButtonElement>(el, '[part~="send-button"]').click();
        await until(() => $(el, '[part~="own"]')?.textContent?.includes('Sent'), 'delivered');
      }
    }

    it('comes back open when it was open', async () => {
      await chatting();
      el.remove();
      await mount();
      await until(() => el.state === 'waiting' && el.opened, 'the chat resumes with the panel open');
      await settle(el);
      expect($(el, '[part~="panel"]').hidden).to.equal(false);
    });

    it('comes back closed when it was closed, with the launcher showing a chat is running', async () => {
      await chatting();
      el.close();
      await settle(el);
      el.remove();
      await mount();
      await until(() => el.state === 'waiting', 'the chat resumes');
      await settle(el);
      expect(el.opened).to.equal(false);
      expect($(el, '[part~="launcher"]').getAttribute('aria-label')).to.equal('Chat with us, chat in progress');
      expect($(el, '[part~="badge"][part~="running"]')).to.not.equal(null);
      el.open();
      await settle(el);
      expect($(el, '[part~="badge"]')).to.equal(null);
    });
  });
