import type { AttachmentFields, MediaPolicy } from '../attachments.js';

// Every Web Messaging chat carries this file: it only picks the attachment parts out of the wire, unchecked. The code
// that checks them (`readAttachment`, `readPolicy`) comes with the attachment UI.

/** The `attachment` objects of a message's `content[]` Attachment items, or undefined when there are none. */
export function attachmentFields(content: unknown): AttachmentFields[] | undefined {
  try {
    const found = (content as { contentType?: unknown; attachment: AttachmentFields }[])
      .filter((item) => item.contentType === 'Attachment' && item.attachment instanceof Object)
      .map((item) => item.attachment);
    return found.length ? found : undefined;
  } catch {
    return undefined;
  }
}

/** The SessionResponse body as the media policy when it lists types and a size (attachments are on), else null. */
export function mediaPolicy(body: Partial<MediaPolicy>): MediaPolicy | null {
  const inbound = body.allowedMedia?.inbound;
  return (inbound?.fileTypes as unknown[] | undefined)?.length && (inbound!.maxFileSizeKB as number) > 0
    ? (body as MediaPolicy)
    : null;
}
