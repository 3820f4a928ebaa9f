import { httpUrl, type AttachmentUploads, type TransportAttachment, type UploadOptions } from '../attachments.js';
import type { Clock } from '../../core/clock.js';
import type { RetryPolicy } from '../../core/retry.js';
import { isObject, stringField, type JsonObject } from '../json.js';
import { WebMessagingError } from './error.js';
import type { HistoryPage, ServerFrame } from './wire.js';

/** What the upload side needs of the transport's socket: its own functions, handed over as they are. */
export interface AttachmentLink {
  /** An action on the socket (`limited`: rate-limited); rejects when the socket drops before the answer. */
  request(action: string, fields: JsonObject, limited: boolean): Promise<ServerFrame>;
  /** An `onMessage` with this tracingId, with custom attributes as text carries them. */
  onMessage(message: JsonObject, tracingId: string, keepOnDrop: boolean): Promise<ServerFrame>;
  /** Sets the one listener of attachment frames that answer no request, and of null each time the session is
   * configured again. */
  listen(listener: (frame: ServerFrame | null) => void): void;
  /** The session is configured on an open socket. */
  isOpen(): boolean;
  /** A page of history (1 is the newest), to learn whether a message sent just before a drop arrived. */
  historyPage(pageNumber: number): Promise<HistoryPage>;
  clock: Clock;
}

/** The link's parts in order, as the transport passes them (positional: the transport's file is counted in bytes). */
type LinkArgs = [
  AttachmentLink['request'],
  AttachmentLink['onMessage'],
  AttachmentLink['listen'],
  AttachmentLink['isOpen'],
  AttachmentLink['historyPage'],
  AttachmentLink['clock'],
  /** `uploadSendAttempts`, `uploadOutcomeMs` and `uploadReopenMs` say how long uploads wait and how often sends go. */
  retry: RetryPolicy,
  /** Makes the presigned `PUT`; injectable for tests. Default XMLHttpRequest (fetch cannot report upload progress). */
  put?: typeof putWithProgress,
];

/** An upload or attachment failure with the wire's code (4001-4010) as `status`; a drop is `network`. */
function failure(code: number, message: string): WebMessagingError {
  return new WebMessagingError(message, { status: code, code: `attachment.${code}`, retryable: false });
}

function failureOf(body: unknown): WebMessagingError {
  const detail = isObject(body) ? body : {};
  const code = typeof detail.errorCode === 'number' ? detail.errorCode : 5000;
  return failure(code, stringField(detail, 'errorMessage') ?? `Attachment error ${code}`);
}

const aborted = (): WebMessagingError =>
  new WebMessagingError('The upload was cancelled', { code: 'attachment.cancelled', retryable: false });

/**
 * `PUT`s a file to a presigned URL with its headers, reporting progress; resolves with the HTTP status (0 when the
 * network failed).
 */
