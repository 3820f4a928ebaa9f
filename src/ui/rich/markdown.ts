import { css, html, type TemplateResult } from 'lit';
import { linkify, safeHref } from '../internal/linkify.js';

/**
 * Markdown for agents' and bots' text where the deployment turns it on: bold, italic, strike, inline code, code
 * blocks, bullet and numbered lists, links and line breaks, built as Lit templates from text (never an HTML string,
 * so Trusted Types stay on and nothing in the text is ever parsed as markup). Anything else (headings, tables,
 * images, raw HTML) shows as the text it is. Loaded the first time such a message shows.
 */

type Inline = string | TemplateResult | (string | TemplateResult)[];

/** Code, bold, strike, italic, `[text](url)`; the first match wins, left to right. */
const INLINE =
  /`([^`\n]+)`|\*\*(?=\S)([^]*?\S)\*\*|__(?=\S)([^]*?\S)__|~~(?=\S)([^]*?\S)~~|\*(?=[^\s*])([^*]*?[^\s*])\*|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])|\[([^\]\n]+)\]\(([^()\s]+)\)/gu;
const FENCE = /^ {0,3}```/;
const ITEM = /^ {0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

/** Inline Markdown of one paragraph or list item; links in the rest of the text are found as in plain messages. */
function inline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const [whole, code, bold1, bold2, strike, em1, em2, label, url] = match;
    const start = match.index!;
    if (start > last) out.push(linkify(text.slice(last, start)));
    last = start + whole.length;
    const inner = (value: string) => (depth < 8 ? inline(value, depth + 1) : value);
    if (code !== undefined) out.push(html`<code>${code}</code>`);
    else if ((bold1 ?? bold2) !== undefined) out.push(html`<strong>${inner(bold1 ?? bold2)}</strong>`);
    else if (strike !== undefined) out.push(html`<s>${inner(strike)}</s>`);
    else if ((em1 ?? em2) !== undefined) out.push(html`<em>${inner(em1 ?? em2)}</em>`);
    else {
      const href = safeHref(url);
      // A link to anything but http(s), mailto or tel is shown as the text it was written as.
      out.push(href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : whole);
    }
  }
  if (last < text.length) out.push(linkify(text.slice(last)));
  return out;
}

/** Lines of a paragraph, with line breaks between them. */
function paragraph(lines: string[]): TemplateResult {
  return html`<p>${lines.map((line, index) => (index ? [html`<br />`, inline(line)] : inline(line)))}</p>`;
}

/** Renders Markdown text as templates: paragraphs, lists and code blocks. */
export function markdown(text: string): TemplateResult[] {
  const blocks: TemplateResult[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (FENCE.test(line)) {
      const end = lines.findIndex((candidate, at) => at > index && FENCE.test(candidate));
      const stop = end < 0 ? lines.length : end;
      blocks.push(html`<pre><code>${lines.slice(index + 1, stop).join('\n')}</code></pre>`);
      index = stop + 1;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = item[1] === undefined;
      const items: string[] = [];
      let match: RegExpExecArray | null;
      while (index < lines.length && (match = ITEM.exec(lines[index])) && (match[1] === undefined) === ordered) {
        items.push(match[3]);
        index++;
      }
      const rendered = items.map((value) => html`<li>${inline(value)}</li>`);
      const first = Number(item[2]);
      blocks.push(
        ordered
          ? html`<ol start=${first}>
              ${rendered}
            </ol>`
          : html`<ul>
              ${rendered}
            </ul>`,
      );
      continue;
    }
    if (!line.trim()) {
      index++;
      continue;
    }
    const para: string[] = [];
    while (index < lines.length && lines[index].trim() && !FENCE.test(lines[index]) && !ITEM.test(lines[index])) {
      para.push(lines[index++]);
    }
    blocks.push(paragraph(para));
  }
  return blocks;
}

/** Styles of rendered Markdown inside a message bubble. */
export const markdownStyles = css`
  .md {
    white-space: normal;
  }
  .md > * {
    margin: 0;
  }
  .md > * + * {
    margin-block-start: 0.5em;
  }
  .md ul,
  .md ol {
    padding-inline-start: 1.25em;
    list-style: disc;
  }
  .md ol {
    list-style: decimal;
  }
  .md li {
    display: list-item;
  }
  .md code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    background: var(--_surface);
    border-radius: 4px;
    padding: 0 3px;
  }
  .md pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_surface);
    border-radius: 6px;
    padding: 6px 8px;
  }
  .md pre code {
    padding: 0;
    background: none;
  }
`;
