import { expect } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';
import { until } from '../helpers/wait.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { mountAgainst } from './helpers/mount.js';
import { $, $$, fillForm, settle, typeDraft } from './helpers/fake-session.js';

defineGuestChat();

interface ConversationView {
  members: { role?: string; state?: string; displayName?: string; kind?: string }[];
  messages?: { body?: string; text?: string }[];
}

for (const transport of ['guest-chat', 'web-messaging'] as const)
  describe(`<guest-chat transport="${transport}"> against the emulator`, () => {
    const emulator = TestEmulator.forSuite();
    let el: GuestChatElement;

    async function mount(): Promise<GuestChatElement> {
      el = await mountAgainst(emulator, transport);
      return el;
    }

    const bubbles = () => $$(el, '[part~="message"] .bubble').map((bubble) => bubble.textContent ?? '');

    it('runs a whole chat with an agent: form, waiting, join, messages both ways and the end', async () => {
      await emulator.createAgent({ displayName: 'Echo Anna', autoAnswer: true, autoAnswerDelayMs: 50, bot: 'echo' });
      await mount();
      const events: string[] = [];
      for (const type of [
        'guest-chat-start',
        'guest-chat-agent-join',
        'guest-chat-message',
        'guest-chat-end',
      ] as const) {
        el.addEventListener(type, () => events.push(type));
      }
      el.open();
      await settle(el);
      await fillForm(el, { name: 'Sam Visitor', email: 'sam@example.com', subject: 'Order' });
      if (transport === 'web-messaging') {
        // A Web Messaging conversation starts with the visitor's first message (the deployment has no auto-start).
        await until(() => el.state === 'waiting', 'the session is configured');
        await typeDraft(el, 'Hello');
        $<HTMLButtonElement>(el, '[part~="send-button"]').click();
      }
      await until(() => $(el, 'header')?.textContent?.includes('Echo Anna'), 'the agent joins');
      await until(() => bubbles().some((text) => text.includes('echo bot')), 'the bot greets');
      expect(el.state).to.equal('active');
      await typeDraft(el, 'Where is my parcel? https://example.com/track');
      $<HTMLButtonElement>(el, '[part~="send-button"]').click();
      await until(() => bubbles().some((text) => text.startsWith('You said: Where is my parcel?')), 'the echo');
      const own = $$(el, '[part~="message"][part~="own"]').at(-1)!;
      await until(() => own.textContent?.includes('Sent'), 'delivered');
      expect(own.querySelector('a')?.getAttribute('href')).to.equal('https://example.com/track');
      expect($(el, '[aria-live="polite"]').textContent).to.contain('Echo Anna');

      $<HTMLButtonElement>(el, 'header .end').click();
      await settle(el);
      $<HTMLButtonElement>(el, '.confirm .confirm-end').click();
      await until(() => el.state === 'ended', 'the chat ends');
      await settle(el);
      expect($$(el, '[part~="notice"]').at(-1)!.textContent).to.equal('The chat has ended.');
      expect($(el, '.bar').textContent).to.not.contain('The chat has ended.');
      expect(events[0]).to.equal('guest-chat-start');
      expect(events).to.include.members(['guest-chat-agent-join', 'guest-chat-message', 'guest-chat-end']);
      expect(events.filter((type) => type === 'guest-chat-message').length).to.be.at.least(3);
      const [conversation] = await emulator.conversations<ConversationView[]>();
      expect(JSON.stringify(conversation)).to.contain('Where is my parcel?');
    });

    if (transport === 'web-messaging') {
      it('resumes the same conversation in a new tab, with its transcript', async () => {
        await emulator.createAgent({ displayName: 'Echo Anna', autoAnswer: true, autoAnswerDelayMs: 50, bot: 'echo' });
        await mount();
        el.open();
        await settle(el);
        await fillForm(el, { name: 'Sam Visitor' });
        await until(() => el.state === 'waiting', 'the session is configured');
        await typeDraft(el, 'Hello');
        $<HTMLButtonElement>(el, '[part~="send-button"]').click();
        await until(() => bubbles().some((text) => text.includes('echo bot')), 'the bot greets');
        await typeDraft(el, 'Kept across tabs');
        $<HTMLButtonElement>(el, '[part~="send-button"]').click();
        await until(() => bubbles().some((text) => text === 'You said: Kept across tabs'), 'the echo');
        el.remove();
        // A new tab has its own sessionStorage but shares localStorage.
        sessionStorage.clear();
        await mount();
        el.open();
        await until(() => bubbles().includes('You said: Kept across tabs'), 'the transcript is back');
        expect(bubbles().filter((text) => text === 'Kept across tabs')).to.have.length(1);
        expect(el.state).to.equal('active');
      });
    }

    it('shows a clear message and no Try again when the deployment is wrong', async () => {
      await mount();
      el.deploymentId = 'no-such-deployment';
      await settle(el);
      el.open();
      await settle(el);
      let errors = 0;
      el.addEventListener('guest-chat-error', () => errors++);
      await fillForm(el, { name: 'Sam' });
      await until(() => el.state === 'error', 'the start fails');
      await settle(el);
      expect($(el, '.center .error').textContent).to.equal('Chat is not available right now.');
      expect(errors).to.equal(1);
      // A refused deployment stays refused however often the visitor tries.
      expect($(el, '.center .again')).to.equal(null);
    });
  });
