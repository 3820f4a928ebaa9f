import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { AttachmentUploads, TransportAttachment } from '../../../src/transport/attachments.js';
import { $, $$, FakeSession, chatFixture, settle } from '../helpers/fake-session.js';

type Session = FakeSession & { attachments?: () => Promise<AttachmentUploads> };

const PDF = { fileTypes: [{ type: 'application/pdf' }, { type: 'image/png' }], maxFileSizeKB: 100 };
const pdf = (name = 'receipt.pdf') => new File(['%PDF-1.4'], name, { type: 'application/pdf' });

/** A session on a chat that takes PDFs and PNGs, its uploads finishing at once. */
async function fixture(inbound: Record<string, unknown> | null = PDF, attributes: Record<string, string> = {}) {
  const session: Session = new FakeSession();
  session.capabilities.value = {
    guestTyping: true,
    agentTyping: true,
    leaveEndsConversation: true,
    attachments: inbound && { allowedMedia: { inbound } },
  };
  const upload = sinon
    .stub<Parameters<AttachmentUploads['upload']>, Promise<TransportAttachment>>()
    .callsFake(async (id, file) => ({ id, url: `https://f.example/${id}`, name: file.name, image: false }));
  session.attachments = sinon.stub().resolves({
    upload,
    remove: async () => {},
    send: async () => {},
    refresh: async () => 'https://f.example/fresh',
  } satisfies AttachmentUploads);
  const { el } = await chatFixture({ session, attributes: { open: true, ...attributes } });
  session.join();
  await settle(el);
  return { el, session, upload };
}

const transfer = (...files: File[]) => {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
};

describe('<guest-chat> attachment UI', () => {
  it('takes files dropped onto the composer, and pasted into it', async () => {
    const { el, upload } = await fixture();
    await waitUntil(() => $(el, '[part~="attach-button"]'), 'the attach button shows');
    const textarea = $(el, '.composer textarea');
    const over = new DragEvent('dragover', {
      dataTransfer: transfer(pdf()),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    textarea.dispatchEvent(over);
    expect(over.defaultPrevented, 'the composer accepts the drag').to.equal(true);
    textarea.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: transfer(pdf('dropped.pdf')),
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    const paste = new ClipboardEvent('paste', {
      clipboardData: transfer(pdf('pasted.pdf')),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    // Firefox gives a script-made paste event an empty clipboard: there the paste part cannot be checked.
    const pasted = paste.clipboardData?.files.length === 1;
    textarea.dispatchEvent(paste);
    expect(paste.defaultPrevented).to.equal(pasted);
    const names = pasted ? ['dropped.pdf', 'pasted.pdf'] : ['dropped.pdf'];
    await waitUntil(() => $$(el, '.uploads .upload.ready').length === names.length, 'the files upload');
    expect($$(el, '.uploads .upload .name').map((name) => name.textContent)).to.deep.equal(names);
    expect(upload.callCount).to.equal(names.length);
    // Text pasted is left to the text area.
    const text = new ClipboardEvent('paste', {
      clipboardData: new DataTransfer(),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    textarea.dispatchEvent(text);
    expect(text.defaultPrevented).to.equal(false);
  });

  it('takes no drop, paste or pick where the chat takes no attachments', async () => {
    const { el, upload } = await fixture(null);
    await settle(el);
    expect($(el, '[part~="attach-button"]')).to.equal(null);
    const over = new DragEvent('dragover', {
      dataTransfer: transfer(pdf()),
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    $(el, '.composer textarea').dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(false);
    expect(upload.callCount).to.equal(0);
  });

  it('is accessible with uploads, a refusal and files in the transcript', async () => {
    const { el, session } = await fixture();
    session.push({
      key: 'f1',
      id: 'f1',
      kind: 'agent',
      sender: { id: 'agent-1', kind: 'agent', name: 'Anna' },
      text: 'Here it is',
      time: Date.now(),
      attachments: [
        { id: 'i1', url: 'https://f.example/i1', filename: 'label.png', mediaType: 'Image', mime: 'image/png' },
        {
          id: 'd1',
          url: 'https://f.example/d1',
          filename: 'terms.pdf',
          mediaType: 'File',
          mime: 'application/pdf',
          fileSize: 2400,
        },
      ],
    });
    await waitUntil(() => $(el, '.composer input[type="file"]'), 'the attach UI loads');
    const input = $<HTMLInputElement>(el, '.composer input[type="file"]');
    input.files = transfer(pdf(), new File(['x'], 'tool.zip', { type: 'application/zip' })).files;
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => $(el, '.uploads .upload.ready') && $(el, '.uploads .refused'), 'an upload and a refusal');
    await settle(el);
    expect($(el, '.files .file .kind').textContent).to.equal('PDF · 2.4 kB');
    await expect(el).to.be.accessible();
  });

  it("speaks the element's language, and the site's own strings win", async () => {
    const { el } = await fixture(PDF, { lang: 'fr' });
    await waitUntil(
      () => $(el, '[part~="attach-button"]')?.getAttribute('aria-label') === 'Joindre un fichier',
      'the French label',
    );
    el.strings = { attach: 'Ajouter une pièce jointe' } as typeof el.strings;
    await waitUntil(
      () => $(el, '[part~="attach-button"]')?.getAttribute('aria-label') === 'Ajouter une pièce jointe',
      "the site's label",
    );
  });
});
