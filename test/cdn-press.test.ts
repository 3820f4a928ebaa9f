import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { loadCdnScript } from './helpers/cdn.js';
import { until } from './helpers/wait.js';

type Element = HTMLElement & { updateComplete: Promise<boolean>; opened: boolean };

describe('CDN bundle, a press across the swap', () => {
  it('opens the panel for a press on the stand-in released on the element that replaced it', async () => {
    const el = document.createElement('guest-chat') as Element;
    document.body.append(el);
    try {
      await loadCdnScript();
      expect(customElements.get('guest-chat')).to.equal(undefined);
      const standIn = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!;
      const box = standIn.getBoundingClientRect();
      const position: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      await sendMouse({ type: 'move', position });
      await sendMouse({ type: 'down' });
      // The press is held while the element's code arrives and its first render replaces the stand-in.
      await customElements.whenDefined('guest-chat');
      await until(() => !standIn.isConnected, 'the element replaces the stand-in');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="launcher"]')).to.not.equal(standIn);
      await sendMouse({ type: 'up' });
      await until(() => el.opened, 'the press opens the panel');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="panel"]')).to.not.equal(null);
    } finally {
      el.remove();
    }
  });
});
