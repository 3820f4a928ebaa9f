import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { $, chatFixture, settle, typeDraft } from './helpers/fake-session.js';

/** A dark, a light and a mid-tone accent (#767676 sits where black and white text contrast about equally). */
const ACCENTS = ['#0b6e4f', '#8ab4ff', '#767676', '#ffcc00', '#1a5fd0'];

/** An open chat showing every text on the accent: the header title, own messages, End chat, the send icon. */
async function chatWithAccent(accent: string, onAccent?: string) {
  const { el, session } = await chatFixture({ attributes: { open: true } });
  el.style.setProperty('--guest-chat-accent', accent);
  if (onAccent) el.style.setProperty('--guest-chat-on-accent', onAccent);
  session.join();
  session.send('Mine, on the accent');
  session.update('c1', { status: 'sent' });
  await settle(el);
  await typeDraft(el, 'A draft');
  await settle(el);
  return el;
}

for (const scheme of ['light', 'dark'] as const)
  describe(`text on the accent in the ${scheme} scheme`, () => {
    before(() => emulateMedia({ colorScheme: scheme }));
    after(() => emulateMedia({ colorScheme: 'light' }));

    for (const accent of ACCENTS)
      it(`reaches 4.5:1 on ${accent} when a site sets only the accent`, async () => {
        const el = await chatWithAccent(accent);
        await expect(el).to.be.accessible();
        el.remove();
      });

    it("keeps the site's own --guest-chat-on-accent", async () => {
      const el = await chatWithAccent('#0b6e4f', 'rgb(255, 238, 170)');
      expect(getComputedStyle($(el, '[part~="header"], header')).color).to.equal('rgb(255, 238, 170)');
      el.remove();
    });
  });
