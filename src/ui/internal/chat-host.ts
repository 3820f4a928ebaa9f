import { svg, type ReactiveControllerHost } from 'lit';
import type { MemberInfo } from '../../transport/types.js';
import type { GuestChatStrings } from '../strings/index.js';
import type { FieldSpec } from './attributes.js';

/** What the panel's views need of the element: its public API, and what it normalised from its attributes. */
export interface ChatHost extends ReactiveControllerHost, HTMLElement {
  opened: boolean;
  heading: string;
  displayName: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  close(): void;
  start(memberInfo: MemberInfo): Promise<void>;
  send(text: string): string | null;
  end(): Promise<void>;
}

/** What the element made of its attributes at its last update, shared with its views. */
export interface UiState {
  s: GuestChatStrings;
  language: string;
  fields: FieldSpec[];
  custom: Record<string, string>;
}

/** Once the host has rendered, focuses the first element that matches one of `selectors`, in their order. */
export function focusFirst(host: ChatHost, ...selectors: string[]): void {
  void host.updateComplete.then(() => {
    for (const selector of selectors) {
      const target = host.renderRoot.querySelector<HTMLElement>(selector);
      if (target) return target.focus();
    }
  });
}

/** Focuses what the panel shows first: the form's first invalid or first field, the composer, or a button. */
export function focusPanel(host: ChatHost): void {
  focusFirst(
    host,
    '.prechat input[aria-invalid="true"], .prechat input',
    '.composer textarea, .bar button, .center button',
    '.minimise',
  );
}

/** A 24px icon of one path, hidden from assistive technology (its button has the name). */
export const icon = (path: string) => svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${path} /></svg>`;
