import { signal } from '@preact/signals-core';
import { css, html, nothing, svg, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { createAttachmentQueue, type AttachmentQueue, type Upload } from '../../session/attachments.js';
import type { ChatSession, TranscriptEntry } from '../../session/types.js';
import {
  httpUrl,
  readAttachment,
  readPolicy,
  type AttachmentFields,
  type TransportAttachment,
} from '../../transport/attachments.js';
import type { GuestChatStrings } from '../strings/index.js';
import { expiryOf, sizeLabel, typeLabel, typesLabel } from './format.js';
import { withAttachStrings, type AttachStrings } from './strings.js';

const clipIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z"/></svg>`;

/** The readable reason of a failure code (the wire's 4001-4010; 0 for a drop). */
function reason(s: AttachStrings, code: number | null | undefined): string {
  if (code === 4001) return s.failType;
  if (code === 4002) return s.failSize;
  if (code === 4003 || code === 4004 || code === 4005) return s.failFile;
  if (code !== undefined && code !== null && code >= 4008 && code <= 4010) return s.failExpired;
  return s.failDrop;
}

/**
 * The attachment UI: the attach button, drop and paste onto the composer, the upload rows with progress, cancel and
 * retry, and attachments in the transcript (pictures as thumbnails that open full size, other files as rows that
 * download). Loaded only when a chat takes attachments or shows one; the upload code loads on the first attach.
 */
export default class AttachUi {
  private session: ChatSession | null = null;
  /** The element's strings at its last render, for drops and pastes. */
  private strings = {} as GuestChatStrings;
  private queue: AttachmentQueue | null = null;
  /** What the visitor tried to attach and was refused, as sentences. */
  private readonly refused = signal<string[]>([]);
  /** Addresses refreshed with `getAttachment`, by attachment id. */
  private readonly fresh = new Map<string, string>();
  /** Pictures whose address was refreshed after a failed load: one try each. */
  private readonly retried = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    const root = host.shadowRoot;
    // A constructed style sheet, as the element's own: a strict CSP that forbids inline styles allows it.
    if (root && attachStyles.styleSheet)
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, attachStyles.styleSheet];
    // Composed events reach the element from its composer: no binding in the element's own template is needed.
    for (const type of ['dragover', 'drop', 'paste']) host.addEventListener(type, this.handle);
  }

  /** The element's strings with this UI's, in the language the element shows. */
  private stringsFor(strings: GuestChatStrings): GuestChatStrings & AttachStrings {
    const language = this.host.shadowRoot?.querySelector('[lang]')?.getAttribute('lang') ?? 'en';
    return withAttachStrings(strings, language, () => this.host.requestUpdate());
  }

  /** The queue of this session's files (a new session, a new queue); the upload code loads on its first file. */
  private queueOf(session: ChatSession): AttachmentQueue {
    if (this.session !== session || !this.queue) {
      this.session = session;
      this.queue = createAttachmentQueue(
        () => session.attachments!(),
        () => session.capabilities.peek()?.attachments,
        session.phase,
      );
    }
    return this.queue;
  }

  /** Takes files from the picker, a drop or a paste; refused ones are told at once with what is allowed. */
  add(session: ChatSession, files: File[], strings: GuestChatStrings): void {
    const s = this.stringsFor(strings);
    const policy = readPolicy(session.capabilities.peek()?.attachments);
    if (!policy || files.length === 0) return;
    const refusals = this.queueOf(session).add(files);
    this.refused.value = refusals.length
      ? [
          ...refusals.map((refusal) => (refusal.reason === 'type' ? s.refusedType : s.refusedSize)(refusal.name)),
          s.allowed(typesLabel(policy), sizeLabel(policy.maxBytes)),
        ]
      : [];
  }

  /** Drag-over, drop and paste on the composer: files are taken only where the chat takes attachments. */
  private handle = (event: Event): void => {
    const { session, strings: s } = this;
    const composer = event.composedPath().find((node) => (node as Element).classList?.contains('composer'));
    if (!composer || !session?.capabilities.peek()?.attachments) return;
    if (event.type === 'paste') {
      const files = [...((event as ClipboardEvent).clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      this.add(session, files, s);
      return;
    }
    const transfer = (event as DragEvent).dataTransfer;
    if (!transfer?.types.includes('Files')) return;
    event.preventDefault();
    if (event.type === 'drop') this.add(session, [...transfer.files], s);
  };

  /** Undefined without files; else whether every file is uploaded, so the message may go. */
  canSend(session: ChatSession): boolean | undefined {
    const uploads = this.queueOf(session).uploads.value;
    return uploads.length ? uploads.every((upload) => upload.state === 'ready') : undefined;
  }

  /** Sends the draft with the files: 0 without files (send text as usual), 1 sent, 2 files still uploading. */
  send(session: ChatSession, draft: string): 0 | 1 | 2 {
    const queue = this.queueOf(session);
    if (!queue.uploads.peek().length) return 0;
    if (!queue.send(draft.trim())) return 2;
    this.refused.value = [];
    return 1;
  }

  /** The button, the hidden picker and the upload rows, inside the composer. */
  composer(session: ChatSession, strings: GuestChatStrings): TemplateResult | typeof nothing {
    this.strings = strings;
    const s = this.stringsFor(strings);
    const policy = readPolicy(session.capabilities.value?.attachments);
    if (!policy) return nothing;
    const queue = this.queueOf(session);
    const uploads = queue.uploads.value;
    const sendFailure = queue.sendFailure.value;
    const refused = this.refused.value;
    return html`<button
        type="button"
        part="attach-button"
        class="icon attach"
        aria-label=${s.attach}
        title=${s.attach}
        @click=${(event: Event) => ((event.currentTarget as HTMLElement).nextElementSibling as HTMLElement).click()}
      >
        ${clipIcon}</button
      ><input
        type="file"
        class="picker"
        multiple
        hidden
        accept=${policy.types.join(',')}
        @change=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          this.add(session, [...(input.files ?? [])], s);
          input.value = '';
        }}
      />${
        uploads.length || refused.length || sendFailure !== null
          ? html`<div class="uploads" part="uploads">
              ${refused.length ? html`<p class="refused" role="alert">${refused.join(' ')}</p>` : nothing}
              ${
                uploads.length
                  ? html`<ul>
                      ${uploads.map((upload) => this.row(queue, upload, s))}
                    </ul>`
                  : nothing
              }
              ${
                sendFailure !== null && uploads.every((upload) => upload.state === 'ready')
                  ? html`<p class="why" role="alert">
                      ${sendFailure ? `${s.failed}: ${reason(s, sendFailure)}` : s.failed}
                      <button type="button" class="retry" @click=${() => queue.send('')}>${s.retry}</button>
                    </p>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  private row(queue: AttachmentQueue, upload: Upload, s: GuestChatStrings & AttachStrings): TemplateResult {
    const { name, size } = upload.file;
    return html`<li class="upload ${upload.state}">
      <span class="name">${name}</span><span class="size">${sizeLabel(size)}</span>
      ${
        upload.state === 'uploading' || upload.state === 'sending'
          ? html`<progress
              max="1"
              .value=${upload.state === 'sending' ? 1 : upload.progress}
              aria-label=${name}
            ></progress>`
          : nothing
      }
      ${
        upload.state === 'failed'
          ? html`<span class="why" role="alert">${s.uploadFailed}: ${reason(s, upload.failure)}</span
              ><button type="button" class="retry" @click=${() => queue.retry(upload.key)}>${s.retry}</button>`
          : nothing
      }
      ${
        upload.state === 'sending'
          ? nothing
          : html`<button
              type="button"
              class="remove"
              aria-label=${s.attachRemove(name)}
              @click=${() => queue.cancel(upload.key)}
            >
              ×
            </button>`
      }
    </li>`;
  }

  /** The files of a transcript entry. */
  entry(session: ChatSession | null, entry: TranscriptEntry, strings: GuestChatStrings): TemplateResult {
    const s = this.stringsFor(strings);
    return html`<div class="files">${(entry.attachments ?? []).map((item) => this.file(session, item, s))}</div>`;
  }

  private file(
    session: ChatSession | null,
    fields: AttachmentFields,
    s: GuestChatStrings & AttachStrings,
  ): TemplateResult | typeof nothing {
    const item = readAttachment(fields);
    // Without an id or an http(s) address there is nothing to show but its name, as text.
    if (!item)
      return typeof fields.filename === 'string' ? html`<span class="file">${fields.filename}</span>` : nothing;
    const href = httpUrl(this.fresh.get(item.id)) ?? item.url;
    const label = s.openFile(item.name);
    const open = (event: MouseEvent) => this.open(event, session, item, href);
    if (item.image) {
      return html`<a class="thumb" href=${href} target="_blank" rel="noopener noreferrer" title=${label} @click=${open}
        ><img src=${href} alt=${item.name} loading="lazy" @error=${() => this.reload(session, item)}
      /></a>`;
    }
    return html`<a
      class="file"
      href=${href}
      target="_blank"
      rel="noopener noreferrer"
      download=${item.name}
      title=${label}
      @click=${open}
      ><span class="name">${item.name}</span
      ><span class="kind">${[typeLabel(item.mime), sizeLabel(item.size)].filter(Boolean).join(' · ')}</span></a
    >`;
  }

  /** A click on an attachment whose address has expired: a fresh one is fetched, then opened in a new tab. */
  private open(event: MouseEvent, session: ChatSession | null, item: TransportAttachment, href: string): void {
    const expiry = expiryOf(href);
    if (!session || expiry === undefined || expiry > Date.now() + 5_000) return;
    event.preventDefault();
    // Opened now, while the click still counts as the visitor's, and cut from this page before it goes anywhere.
    const tab = window.open('about:blank', '_blank');
    if (tab) tab.opener = null;
    void this.refresh(session, item).then(
      (url) => (tab ? (tab.location.href = url) : undefined),
      () => tab?.close(),
    );
  }

  /** A picture that did not load (an address that expired after a reload): one fresh address. */
  private reload(session: ChatSession | null, item: TransportAttachment): void {
    if (!session || this.retried.has(item.id)) return;
    this.retried.add(item.id);
    void this.refresh(session, item).catch(() => {});
  }

  private async refresh(session: ChatSession, item: TransportAttachment): Promise<string> {
    const url = httpUrl(await this.queueOf(session).refresh(item.id));
    if (!url) throw new Error('not an http(s) address');
    this.fresh.set(item.id, url);
    this.host.requestUpdate();
    return url;
  }
}

const attachStyles = css`
  .attach {
    order: -1;
  }
  .uploads {
    order: -2;
    flex-basis: 100%;
    font-size: 0.875em;
  }
  .uploads ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 8px;
    align-items: center;
  }
  .upload .name {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .upload progress {
    inline-size: 72px;
  }
  .upload .why,
  .uploads .why,
  .refused {
    color: var(--_danger);
    margin: 0;
  }
  .upload .why {
    flex-basis: 100%;
  }
  .remove,
  .retry {
    border: 0;
    background: none;
    padding: 2px 6px;
    color: inherit;
    text-decoration: underline;
  }
  .files {
    display: grid;
    gap: 4px;
    justify-items: start;
    white-space: normal;
  }
  .files:not(:first-child) {
    margin-block-start: 6px;
  }
  .thumb {
    display: block;
    inline-size: 180px;
    block-size: 135px;
    border-radius: 12px;
    overflow: hidden;
    background: var(--_surface-alt);
  }
  .thumb img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    display: block;
  }
  .file {
    display: grid;
    max-inline-size: 240px;
    padding: 8px 12px;
    border: 1px solid var(--_muted);
    border-radius: 12px;
    color: inherit;
    text-decoration: none;
  }
  .file .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file .kind {
    font-size: 0.8em;
  }
  .own .thumb {
    background: var(--_surface);
  }
`;