export function putWithProgress(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<number> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = xhr.onabort = () => resolve(0);
    signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/**
 * Web Messaging's upload flow: `onAttachment` -> `PresignedUrlResponse` -> `PUT` with every given header and the
 * file's type -> `UploadSuccessEvent` (or `UploadFailureEvent`) -> `onMessage` with `content:[{contentType:
 * "Attachment", attachment:{id}}]`. A drop never leaves an upload stuck: once the link is back (or when its outcome
 * is overdue) `getAttachment` tells whether the file is stored; a message in doubt is looked up in history before it
 * goes again.
 */
export default function createAttachmentUploads(
  ...[request, onMessage, hear, isOpen, historyPage, clock, retry, put = putWithProgress]: LinkArgs
): AttachmentUploads {
  const link: AttachmentLink = { request, onMessage, listen: hear, isOpen, historyPage, clock };
  /** Who waits for frames about each attachment; null is "configured again" and goes to all. */
  const waiting = new Set<{ id: string; handle(frame: ServerFrame | null): void }>();
  const listeners = new Set<(frame: ServerFrame | null) => void>();
  const listen = (listener: (frame: ServerFrame | null) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  link.listen((frame) => {
    for (const listener of [...listeners]) listener(frame);
  });
  listen((frame) => {
    const id = frame && isObject(frame.body) ? stringField(frame.body, 'attachmentId') : undefined;
    for (const waiter of [...waiting]) if (!frame || waiter.id === id) waiter.handle(frame);
  });

  /** The answer to an action about one attachment: by tracingId, or by a frame naming the attachment. */
  function ask(action: string, id: string, fields: JsonObject = {}): Promise<ServerFrame> {
    return new Promise<ServerFrame>((resolve, reject) => {
      const waiter = {
        id,
        handle(frame: ServerFrame | null) {
          if (!frame || frame.className === 'UploadSuccessEvent' || frame.className === 'UploadFailureEvent') return;
          waiting.delete(waiter);
          resolve(frame);
        },
      };
      waiting.add(waiter);
      link
        .request(action, { attachmentId: id, ...fields }, false)
        .then(resolve, reject)
        .finally(() => waiting.delete(waiter));
    }).then((frame) => {
      if (frame.className === 'GenerateUrlError') throw failureOf(frame.body);
      return frame;
    });
  }

  /** Resolves once the link is open again; a network failure when it stays away. */
  function reopened(): Promise<void> {
    if (link.isOpen()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = listen((frame) => {
        if (frame) return;
        off();
        link.clock.clearTimeout(timer);
        resolve();
      });
      const timer = link.clock.setTimeout(() => {
        off();
        reject(WebMessagingError.network());
      }, retry.uploadReopenMs);
    });
  }

  async function refresh(id: string): Promise<string> {
    const answer = await ask('getAttachment', id);
    const url = httpUrl(isObject(answer.body) ? answer.body.url : undefined);
    if (!url) throw failure(4009, 'The attachment has no usable address');
    return url;
  }

  return {
    upload(id: string, file: File, { onProgress, signal }: UploadOptions): Promise<TransportAttachment> {
      return new Promise((resolve, reject) => {
        let settled = false;
        let stored = false;
        let timer: unknown = null;
        const done = (url: string) =>
          finish(null, {
            id,
            url,
            name: file.name,
            mime: file.type,
            size: file.size,
            image: /^image\//.test(file.type),
          });
        const waiter = { id, handle: (frame: ServerFrame | null) => onFrame(frame) };
        waiting.add(waiter);
        function finish(error: unknown, attachment?: TransportAttachment): void {
          if (settled) return;
          settled = true;
          waiting.delete(waiter);
          if (timer !== null) link.clock.clearTimeout(timer);
          if (error) reject(error);
          else resolve(attachment!);
        }
        /** Asks the server whether the file is stored, when its event is overdue or was lost in a drop. */
        const check = () =>
          refresh(id).then(done, (error: unknown) =>
            finish(error instanceof WebMessagingError ? error : failure(4010, 'The file was not uploaded')),
          );
        function onFrame(frame: ServerFrame | null): void {
          if (!frame) {
            if (stored) void check();
          } else if (frame.className === 'UploadSuccessEvent') {
            const url = httpUrl(isObject(frame.body) ? frame.body.downloadUrl : undefined);
            if (url) done(url);
            else void check();
          } else if (frame.className === 'UploadFailureEvent' || frame.className === 'GenerateUrlError') {
            finish(failureOf(frame.body));
          }
        }
        signal.addEventListener('abort', () => {
          // What reached the server goes too; the visitor does not wait for it.
          if (!settled) link.request('deleteAttachment', { attachmentId: id }, false).catch(() => {});
          finish(aborted());
        });
        link
          .request(
            'onAttachment',
            {
              attachmentId: id,
              fileName: file.name,
              fileType: file.type,
              fileSize: file.size,
              errorsAsJson: true,
            },
            false,
          )
          .then(async (answer) => {
            if (settled) return;
            if (answer.className === 'GenerateUrlError') return finish(failureOf(answer.body));
            const body = isObject(answer.body) ? answer.body : {};
            const url = httpUrl(body.url);
            if (!url) return finish(failure(5000, 'The upload address is not usable'));
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(isObject(body.headers) ? body.headers : {})) {
              if (typeof value === 'string') headers[name] = value;
            }
            const status = await put(url, headers, file, onProgress, signal);
            if (settled) return;
            if (status < 200 || status >= 300) {
              return finish(
                status === 400 || status === 413
                  ? failure(4002, 'The file is larger than allowed')
                  : WebMessagingError.network(),
              );
            }
            stored = true;
            // The outcome comes on the socket; if it is overdue, or the link comes back after a drop, ask.
            timer = link.clock.setTimeout(() => void check(), retry.uploadOutcomeMs);
          }, finish);
      });
    },

    async remove(id: string) {
      await ask('deleteAttachment', id);
    },

    async send(text: string, ids: string[], clientId: string) {
      const message = {
        type: 'Text',
        text,
        content: ids.map((id) => ({ contentType: 'Attachment', attachment: { id } })),
      };
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await link.onMessage(message, clientId, false);
          if (answer.className === 'GenerateUrlError') throw failureOf(answer.body);
          return;
        } catch (error) {
          if (!(error instanceof WebMessagingError) || error.code !== 'network' || attempt >= retry.uploadSendAttempts)
            throw error;
          // The drop may have come after the server took the message: the newest history tells, once back.
          await reopened();
          const page = (await link.historyPage(1)).entities;
          const arrived = page.some(
            (entry) =>
              entry.direction === 'Inbound' && entry.attachments?.some((item) => ids.includes(item.id as string)),
          );
          if (arrived) return;
        }
      }
    },

    refresh,
  };
}
