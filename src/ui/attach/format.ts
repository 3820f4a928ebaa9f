import type { AttachmentPolicy } from '../../transport/attachments.js';

/** A size for people: `850 B`, `12 kB`, `3.4 MB` (1000-based, as the deployment's KB). */
export function sizeLabel(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1000) return `${bytes} B`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : [bytes / 1e6, 'MB'];
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${unit}`;
}

/**
 * A short name of a MIME type: `image/png` is `PNG`, `image/*` is `image`, `application/pdf` is `PDF`, `text/plain`
 * is `TXT` (the name people know it by).
 */
export function typeLabel(mime: string | undefined): string {
  if (!mime) return '';
  const [type, subtype = ''] = mime.split('/');
  if (subtype === '*') return type === '*' ? '' : type;
  if (mime === 'text/plain') return 'TXT';
  return (subtype.split(/[.+-]/).pop() ?? subtype).toUpperCase();
}

/** The allowed types of a policy, for people: `PNG, JPEG, PDF`. */
export const typesLabel = (policy: AttachmentPolicy): string =>
  [...new Set(policy.types.map(typeLabel).filter(Boolean))].join(', ');

/**
 * When a presigned URL stops working, in epoch ms, if it says: `Expires` (seconds, S3 v2 and this project's
 * emulator) or `X-Amz-Date` + `X-Amz-Expires` (S3 v4). Undefined when it does not say.
 */
export function expiryOf(url: string): number | undefined {
  const params = new URL(url).searchParams;
  const expires = Number(params.get('Expires'));
  if (expires > 0) return expires * 1000;
  const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(params.get('X-Amz-Date') ?? '');
  const seconds = Number(params.get('X-Amz-Expires'));
  if (!date || !(seconds > 0)) return undefined;
  const [, y, mo, d, h, mi, s] = date.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) + seconds * 1000;
}
