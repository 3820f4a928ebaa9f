import type { AttachmentPolicy, TransportAttachment } from '../attachments.js';

// Written for size, as this file is part of every Web Messaging chat, attachments or not: a field of the wrong shape
// throws inside the `try` and the whole part reads as absent; every value kept is made a string or a number.

/** The `Attachment` items of a message's `content[]` with an id and a URL, or undefined when there are none. */
export function readAttachments(content: unknown): TransportAttachment[] | undefined {
  try {
    const found = (content as { contentType?: unknown; attachment: Record<string, unknown> }[])
      .filter((item) => item.contentType === 'Attachment' && item.attachment.id && item.attachment.url)
      .map(({ attachment: a }) => ({
        id: `${a.id}`,
        url: `${a.url}`,
        name: `${a.filename || a.id}`,
        mime: a.mime ? `${a.mime}` : undefined,
        size: Number(a.fileSize) || undefined,
        image: a.mediaType === 'Image',
      }));
    return found.length ? found : undefined;
  } catch {
    return undefined;
  }
}

/** SessionResponse's `allowedMedia.inbound` and `blockedExtensions`: null unless types are listed and size > 0. */
export function readPolicy(body: Record<string, unknown>): AttachmentPolicy | null {
  try {
    const inbound = (body.allowedMedia as { inbound: { fileTypes: { type: unknown }[]; maxFileSizeKB: number } })
      .inbound;
    const types = inbound.fileTypes.map((entry) => `${entry.type}`);
    return types.length && inbound.maxFileSizeKB > 0
      ? {
          types,
          maxBytes: inbound.maxFileSizeKB * 1000,
          blockedExtensions: ((body.blockedExtensions as unknown[] | undefined) ?? []).map(String),
        }
      : null;
  } catch {
    return null;
  }
}
