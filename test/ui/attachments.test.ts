import { expect, waitUntil } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { $, $$, fillForm, settle, typeDraft } from './helpers/fake-session.js';
import { openAgainst } from './helpers/mount.js';

defineGuestChat();

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

/** A real 1x1 PNG: the emulator checks that a file claiming to be a PNG starts like one. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);
const png = (name = 'meter.png') => new File([PNG], name, { type: 'image/png' });
const pdf = (name = 'receipt.pdf', size = 2400) =>
  new File([new Uint8Array(size).fill(37)], name, { type: 'application/pdf' });

interface StoredFile {
  id: string;
  fileName: string;
  state: string;
}
interface ConversationView {
  id: string;
  messages: { body: string; bodyType: string; attachments?: { id: string }[] }[];
  members: { role: string; id: string; agentId?: string; state: string }[];
}

describe('<guest-chat> attachments on Web Messaging, against the emulator', function () {
  this.timeout(60_000);
  const emulator = TestEmulator.forSuite(
    { defaultAutoAnswerDelayMs: 0, webMessaging: { rateLimitPerSecond: 20 } },
    { reset: true },
  );
  let el: GuestChatElement;

  const attachments = (patch: Record<string, unknown>) => emulator.call('PATCH', '/emulator/attachments', patch);
  const stored = async () => (await emulator.call<{ files: StoredFile[] }>('GET', '/emulator/attachments')).files;
  const messages = async () =>
    ((await emulator.conversations<ConversationView[]>())[0]?.messages ?? []).filter((m) => m.bodyType === 'standard');

  async function mount(transport: 'web-messaging' | 'guest-chat' = 'web-messaging'): Promise<GuestChatElement> {
    el = await openAgainst(emulator, transport);
    return el;
  }

  /** Mounts, starts a chat and waits for the attach button. */
  async function chat(): Promise<void> {
    await mount();
    await fillForm(el, { name: 'Sam Visitor' });
    await until(() => el.state === 'waiting', 'the session is configured');
    await until(() => el.shadowRoot!.querySelector('[part~="attach-button"]'), 'the attach button shows');
  }

  /** Picks files with the attach button's file picker. */
  async function pick(...files: File[]): Promise<void> {
    const input = $<HTMLInputElement>(el, '.composer input[type="file"]');
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(el);
  }

  const rows = () => $$(el, '.uploads .upload');
  const send = () => $<HTMLButtonElement>(el, '[part~="send-button"]');
  const ownFiles = () => $$(el, '[part~="message"][part~="own"] .files > *');

  it('sends an image with text: progress, then a thumbnail in a fixed box that opens full size', async () => {
    await chat();
    expect($(el, '[part~="attach-button"]').getAttribute('aria-label')).to.equal('Attach a file');
    await typeDraft(el, 'My meter');
    await pick(png());
    expect(rows()).to.have.length(1);
    expect(rows()[0].textContent).to.contain('meter.png');
    await until(() => rows()[0]?.classList.contains('ready'), 'the upload finishes');
    expect(send().disabled).to.equal(false);
    send().click();
    await until(() => ownFiles().length === 1, 'the image is in the transcript');
    await settle(el);
    expect(rows()).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '.composer textarea').value).to.equal('');
    const thumb = ownFiles()[0] as HTMLAnchorElement;
    expect(thumb.className).to.equal('thumb');
    expect(thumb.target).to.equal('_blank');
    expect(thumb.rel).to.equal('noopener noreferrer');
    expect(thumb.href).to.match(new RegExp(`^${emulator.url}/`));
    const img = thumb.querySelector('img')!;
    await until(() => img.complete && img.naturalWidth === 1, 'the picture loads');
    expect(img.alt).to.equal('meter.png');
    const box = thumb.getBoundingClientRect();
    expect([Math.round(box.width), Math.round(box.height)]).to.deep.equal([180, 135]);
    const [message] = await messages();
    expect(message.body).to.equal('My meter');
    expect(message.attachments).to.have.length(1);
    expect((await stored())[0].fileName).to.equal('meter.png');
  });

  it('sends a file alone, shown as a row with name, type and size that downloads', async () => {
    await chat();
    await pick(pdf());
    await until(() => rows()[0]?.classList.contains('ready'), 'the upload finishes');
    send().click();
    await until(() => ownFiles().length === 1, 'the file is in the transcript');
    const row = ownFiles()[0] as HTMLAnchorElement;
    expect(row.className).to.equal('file');
    expect(row.querySelector('.name')!.textContent).to.equal('receipt.pdf');
    expect(row.querySelector('.kind')!.textContent).to.equal('PDF · 2.4 kB');
    expect(row.getAttribute('download')).to.equal('receipt.pdf');
    const response = await fetch(row.href);
    expect(response.status).to.equal(200);
    expect((await response.arrayBuffer()).byteLength).to.equal(2400);
    // Alone: the bubble holds the file and no text.
    expect($(el, '[part~="message"][part~="own"] .bubble').textContent).to.equal(row.textContent);
    expect((await messages())[0].body).to.equal('');
  });

  it('refuses a type the deployment does not take before any upload, saying what is allowed', async () => {
    await chat();
    await pick(new File(['PK'], 'tools.zip', { type: 'application/zip' }), png('setup.exe'));
    const refused = $(el, '.uploads .refused');
    expect(refused.getAttribute('role')).to.equal('alert');
    expect(refused.textContent).to.contain('tools.zip cannot be sent: that type of file is not accepted.');
    expect(refused.textContent).to.contain('setup.exe cannot be sent');
    expect(refused.textContent).to.contain('You can send PNG, JPEG, GIF, WEBP, PDF, TXT files up to 10 MB.');
    expect(rows()).to.have.length(0);
    expect(await stored()).to.deep.equal([]);
  });

  it('refuses a file over the size the deployment allows before any upload', async () => {
    await attachments({ maxFileSizeKB: 1 });
    await chat();
    await pick(pdf('big.pdf', 1001));
    expect($(el, '.uploads .refused').textContent).to.contain('big.pdf cannot be sent: it is too large.');
    expect($(el, '.uploads .refused').textContent).to.contain('up to 1 kB');
    expect(await stored()).to.deep.equal([]);
  });

  it('cancels an upload under way: the row goes, the file is deleted on the server, nothing is sent', async () => {
    await attachments({ uploadDelayMs: 60_000 });
    await chat();
    await pick(png());
    await until(async () => (await stored()).length === 1, 'the upload started');
    const remove = $<HTMLButtonElement>(el, '.uploads .remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove meter.png');
    remove.click();
    await settle(el);
    expect(rows()).to.have.length(0);
    await until(async () => (await stored()).length === 0, 'the file is deleted');
    expect(await messages()).to.deep.equal([]);
  });

  it('cancels a finished upload: the file is deleted with deleteAttachment', async () => {
    await chat();
    await pick(png());
    await until(() => rows()[0]?.classList.contains('ready'), 'the upload finishes');
    expect(await stored()).to.have.length(1);
    $<HTMLButtonElement>(el, '.uploads .remove').click();
    await until(async () => (await stored()).length === 0, 'the file is deleted');
    expect(send().disabled, 'nothing left to send').to.equal(true);
  });

  it('says why an upload failed and uploads it again on retry', async () => {
    await attachments({ failNextUploads: { count: 1, code: 4003 } });
    await chat();
    await pick(png());
    await until(() => rows()[0]?.classList.contains('failed'), 'the upload fails');
    expect(rows()[0].querySelector('.why')!.textContent).to.equal('Not uploaded: The file was not accepted.');
    expect(send().disabled, 'a failed file cannot be sent').to.equal(true);
    rows()[0].querySelector<HTMLButtonElement>('.retry')!.click();
    await until(() => rows()[0]?.classList.contains('ready'), 'the retry uploads it');
    send().click();
    await until(() => ownFiles().length === 1, 'sent');
    expect(await messages()).to.have.length(1);
  });

  it('finishes an upload the link dropped in the middle of, and sends it once', async () => {
    await attachments({ uploadDelayMs: 1500 });
    await chat();
    await pick(png());
    await until(async () => (await stored()).length === 1, 'the upload started');
    await emulator.faults({ dropSockets: true });
    await until(() => rows()[0]?.classList.contains('ready') || rows()[0]?.classList.contains('failed'), 'settled');
    expect(rows()[0].className).to.contain('ready');
    await until(() => el.state === 'waiting', 'connected again');
    send().click();
    await until(() => ownFiles().length === 1, 'sent');
    await settle(el);
    expect(await messages()).to.have.length(1);
    expect(ownFiles()).to.have.length(1);
  });

  it("shows the agent's image, and the attachments again after a reload, from history", async () => {
    const agent = await emulator.createAgent({ displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
    await chat();
    await pick(pdf());
    await until(() => rows()[0]?.classList.contains('ready'), 'the upload finishes');
    send().click();
    await until(() => ownFiles().length === 1, 'sent');
    const conversation = await until(async () => {
      const [found] = await emulator.conversations<ConversationView[]>();
      return found?.members.some((m) => m.agentId === agent.id && m.state === 'CONNECTED') ? found : null;
    }, 'the agent answers').then(async () => (await emulator.conversations<ConversationView[]>())[0]);
    const communication = conversation.members.find((m) => m.agentId === agent.id)!.id;
    const base = `/api/v2/conversations/messages/${conversation.id}/communications/${communication}/messages`;
    const upload = await emulator.call<{ id: string; uploadUrl: string; uploadHeaders: Record<string, string> }>(
      'POST',
      `${base}/media/uploads`,
      { fileName: 'label.png', contentLengthBytes: PNG.length },
      agent.token,
    );
    await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { ...upload.uploadHeaders, 'Content-Type': 'image/png' },
      body: PNG,
    });
    await emulator.call('POST', base, { textBody: 'Your label', mediaIds: [upload.id] }, agent.token);
    const theirs = () => $$(el, '[part~="message"][part~="agent"] .files .thumb img');
    await until(() => theirs().length === 1, "the agent's image shows");
    expect((theirs()[0] as HTMLImageElement).alt).to.equal('label.png');

    el.remove();
    await mount();
    await until(() => theirs().length === 1 && ownFiles().length === 1, 'both come back from history');
    expect(ownFiles()[0].querySelector('.name')!.textContent).to.equal('receipt.pdf');
  });

  it('refreshes an expired address with getAttachment when the file is clicked', async () => {
    await attachments({ downloadUrlTtlSeconds: 1 });
    await chat();
    await pick(pdf());
    await until(() => rows()[0]?.classList.contains('ready'), 'the upload finishes');
    send().click();
    await until(() => ownFiles().length === 1, 'sent');
    const row = ownFiles()[0] as HTMLAnchorElement;
    const first = row.href;
    await until(async () => (await fetch(first, { cache: 'no-store' })).status === 403, 'the address expires');
    const opened: (string | URL | undefined)[] = [];
    const tab = { opener: {}, location: { href: '' }, close() {} };
    const open = window.open;
    window.open = ((url?: string | URL) => (opened.push(url), tab)) as typeof window.open;
    try {
      row.click();
      await until(() => tab.location.href !== '', 'a fresh address');
    } finally {
      window.open = open;
    }
    expect(opened).to.deep.equal(['about:blank']);
    expect(tab.opener, 'the new tab cannot reach the page').to.equal(null);
    expect(tab.location.href).to.not.equal(first);
    expect((await fetch(tab.location.href)).status).to.equal(200);
    await settle(el);
    expect((ownFiles()[0] as HTMLAnchorElement).href).to.equal(tab.location.href);
  });

  it('shows no attach button when the deployment takes no attachments, nor ever on Guest Chat', async () => {
    await attachments({ enabled: false });
    await mount();
    await fillForm(el, { name: 'Sam Visitor' });
    await until(() => el.state === 'waiting', 'the session is configured');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part~="attach-button"]')).to.equal(null);
    el.remove();
    await attachments({ enabled: true });
    await mount('guest-chat');
    await fillForm(el, { name: 'Sam Visitor' });
    await until(() => el.state === 'waiting', 'the chat is created');
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part~="attach-button"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('input[type="file"]')).to.equal(null);
  });
});
