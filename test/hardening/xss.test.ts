import { expect } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';
import { Chat, TRANSPORTS, until } from './helpers/chat.js';

/** Every element the widget's own templates make; anything else in its shadow root came from a payload. */
const ALLOWED = new Set([
  'div',
  'section',
  'header',
  'h2',
  'p',
  'button',
  'svg',
  'path',
  'span',
  'ol',
  'li',
  'a',
  'time',
  'form',
  'textarea',
  'img',
  'i',
  'label',
  'input',
]);
const SAFE_LINK = /^(https?:|mailto:|tel:)/;

/** The corpus: HTML, script, handlers, URLs, SVG, CSS, bidi, zero-width, combining and very long text. */
let payloads: { kind: string; text: string }[] = [];

/** Calls a payload could make if it ever ran. */
const ran: string[] = [];
for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
  (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => ran.push(`${name}(${args.join(',')})`);
}
const title = document.title;

/** The address a browser opens for a URL, with no user name and the host in punycode. */
function addressOf(text: string): string {
  try {
    const url = new URL(text.trim());
    return `${url.protocol}//${url.host}${url.pathname}${url.search}${url.hash}`;
  } catch {
    return text;
  }
}

/** Checks the whole shadow root: only the widget's own elements, no handler attributes, only safe URLs. */
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

/** The element is on screen, takes space, and does not stick out of `box` sideways. */
function assertShownWithin(element: Element, box: Element, label: string): void {
  const rect = element.getBoundingClientRect();
  const outer = box.getBoundingClientRect();
  expect(element.checkVisibility(), `${label}: visible`).to.equal(true);
  expect(rect.width > 0 && rect.height > 0, `${label}: has a size`).to.equal(true);
  expect(rect.right, `${label}: right edge`).to.be.at.most(outer.right + 0.5);
  expect(rect.left, `${label}: left edge`).to.be.at.least(outer.left - 0.5);
}

/** Nothing in the panel is wider than its box: long unbroken text wraps instead of pushing the layout out. */
function assertNoOverflow(root: ShadowRoot, label: string): void {
  for (const box of root.querySelectorAll('[part~="panel"], header, .titles, [part~="transcript"], li')) {
    expect(box.scrollWidth, `${label}: ${box.localName}.${box.className} is wider than its box`).to.be.at.most(
      box.clientWidth,
    );
  }
}

/** Requests the page made to anything but the emulator and the test server since `since`. */
function strayRequests(since: number, emulator: TestEmulator): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime >= since)
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith(emulator.url) && !name.startsWith(location.origin));
}

