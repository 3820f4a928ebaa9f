import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import createAttachmentUploads from '../../../src/transport/web-messaging/attachments.js';
import { WebMessagingError } from '../../../src/transport/web-messaging/error.js';
import type { HistoryPage, ServerFrame } from '../../../src/transport/web-messaging/wire.js';
import { systemClock } from '../../../src/core/clock.js';
import { DEFAULT_RETRY } from '../../../src/core/retry.js';

const frame = (className: string, body: unknown, type: ServerFrame['type'] = 'response'): ServerFrame => ({
  type,
  className,
  code: 200,
  body,
});
const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'meter.png', { type: 'image/png' });

/** The upload side over a scripted socket: `answers` answers each action; `hear` pushes frames to it. */
function harness(answers: Record<string, (fields: Record<string, unknown>) => Promise<ServerFrame>>) {
  let hear: (frame: ServerFrame | null) => void = () => {};
  let open = true;
  const request = sinon.spy((action: string, fields: Record<string, unknown>) =>
    answers[action] ? answers[action](fields) : Promise.reject(new Error(`unexpected ${action}`)),
  );
  const onMessage = sinon.stub<[Record<string, unknown>, string, boolean], Promise<ServerFrame>>();
  const historyPage = sinon.stub<[number], Promise<HistoryPage>>().resolves({ entities: [], pageCount: 1 });
  const put = sinon.stub().resolves(200);
  const uploads = createAttachmentUploads(
    request as never,
    onMessage,
    (listener) => (hear = listener),
    () => open,
    historyPage,
    systemClock,
    DEFAULT_RETRY,
    put,
  );
  return {
    uploads,
    request,
    onMessage,
    historyPage,
    put,
    push: (pushed: ServerFrame | null) => hear(pushed),
    setOpen: (value: boolean) => (open = value),
  };
}

const presigned =
  (url = 'https://uploads.example/put?sig=1') =>
  async (fields: Record<string, unknown>) =>
    frame('PresignedUrlResponse', { attachmentId: fields.attachmentId, url, headers: { 'x-amz-tagging': 't=1' } });
const options = () => ({ onProgress: sinon.spy(), signal: new AbortController().signal });

describe('Web Messaging upload side', () => {
  it('puts the file with the presigned headers and resolves on UploadSuccessEvent', async () => {
    const h = harness({ onAttachment: presigned() });
    const done = h.uploads.upload('a1', png, options());
    await waitUntil(() => h.put.called);
    const [url, headers, file] = h.put.firstCall.args;
    expect([url, headers, file]).to.deep.equal(['https://uploads.example/put?sig=1', { 'x-amz-tagging': 't=1' }, png]);
    expect(h.request.firstCall.args).to.deep.equal([
      'onAttachment',
      { attachmentId: 'a1', fileName: 'meter.png', fileType: 'image/png', fileSize: 4, errorsAsJson: true },
      false,
    ]);
    h.push(frame('UploadSuccessEvent', { attachmentId: 'a1', downloadUrl: 'https://files.example/a1' }, 'message'));
    expect(await done).to.deep.include({ id: 'a1', url: 'https://files.example/a1', name: 'meter.png', image: true });
  });

  it('fails with the wire code of GenerateUrlError and UploadFailureEvent, and never puts to a non-http(s) address', async () => {
    const refused = harness({
      onAttachment: async () =>
        frame('GenerateUrlError', { attachmentId: 'a1', errorCode: 4001, errorMessage: 'type' }, 'message'),
    });
    const error = await refused.uploads.upload('a1', png, options()).catch((e: unknown) => e);
    expect((error as WebMessagingError).status).to.equal(4001);

    const scanned = harness({ onAttachment: presigned() });
    const failing = scanned.uploads.upload('a2', png, options()).catch((e: unknown) => e);
    await waitUntil(() => scanned.put.called);
    scanned.push(frame('UploadFailureEvent', { attachmentId: 'a2', errorCode: 4003, errorMessage: 'bad' }, 'message'));
    expect(((await failing) as WebMessagingError).status).to.equal(4003);

    const hostile = harness({ onAttachment: presigned('javascript:alert(1)') });
    await hostile.uploads.upload('a3', png, options()).catch(() => {});
    expect(hostile.put.called).to.equal(false);
  });

  it('asks getAttachment when the link comes back and the outcome was lost in the drop', async () => {
    const h = harness({
      onAttachment: presigned(),
      getAttachment: async (fields) =>
        frame('PresignedUrlResponse', {
          attachmentId: fields.attachmentId,
          url: 'https://files.example/fresh',
          headers: {},
        }),
    });
    const done = h.uploads.upload('a1', png, options());
    await waitUntil(() => h.put.called);
    await Promise.resolve();
    h.push(null);
    expect((await done).url).to.equal('https://files.example/fresh');
  });

  it('cancelling deletes what reached the server and rejects at once', async () => {
    const h = harness({
      onAttachment: presigned(),
      deleteAttachment: async () => frame('AttachmentDeletedResponse', {}),
    });
    const controller = new AbortController();
    const done = h.uploads.upload('a1', png, { onProgress: () => {}, signal: controller.signal });
    await waitUntil(() => h.put.called);
    controller.abort();
    expect(((await done.catch((e: unknown) => e)) as WebMessagingError).code).to.equal('attachment.cancelled');
    expect(h.request.lastCall.args.slice(0, 2)).to.deep.equal(['deleteAttachment', { attachmentId: 'a1' }]);
  });

  it('a message lost in a drop is looked up in history: found there, it is not sent again', async () => {
    const h = harness({});
    h.onMessage.onFirstCall().rejects(WebMessagingError.network());
    h.historyPage.resolves({
      entities: [
        {
          id: 'm1',
          type: 'Text',
          direction: 'Inbound',
          events: [],
          metadata: {},
          attachments: [{ id: 'a1', url: 'https://files.example/a1' }],
        },
      ],
      pageCount: 1,
    });
    h.setOpen(false);
    const sent = h.uploads.send('Look', ['a1'], 'c1');
    await waitUntil(() => h.onMessage.calledOnce);
    await Promise.resolve();
    h.setOpen(true);
    h.push(null);
    await sent;
    expect(h.onMessage.callCount).to.equal(1);
    expect(h.onMessage.firstCall.args).to.deep.equal([
      { type: 'Text', text: 'Look', content: [{ contentType: 'Attachment', attachment: { id: 'a1' } }] },
      'c1',
      false,
    ]);
  });

  it('a message lost in a drop and absent from history goes again, with the same tracingId', async () => {
    const h = harness({});
    h.onMessage.onFirstCall().rejects(WebMessagingError.network());
    h.onMessage.onSecondCall().resolves(frame('StructuredMessage', { id: 'm1' }, 'message'));
    await h.uploads.send('', ['a1'], 'c1');
    expect(h.onMessage.callCount).to.equal(2);
    expect(h.onMessage.secondCall.args[1]).to.equal('c1');
  });
});
