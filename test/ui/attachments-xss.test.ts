import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { AttachmentUploads } from '../../src/transport/attachments.js';
import { $$, FakeSession, chatFixture, settle } from './helpers/fake-session.js';

/** Every element the widget's templates make, attachments included; anything else came from a payload. */
const ALLOWED = new Set(
  'div section header h2 p button svg path span ol ul li a time form textarea img i label input progress'.split(' '),
);

/** Calls a payload could make if it ever ran. */
const ran: string[] = [];
for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
  (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => ran.push(`${name}(${args.join(',')})`);
}

function assertInert(root: ShadowRoot, label: string): void {
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    expect(ALLOWED.has(tag), `${label}: <${tag}> was created`).to.equal(true);
    for (const { name } of element.attributes)
      expect(name.startsWith('on'), `${label}: ${tag}[${name}]`).to.equal(false);
    if (tag === 'a') expect(element.getAttribute('href'), `${label}: link`).to.match(/^(https?:|mailto:|tel:)/);
    if (tag === 'img') expect(element.getAttribute('src'), `${label}: image`).to.match(/^https?:/);
  }
  expect(ran, `${label}: script ran`).to.deep.equal([]);
}

describe('<guest-chat> attachments carrying the XSS corpus in file names and URLs', function () {
  this.timeout(60_000);
  let payloads: { kind: string; text: string }[] = [];

  before(async () => {
    payloads = await (await fetch(new URL('../hardening/payloads.json', import.meta.url))).json();
  });

  /** A Web Messaging-like session that takes PNGs and PDFs; its upload side never answers. */
  async function fixture() {
    const session = new FakeSession() as FakeSession & { attachments?: () => Promise<AttachmentUploads> };
    session.capabilities.value = {
      guestTyping: true,
      agentTyping: true,
      leaveEndsConversation: true,
      attachments: {
        allowedMedia: {
          inbound: { fileTypes: [{ type: 'image/png' }, { type: 'application/pdf' }], maxFileSizeKB: 100 },
        },
      },
    };
    const uploads: AttachmentUploads = {
      upload: () => new Promise(() => {}),
      remove: async () => {},
      send: async () => {},
      refresh: () => Promise.reject(new Error('offline')),
    };
    session.attachments = sinon.stub().resolves(uploads);
    const { el } = await chatFixture({ session, attributes: { open: true } });
    session.join();
    await settle(el);
    return { el, session };
  }

  it('shows every payload as a file name, in pictures and file rows of either side, as text', async () => {
    const { el, session } = await fixture();
    const url = 'https://files.example/a.png';
    const entries = payloads.flatMap(({ text }, index) => [
      {
        key: `a${index}`,
        id: `a${index}`,
        kind: 'agent' as const,
        sender: { id: 'agent-1', kind: 'agent' as const, name: 'Anna' },
        text: '',
        time: index,
        attachments: [
          { id: `i${index}`, url, filename: text, mediaType: 'Image', mime: 'image/png' },
          { id: `f${index}`, url, filename: text, mediaType: 'File', mime: text, fileSize: 12 },
        ],
      },
    ]);
    // The transcript shows 30 entries at a time: 30 payloads at a time.
    for (let start = 0; start < entries.length; start += 30) {
      const shown = entries.slice(start, start + 30);
      session.transcript.value = shown;
      await waitUntil(() => $$(el, '.files .file .name').length === shown.length, 'the files show');
      await settle(el);
      const texts = shown.map((entry) => entry.attachments[0].filename);
      expect($$(el, '.files .file .name').map((name) => name.textContent)).to.deep.equal(texts);
      expect($$<HTMLImageElement>(el, '.files .thumb img').map((img) => img.alt)).to.deep.equal(texts);
      assertInert(el.shadowRoot!, `payloads from #${start}`);
    }
  });

  it('never links or loads an attachment whose URL is not http(s); its name shows as text', async () => {
    const { el, session } = await fixture();
    const urls = payloads.filter(({ kind }) => kind === 'url').map(({ text }) => text);
    session.transcript.value = urls.map((url, index) => ({
      key: `u${index}`,
      id: `u${index}`,
      kind: 'agent' as const,
      sender: { id: 'agent-1', kind: 'agent' as const, name: 'Anna' },
      text: '',
      time: index,
      attachments: [
        { id: `i${index}`, url, filename: `picture ${index}`, mediaType: 'Image' },
        { id: `f${index}`, url, filename: `file ${index}`, mediaType: 'File' },
      ],
    }));
    await waitUntil(() => $$(el, '.files > *').length === urls.length * 2, 'the files show');
    const shown = $$(el, '.files > *');
    expect(shown).to.have.length(urls.length * 2);
    let linked = 0;
    for (const [index, url] of urls.entries()) {
      const [picture, file] = shown.slice(index * 2, index * 2 + 2);
      let http: string | null = null;
      try {
        const parsed = new URL(url);
        http = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
      } catch {
        http = null;
      }
      if (http) {
        linked++;
        expect((picture as HTMLAnchorElement).href, `${url}: picture`).to.equal(http);
        expect((file as HTMLAnchorElement).href, `${url}: file`).to.equal(http);
        expect(picture.querySelector('img')!.getAttribute('src')).to.equal(http);
      } else {
        expect([picture.localName, file.localName], `${url}: neither linked nor loaded`).to.deep.equal([
          'span',
          'span',
        ]);
        expect([picture.textContent, file.textContent]).to.deep.equal([`picture ${index}`, `file ${index}`]);
      }
    }
    expect(linked, 'some of the corpus is plain http(s)').to.be.greaterThan(0);
    expect(linked, 'most of the corpus is not').to.be.lessThan(urls.length / 2);
    assertInert(el.shadowRoot!, 'urls');
  });

  it("shows the visitor's own file names carrying payloads as text in the upload rows", async () => {
    const { el } = await fixture();
    const names = payloads.filter(({ text }) => text.trim() !== '').slice(0, 60);
    await waitUntil(() => el.shadowRoot!.querySelector('.composer input[type="file"]'), 'the attach button shows');
    const picker = el.shadowRoot!.querySelector<HTMLInputElement>('.composer input[type="file"]')!;
    const transfer = new DataTransfer();
    for (const { text } of names) transfer.items.add(new File(['%PDF'], text, { type: 'application/pdf' }));
    const sent = [...transfer.files].map((file) => file.name);
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    await settle(el);
    const rows = $$(el, '.uploads .upload .name').map((name) => name.textContent);
    expect(rows).to.deep.equal(sent);
    expect(rows).to.have.length(names.length);
    assertInert(el.shadowRoot!, 'upload rows');
  });
});