for (const transport of TRANSPORTS) {
  describe(`untrusted text is shown as text, never run (${transport.name})`, function () {
    this.timeout(120_000);
    let emulator: TestEmulator;
    let chat: Chat | undefined;

    before(async () => {
      payloads = await (await fetch(new URL('./payloads.json', import.meta.url))).json();
      emulator = await TestEmulator.start();
    });
    after(() => emulator.stop());
    afterEach(async () => {
      chat?.remove();
      chat = undefined;
      await emulator.call('POST', '/emulator/reset');
    });

    it('shows each payload as an agent message and as a system message, inert and inside the panel', async () => {
      expect(payloads.length).to.be.at.least(100);
      const since = performance.now();
      chat = await Chat.mount(emulator, transport);
      await chat.start();
      for (const [index, { kind, text }] of payloads.entries()) {
        for (const bodyType of transport.bodyTypes) {
          const label = `#${index} ${kind} as ${bodyType}`;
          const sent = await chat.agentSays(text, bodyType);
          await until(() => chat!.transcript().some((entry) => entry.id === sent.id), `${label} arrives`);
          await chat.el.updateComplete;
          const shown =
            bodyType === 'standard'
              ? [...chat.root.querySelectorAll('[part~="message"] .bubble')]
              : [...chat.root.querySelectorAll('[part~="notice"]')];
          const last = shown.at(-1)!;
          // A link whose host could pass for another one, or with a user name before it, shows the address the
          // browser will open instead of the text as written.
          const shownAs = kind === 'url' && bodyType === 'standard' ? [text, addressOf(text)] : [text];
          expect(shownAs, `${label}: text`).to.include(last.textContent);
          assertShownWithin(last, chat.root.querySelector('[part~="transcript"]')!, label);
          assertNoOverflow(chat.root, label);
        }
        assertInert(chat.root, `#${index} ${kind}`);
      }
      expect(strayRequests(since, emulator)).to.deep.equal([]);
    });

    it('shows agent names and avatar URLs carrying payloads as text, with a letter instead of an unsafe image', async () => {
      const since = performance.now();
      const urls = payloads.filter(({ kind }) => kind === 'url').map(({ text }) => text);
      // Three of each kind: every name is a chat of its own, and a chat takes a moment to route.
      const names = payloads
        .filter(({ text }) => text.trim() !== '' && text.length <= 200)
        .filter(({ kind }, index, all) => all.findIndex((other) => other.kind === kind) + 3 > index);
      for (const [index, { kind, text }] of names.entries()) {
        const label = `name #${index} ${kind}`;
        chat = await Chat.mount(emulator, transport);
        await chat.start({ displayName: text, avatarImageUrl: urls[index % urls.length] });
        await chat.agentSays('Hello');
        await until(() => chat!.root.querySelector('[part~="message"] .who'), `${label}: the message shows`);
        await chat.el.updateComplete;
        const who = chat.root.querySelector('[part~="message"] .who')!;
        expect(who.textContent, `${label}: sender`).to.equal(text);
        expect(chat.root.querySelector('header .titles p')!.textContent, `${label}: header`).to.equal(text);
        assertNoOverflow(chat.root, label);
        assertInert(chat.root, label);
        chat.remove();
        await emulator.call('POST', '/emulator/reset');
      }
      expect(strayRequests(since, emulator).filter((name) => !urls.includes(name))).to.deep.equal([]);
    });

    it('passes custom fields and field labels carrying payloads on as data and shows the labels as text', async () => {
      const labels = payloads
        .filter(({ text }) => !/[,\n]/.test(text) && text.trim() !== '' && text.length <= 200)
        .slice(0, 40);
      const customFields = Object.fromEntries(
        payloads.filter(({ text }) => text.length <= 200).map(({ text }, index) => [`p${index}`, text]),
      );
      chat = await Chat.mount(emulator, transport);
      chat.el.setAttribute('custom-fields', JSON.stringify(customFields));
      chat.el.fields = labels.map(({ text }, index) => `f${index}:${text}`).join(',');
      chat.el.open();
      await chat.el.updateComplete;
      for (const [index, { text }] of labels.entries()) {
        const label = chat.root.querySelector(`label[for="field-f${index}"]`);
        expect(label?.textContent, `label #${index}`).to.equal(`${text.trim()} (optional)`);
      }
      assertInert(chat.root, 'pre-chat form');
      await chat.start(undefined, 'form');
      const visitor = (await chat.conversation()).members.find((member) => member.role === 'CUSTOMER')!;
      // Web Messaging leaves out what is over the deployment's custom data budget (with a warning); what goes is intact.
      // Web Messaging also sends the form's name as Genesys's reserved `context.firstName`.
      const passed = Object.entries(visitor.customFields ?? {}).filter(([key]) => !key.startsWith('context.'));
      expect(passed.length, 'custom fields reach the agent').to.be.greaterThan(0);
      for (const [key, value] of passed) expect(customFields[key], `custom field ${key}`).to.equal(value);
      if (transport.name === 'guest-chat')
        expect(passed.length, 'every custom field').to.equal(Object.keys(customFields).length);
      assertInert(chat.root, 'chat');
    });
  });
}
