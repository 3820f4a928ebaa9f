/**
 * Attachments as the session sees them, whatever the protocol: what a message carries, what the deployment allows,
 * and the upload side a transport offers when its protocol has one (Web Messaging; Guest Chat has none).
 */

/**
 * A file a message carries, as the server described it (Web Messaging's `content[].attachment`: `id`, `url`,
 * `filename`, `fileSize`, `mediaType`, `mime`). Unchecked: every chat carries the transport, and the code that reads
 * these comes with the attachment UI instead. Read it with {@link readAttachment}.
 */
export type AttachmentFields = Readonly<Record<string, unknown>>;

/**
 * What the deployment lets the visitor attach, as the server said it (Web Messaging's SessionResponse
 * `allowedMedia.inbound` and `blockedExtensions`), present only when it lists types and a size. Read it with
 * {@link readPolicy}.
 */
export interface MediaPolicy {
  readonly allowedMedia: { readonly inbound: Readonly<Record<string, unknown>> };
  readonly blockedExtensions?: unknown;
}

/** A file a message carries, checked. */
export interface TransportAttachment {
  /** The server's attachment id (`getAttachment` refreshes its URL by it). */
  id: string;
  /** Where to download it; may expire. An http(s) URL. */
  url: string;
  /** The file name as sent. Untrusted text. */
  name: string;
  /** MIME type, when the server said. */
  mime?: string;
  /** Bytes, when the server said. */
  size?: number;
  /** Shown as a picture rather than a file row. */
  image: boolean;
}

/** What the visitor may attach, checked. */
export interface AttachmentPolicy {
  /** MIME types, possibly with wildcards (`image/*`, `*\/*`). */
  types: string[];
  /** Largest file in bytes (the wire's KB are 1000 bytes, as the SDK counts). */
  maxBytes: number;
  /** Lower-case extensions with their dot, e.g. `.exe`. */
  blockedExtensions: string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** An http(s) URL, or null: attachments are never loaded or opened from any other scheme. */
export function httpUrl(value: unknown): string | null {
  try {
    const url = new URL(text(value) ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Checks an attachment's fields: null without an id or an http(s) URL. */
export function readAttachment(fields: AttachmentFields): TransportAttachment | null {
  const id = text(fields.id);
  const url = httpUrl(fields.url);
  if (!id || !url) return null;
  const mime = text(fields.mime);
  const size = fields.fileSize;
  return {
    id,
    url,
    name: text(fields.filename) ?? id,
    mime,
    size: typeof size === 'number' && size >= 0 ? size : undefined,
    image: fields.mediaType === 'Image' || /^image\//.test(mime ?? ''),
  };
}

/** Checks a policy: null unless it lists types and a size. */
export function readPolicy(policy: MediaPolicy | null | undefined): AttachmentPolicy | null {
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value
          .map((item) => (typeof item === 'string' ? item : text(item?.type)))
          .filter((item): item is string => !!item)
      : [];
  const inbound = policy?.allowedMedia.inbound;
  const types = list(inbound?.fileTypes);
  const kb = inbound?.maxFileSizeKB;
  if (!types.length || typeof kb !== 'number' || !(kb > 0)) return null;
  return {
    types,
    maxBytes: kb * 1000,
    blockedExtensions: list(policy?.blockedExtensions).map((item) => item.toLowerCase()),
  };
}

/** Why an upload or an attachment message failed: the wire's code (4001-4010, a network drop as 0) and text. */
export interface AttachmentFailure {
  code: number;
  message: string;
}

/** How an upload is going. */
export interface UploadOptions {
  /** Bytes sent so far of the total. */
  onProgress(loaded: number, total: number): void;
  /** Aborting cancels the upload and deletes what reached the server. */
  signal: AbortSignal;
}

/**
 * The upload side of a chat, loaded the first time the visitor attaches. Every promise rejects with an
 * {@link AttachmentFailure}-carrying error (`TransportError` whose `status` is the wire code) when it fails.
 */
export interface AttachmentUploads {
  /** Uploads a file under a new id of the caller's; resolves with the stored attachment once the server took it. */
  upload(id: string, file: File, options: UploadOptions): Promise<TransportAttachment>;
  /** Deletes an uploaded file that was not sent. */
  remove(id: string): Promise<void>;
  /** Sends text (may be empty) with uploaded files, once, even across reconnects. */
  send(text: string, ids: string[], clientId: string): Promise<void>;
  /** A fresh download URL for an attachment of the conversation. */
  refresh(id: string): Promise<string>;
}
