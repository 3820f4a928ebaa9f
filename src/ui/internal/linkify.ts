import { html, type TemplateResult } from 'lit';

const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:)[^\s<>"]+/gi;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
/** Punctuation that usually ends a sentence rather than a link ("see https://example.com."). */
const TRAILING = /[.,;:!?'")\]}]+$/;

/** The href for a candidate link, or null when it is not a valid http(s), mailto or tel URL. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits untrusted text into text and links. Only http(s), mailto and tel URLs become links; everything is rendered
 * as text bindings by Lit, never parsed as HTML. Text without links stays one string (one text node).
 */
export function linkify(text: string): string | (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = match[0].replace(TRAILING, '');
    const href = safeHref(raw);
    if (!href) continue;
    const start = match.index!;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${raw}</a>`);
    last = start + raw.length;
  }
  if (last === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
