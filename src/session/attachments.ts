import { batch, effect, signal, type ReadonlySignal } from '@preact/signals-core';
import {
  readPolicy,
  type AttachmentPolicy,
  type AttachmentUploads,
  type MediaPolicy,
  type TransportAttachment,
} from '../transport/attachments.js';
import { newId } from '../core/ids.js';
import { TransportError } from '../transport/types.js';
import type { Phase } from './types.js';

/** Where one file of the visitor's is. */
export type UploadState = 'uploading' | 'ready' | 'sending' | 'failed';

/** One file the visitor attached, until it is sent. */
export interface Upload {
  /** Stable for rendering, across retries. */
  key: string;
  /** The attachment id of the current try. */
  id: string;
  file: File;
  state: UploadState;
  /** 0 to 1. */
  progress: number;
  /** Why it failed: the wire code (4001-4010), or 0 for a network drop or anything else. */
  failure?: number;
  /** Set once the server stored it. */
  stored?: TransportAttachment;
}

/** Why a file was refused before upload. */
export interface Refusal {
  name: string;
  reason: 'type' | 'size';
}

/** The visitor's attachments: files being uploaded, then sent with text as one message. */
export interface AttachmentQueue {
  readonly uploads: ReadonlySignal<readonly Upload[]>;
  /** The wire code of the last failed send (0 for a drop), or null. Its files stay, ready to be sent again. */
  readonly sendFailure: ReadonlySignal<number | null>;
  /** Starts uploading the files the deployment allows; returns the ones it refuses. */
  add(files: readonly File[]): Refusal[];
  /** Stops an upload, or takes back a stored file, and deletes it from the server. */
  cancel(key: string): void;
  /** Uploads a failed file again. */
  retry(key: string): void;
  /** Sends `text` (may be empty) with every stored file, once. False while a file is uploading or none is stored. */
  send(text: string): boolean;
  /** A fresh address for an attachment whose address expired. */
  refresh(id: string): Promise<string>;
}

/** Whether the deployment's policy refuses a file, and why. */
export function refusalOf(policy: AttachmentPolicy, file: File): Refusal['reason'] | null {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  const typeOk =
    type !== '' &&
    policy.types.some((allowed) => {
      const entry = allowed.toLowerCase();
      return entry === '*/*' || entry === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1)));
    });
  if (!typeOk || policy.blockedExtensions.some((extension) => name.endsWith(extension))) return 'type';
  return file.size > policy.maxBytes || file.size === 0 ? 'size' : null;
}

const codeOf = (error: unknown): number => (error instanceof TransportError && error.status) || 0;

/**
 * The queue of the visitor's files for one session. Its code loads only when the visitor first attaches. When the
 * chat is no longer live, what is left is cancelled.
 */
export function createAttachmentQueue(
  loadSide: () => Promise<AttachmentUploads>,
  policy: () => MediaPolicy | null | undefined,
  phase: ReadonlySignal<Phase>,
): AttachmentQueue {
  /** The upload side, loaded once (again after a failed load). */
  let side: Promise<AttachmentUploads> | undefined;
  const loaded = () =>
    (side ??= loadSide().catch((error: unknown) => {
      side = undefined;
      throw error;
    }));
  const uploads = signal<readonly Upload[]>([]);
  const sendFailure = signal<number | null>(null);
  const controllers = new Map<string, AbortController>();
  /** The message being sent: the same client id on every try, so the server never gets it twice. */
  let outgoing: { text: string; clientId: string } | null = null;

  const change = (key: string, patch: Partial<Upload>) => {
    uploads.value = uploads.value.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload));
  };
  const find = (key: string) => uploads.peek().find((upload) => upload.key === key);
  const drop = (key: string) => {
    uploads.value = uploads.value.filter((upload) => upload.key !== key);
  };

  function start(key: string): void {
    const upload = find(key);
    if (!upload) return;
    const id = newId();
    const controller = new AbortController();
    controllers.set(key, controller);
    change(key, { id, state: 'uploading', progress: 0, failure: undefined, stored: undefined });
    loaded()
      .then((side) =>
        side.upload(id, upload.file, {
          signal: controller.signal,
          onProgress: (loaded, total) => {
            if (controllers.get(key) === controller) change(key, { progress: total > 0 ? loaded / total : 0 });
          },
        }),
      )
      .then(
        (stored) => {
          if (controllers.get(key) !== controller) return;
          controllers.delete(key);
          change(key, { state: 'ready', progress: 1, stored });
        },
        (error: unknown) => {
          if (controllers.get(key) !== controller) return;
          controllers.delete(key);
          change(key, { state: 'failed', failure: codeOf(error) });
        },
      );
  }

  function cancel(key: string): void {
    const upload = find(key);
    if (!upload || upload.state === 'sending') return;
    const controller = controllers.get(key);
    controllers.delete(key);
    if (controller) controller.abort();
    else if (upload.stored) void loaded().then((side) => side.remove(upload.id).catch(() => {}));
    drop(key);
  }

  effect(() => {
    if (['waiting', 'active', 'reconnecting', 'starting'].includes(phase.value)) return;
    outgoing = null;
    if (uploads.peek().length === 0 && sendFailure.peek() === null) return;
    // The chat is over: nothing of it is sent any more.
    batch(() => {
      for (const upload of uploads.peek()) cancel(upload.key);
      uploads.value = [];
      sendFailure.value = null;
    });
  });

  return {
    uploads,
    sendFailure,

    add(files) {
      const refused: Refusal[] = [];
      const rules = readPolicy(policy());
      for (const file of files) {
        const reason = rules ? refusalOf(rules, file) : 'type';
        if (reason) {
          refused.push({ name: file.name, reason });
          continue;
        }
        const key = newId();
        uploads.value = [...uploads.value, { key, id: '', file, state: 'uploading', progress: 0 }];
        start(key);
      }
      return refused;
    },

    cancel,

    retry(key) {
      if (find(key)?.state === 'failed') start(key);
    },

    send(text) {
      const all = uploads.peek();
      if (all.length === 0 || all.some((upload) => upload.state !== 'ready')) return false;
      // A retry after a failed send keeps its client id, and its text when the composer is empty now.
      outgoing = outgoing && (text === '' || text === outgoing.text) ? outgoing : { text, clientId: newId() };
      const message = outgoing;
      const keys = all.map((upload) => upload.key);
      batch(() => {
        for (const key of keys) change(key, { state: 'sending' });
        sendFailure.value = null;
      });
      loaded()
        .then((side) =>
          side.send(
            message.text,
            all.map((upload) => upload.id),
            message.clientId,
          ),
        )
        .then(
          () => {
            if (outgoing === message) outgoing = null;
            uploads.value = uploads.value.filter((upload) => !keys.includes(upload.key));
          },
          (error: unknown) => {
            const code = codeOf(error);
            // Expired, unknown or unfinished files (4008-4010) must be uploaded again; the others may go again as they are.
            const again = code >= 4008 && code <= 4010;
            batch(() => {
              for (const key of keys)
                if (find(key)) change(key, again ? { state: 'failed', failure: code } : { state: 'ready' });
              sendFailure.value = code;
            });
          },
        );
      return true;
    },

    refresh: (id) => loaded().then((side) => side.refresh(id)),
  };
}
