import { expect, waitUntil } from '@open-wc/testing';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { TestEmulator } from '../helpers/emulator.js';

defineGuestChat();

/** Every element the widget's templates make for messages with structured content and Markdown. */
const ALLOWED = new Set(
  'div section header h2 h3 p button svg path span ol ul li a time form textarea img i label input strong em s code pre br'.split(
    ' ',
  ),
);
const SAFE_LINK = /^(https?:|mailto:|tel:)/;

const until = (condition: () => unknown, message: string) =>
  waitUntil(condition, message, { timeout: 10_000, interval: 5 });

/** Calls a payload could make if it ever ran. */
const ran: string[] = [];
for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
  (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => ran.push(`${name}(${args.join(',')})`);
}
const title = document.title;

function assertInert(root: ShadowRoot, label: string): void {
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    expect(ALLOWED.has(tag), `${label}: <${tag}> was created`).to.equal(true);
    for (const { name } of element.attributes)
      expect(name.startsWith('on'), `${label}: ${tag}[${name}]`).to.equal(false);
    if (tag === 'a') expect(element.getAttribute('href'), `${label}: link`).to.match(SAFE_LINK);
    if (tag === 'img') expect(element.getAttribute('src'), `${label}: image`).to.match(/^https?:/);
  }
  expect(ran, `${label}: script ran`).to.deep.equal([]);
  expect(document.title, `${label}: title`).to.equal(title);
}

/** A Structured message carrying `text` in every field a bot controls, and in its Markdown text. */
function structured(text: string, index: number) {
  const later = new Date(Date.now() + (index + 1) * 86_400_000).toISOString();
  const card = {
    title: text,
    description: text,
    image: text,
    defaultAction: { type: 'Link', url: text },
    actions: [
      { type: 'Link', text, url: text },
      { type: 'Postback', text, payload: text },
    ],
  };
  return {
    text: `**${text}** [${text}](${text}) ${text}`,
    content: [
      { contentType: 'QuickReply', quickReply: { text, payload: text } },
      { contentType: 'QuickReply', quickReply: { text: `#${index}`, payload: text } },
      { contentType: 'Card', card },
      { contentType: 'Carousel', carousel: { cards: [card, { ...card, title: `#${index}` }] } },
      {
        contentType: 'DatePicker',
        datePicker: { title: text, subtitle: text, availableTimes: [{ dateTime: later, duration: 1800 }] },
      },
    ],
  };
}

describe('untrusted structured content and Markdown are shown as text, never run (web-messaging)', function () {
  this.timeout(300_000);
  const emulator = TestEmulator.forSuite({ webMessaging: { markdown: true, rateLimitPerSecond: 50 } });
  let el: GuestChatElement;
  let payloads: { kind: string; text: string }[] = [];

  before(async () => {
    payloads = await (await fetch(new URL('./payloads.json', import.meta.url))).json();
  });

  async function mount(): Promise<ShadowRoot> {
    el = document.createElement('guest-chat');
    el.transport = 'web-messaging';
    el.environment = emulator.url;
    el.deploymentId = (await emulator.config()).deploymentId;
    document.body.append(el);
    el.open();
    await el.updateComplete;
    return el.shadowRoot!;
  }

  it('every payload in titles, descriptions, buttons, payloads, image and link URLs and Markdown, live and from history', async () => {
    expect(payloads.length).to.be.at.least(100);
    await emulator.createAgent({ displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
    let root = await mount();
    await el.start({ displayName: 'Visitor' });
    el.send('Hello');
    let conversationId = '';
    await until(async () => {
      const [conversation] =
        await emulator.conversations<{ id: string; members: { role: string; state: string }[] }[]>();
      conversationId = conversation?.id ?? '';
      return conversation?.members.some((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
    }, 'the agent answers');
    const messages = () => [...root.querySelectorAll('[part~="message"]')];

    for (let start = 0; start < payloads.length; start += 12) {
      const chunk = payloads.slice(start, start + 12);
      for (const [offset, { kind, text }] of chunk.entries()) {
        const index = start + offset;
        const label = `#${index} ${kind}`;
        await emulator.call('POST', `/emulator/conversations/${conversationId}/messages`, structured(text, index));
        // Every message offers a quick reply named after its index: the newest one shows it, with its time slot.
        await until(() => {
          const newest = messages().at(-1)!;
          const replies = [...newest.querySelectorAll('[part~="quick-reply"]')];
          return replies.at(-1)?.textContent === `#${index}` && newest.querySelector('[part~="time-slot"]');
        }, `${label} shows`);
        await el.updateComplete;
        const last = messages().at(-1)!;
        if (text.trim()) {
          const replies = [...last.querySelectorAll('[part~="quick-reply"]')].map((button) => button.textContent);
          expect(replies, `${label}: quick reply`).to.deep.equal([text, `#${index}`]);
          expect(last.querySelector('[part~="card"] h3')!.textContent, `${label}: card title`).to.equal(text);
          expect(last.querySelector('.slots-title')!.textContent, `${label}: picker title`).to.equal(text);
        } else {
          expect(last.querySelector('.unsupported'), `${label}: blank fields are reported`).to.not.equal(null);
        }
        assertInert(root, `${label} live`);
        if (index % 9 === 0) {
          // The visitor answers with the payload: it comes back in the echo and in history.
          const button = [...last.querySelectorAll<HTMLButtonElement>('[part~="quick-reply"]')].at(-1)!;
          button.click();
          // Delivered, so the next offer is placed after it (an answer still sending is listed last).
          await until(
            () =>
              [...root.querySelectorAll('[part~="own"]')].some(
                (li) => li.querySelector('.bubble')?.textContent === `#${index}` && li.textContent?.includes('Sent'),
              ),
            `${label} answered`,
          );
          assertInert(root, `${label} answered`);
        }
      }
      // The same messages from history after a reload.
      el.remove();
      root = await mount();
      await until(() => el.state === 'active' && root.querySelector('[part~="card"]'), 'the chat is back');
      await el.updateComplete;
      assertInert(root, `#${start}-#${start + chunk.length - 1} from history`);
      const titles = [...root.querySelectorAll('[part~="card"] h3')].map((h3) => h3.textContent);
      for (const { text } of chunk.filter(({ text }) => text.trim())) {
        expect(titles, `a card titled ${JSON.stringify(text.slice(0, 40))} from history`).to.include(text);
      }
    }
  });
});
