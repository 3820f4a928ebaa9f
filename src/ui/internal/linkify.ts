import { html, type TemplateResult } from 'lit';
import { hostReadsSafely } from './link-host.js';

const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:|www\.)[^\s<>"]+/gi;
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
 * What a link shows: the text as written, unless its host could pass for another one (mixed scripts, lookalike
 * letters) or it carries a user name (`https://paypal.com@evil.example`). Then it shows the address the browser will
 * open, with the host in punycode, as the address bar would.
 */
function linkText(raw: string, href: string): string {
  const url = new URL(href);
  if (!url.hostname || url.protocol === 'mailto:' || url.protocol === 'tel:') return raw;
  const written = /^(?:https?:\/\/)?([^/?#]*)/i.exec(raw)![1];
  const plain = `${url.protocol}//${url.host}${url.pathname}${url.search}${url.hash}`;
  return url.username || url.password || !hostReadsSafely(written) ? plain : raw;
}

/**
 * Splits untrusted text into text and links. Only http(s), mailto, tel and `www.` addresses become links; everything is rendered
 * as text bindings by Lit, never parsed as HTML. Text without links stays one string (one text node).
 */
export function linkify(text: string): string | (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = match[0].replace(TRAILING, '');
    // `www.example.org` is a web address as readers write it: it opens over https.
    const href = safeHref(/^www\./i.test(raw) ? `https://${raw}` : raw);
    if (!href) continue;
    const start = match.index!;
    if (start > last) parts.push(text.slice(last, start));
    // dir="auto" isolates the link's text: right-to-left characters in it cannot reorder the text around it.
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer" dir="auto">${linkText(raw, href)}</a>`);
    last = start + raw.length;
  }
  if (last === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
