/**
 * Attachments as the session sees them, whatever the protocol: what a message carries, what the deployment allows,
 * and the upload side a transport offers when its protocol has one (Web Messaging; Guest Chat has none).
 */

/** A file a message carries. */
export interface TransportAttachment {
  /** The server's attachment id (`getAttachment` refreshes its URL by it). */
  id: string;
  /** Where to download it; may expire. Untrusted: check the scheme before use. */
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

/** What the deployment lets the visitor attach (Web Messaging `allowedMedia.inbound` and `blockedExtensions`). */
export interface AttachmentPolicy {
  /** MIME types, possibly with wildcards (`image/*`, `*\/*`). */
  types: string[];
  /** Largest file in bytes (the wire's KB are 1000 bytes, as the SDK counts). */
  maxBytes: number;
  /** Lower-case extensions with their dot, e.g. `.exe`. */
  blockedExtensions: string[];
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
