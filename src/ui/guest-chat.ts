import { LitElement, css, html } from 'lit';

/**
 * A customer chat widget for Genesys Cloud contact centres.
 *
 * @summary Launcher button and chat panel for a visitor's live chat with an agent.
 * @csspart launcher - The button that opens the chat panel.
 */
export class GuestChatElement extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: auto 20px 20px auto;
      z-index: var(--guest-chat-z-index, 2147483000);
    }
    button {
      inline-size: var(--guest-chat-launcher-size, 56px);
      block-size: var(--guest-chat-launcher-size, 56px);
      border-radius: 50%;
      border: none;
      background: var(--guest-chat-accent, #1a5fd0);
      color: #fff;
      font: inherit;
      cursor: pointer;
    }
  `;

  protected override render() {
    return html`<button part="launcher" type="button" aria-label="Chat with us">?</button>`;
  }
}
