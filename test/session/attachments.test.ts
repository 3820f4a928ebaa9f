import { expect, waitUntil } from '@open-wc/testing';
import { signal } from '@preact/signals-core';
import { createAttachmentQueue, refusalOf } from '../../src/session/attachments.js';
import type { Phase } from '../../src/session/types.js';
import type { AttachmentUploads, UploadOptions } from '../../src/transport/attachments.js';
import { TransportError } from '../../src/transport/types.js';

const policy = {
  allowedMedia: { inbound: { fileTypes: [{ type: 'image/*' }, { type: 'application/pdf' }], maxFileSizeKB: 1 } },
  blockedExtensions: ['.EXE'],
};
const file = (name: string, type: string, size = 10) => new File([new Uint8Array(size)], name, { type });

/** An upload side whose uploads the test settles; it records what was asked of it. */
function fakeUploads() {
  const pending = new Map<string, { resolve(): void; reject(error: unknown): void; options: UploadOptions }>();
  const calls: string[] = [];
  let sendResult: () => Promise<void> = async () => {};
  const uploads: AttachmentUploads = {
    upload: (id, upload, options) =>
      new Promise((resolve, reject) => {
        calls.push(`upload ${upload.name}`);
        options.signal.addEventListener('abort', () => reject(new Error('aborted')));
        pending.set(upload.name, {
          resolve: () => resolve({ id, url: `https://f.example/${id}`, name: upload.name, image: false }),
          reject,
          options,
        });
      }),
    remove: async (id) => void calls.push(`remove ${id}`),
    send: async (text, ids, clientId) => {
      calls.push(`send ${JSON.stringify(text)} ${ids.length} ${clientId}`);
      return sendResult();
    },
    refresh: async (id) => `https://f.example/${id}?fresh`,
  };
  return { uploads, pending, calls, failSends: (next: () => Promise<void>) => (sendResult = next) };
}

/** A queue over a fake upload side, in a chat at `phase` (active unless given). */
const queueOver = (side: ReturnType<typeof fakeUploads>, phase = signal<Phase>('active')) =>
  createAttachmentQueue(
    async () => side.uploads,
    () => policy,
    phase,
  );

describe('the visitor attachment queue', () => {
  it('refuses by type, blocked extension, size and emptiness before any upload', () => {
    const rules = { types: ['image/*', 'application/pdf'], maxBytes: 1000, blockedExtensions: ['.exe'] };
    expect(refusalOf(rules, file('a.png', 'image/png'))).to.equal(null);
    expect(refusalOf(rules, file('a.zip', 'application/zip'))).to.equal('type');
    expect(refusalOf(rules, file('a.EXE', 'image/png'))).to.equal('type');
    expect(refusalOf(rules, file('a', ''))).to.equal('type');
    expect(refusalOf(rules, file('a.pdf', 'application/pdf', 1001))).to.equal('size');
    expect(refusalOf(rules, file('a.pdf', 'application/pdf', 0))).to.equal('size');
  });

  it('uploads with progress, sends text and files once as one message, and keeps nothing afterwards', async () => {
    const side = fakeUploads();
    const queue = queueOver(side);
    expect(queue.add([file('a.png', 'image/png'), file('b.zip', 'application/zip')])).to.deep.equal([
      { name: 'b.zip', reason: 'type' },
    ]);
    await waitUntil(() => side.pending.has('a.png'));
    expect(queue.send('too early')).to.equal(false);
    side.pending.get('a.png')!.options.onProgress(5, 10);
    expect(queue.uploads.value[0].progress).to.equal(0.5);
    side.pending.get('a.png')!.resolve();
    await waitUntil(() => queue.uploads.value[0].state === 'ready');
    expect(queue.send('Look')).to.equal(true);
    expect(queue.uploads.value[0].state).to.equal('sending');
    await waitUntil(() => queue.uploads.value.length === 0);
    expect(side.calls.filter((call) => call.startsWith('send'))).to.have.length(1);
  });

  it('a failed send keeps the files and goes again with the same client id; an expired file must be uploaded again', async () => {
    const side = fakeUploads();
    const queue = queueOver(side);
    queue.add([file('a.png', 'image/png')]);
    await waitUntil(() => side.pending.has('a.png'));
    side.pending.get('a.png')!.resolve();
    await waitUntil(() => queue.uploads.value[0]?.state === 'ready');
    side.failSends(() => Promise.reject(new TransportError('drop', { code: 'network', retryable: true })));
    queue.send('Look');
    await waitUntil(() => queue.sendFailure.value === 0);
    expect(queue.uploads.value[0].state).to.equal('ready');
    side.failSends(() => Promise.reject(new TransportError('expired', { status: 4008, retryable: false })));
    queue.send('');
    await waitUntil(() => queue.sendFailure.value === 4008);
    const [first, second] = side.calls.filter((call) => call.startsWith('send'));
    expect(second, 'the same text and client id').to.equal(first);
    expect(queue.uploads.value[0].state).to.equal('failed');
    expect(queue.uploads.value[0].failure).to.equal(4008);
  });

  it('cancels: an upload under way is aborted, a finished one is deleted; the end of the chat cancels the rest', async () => {
    const side = fakeUploads();
    const phase = signal<Phase>('active');
    const queue = queueOver(side, phase);
    queue.add([file('a.png', 'image/png'), file('b.png', 'image/png'), file('c.png', 'image/png')]);
    await waitUntil(() => side.pending.size === 3);
    side.pending.get('b.png')!.resolve();
    await waitUntil(() => queue.uploads.value[1].state === 'ready');
    const [a, b] = queue.uploads.value;
    queue.cancel(a.key);
    queue.cancel(b.key);
    expect(queue.uploads.value.map((upload) => upload.file.name)).to.deep.equal(['c.png']);
    await waitUntil(() => side.calls.includes(`remove ${b.id}`));
    expect(side.calls.filter((call) => call.startsWith('remove'))).to.deep.equal([`remove ${b.id}`]);
    phase.value = 'ended';
    expect(queue.uploads.value).to.deep.equal([]);
  });

  it('a failed upload says its code and uploads again on retry', async () => {
    const side = fakeUploads();
    const queue = queueOver(side);
    queue.add([file('a.png', 'image/png')]);
    await waitUntil(() => side.pending.has('a.png'));
    side.pending.get('a.png')!.reject(new TransportError('bad', { status: 4003, retryable: false }));
    await waitUntil(() => queue.uploads.value[0].state === 'failed');
    expect(queue.uploads.value[0].failure).to.equal(4003);
    side.pending.clear();
    queue.retry(queue.uploads.value[0].key);
    await waitUntil(() => side.pending.has('a.png'));
    expect(side.calls.filter((call) => call === 'upload a.png')).to.have.length(2);
  });
});
