import { expect } from '@open-wc/testing';
import { loadCdnScript } from './helpers/cdn.js';
import { until } from './helpers/wait.js';

// A page of its own: the stand-in launcher exists only until the element's code arrives.
describe('CDN bundle: the stand-in launcher', () => {
  it('keeps the focus on the launcher when the element takes its place', async () => {
    const el = document.createElement('guest-chat') as HTMLElement & { updateComplete: Promise<boolean> };
    document.body.append(el);
    try {
      await loadCdnScript();
      const standIn = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!;
      standIn.focus();
      expect(el.shadowRoot!.activeElement === standIn, 'the stand-in has the focus').to.equal(true);
      await customElements.whenDefined('guest-chat');
      // The element's first render comes in a task of its own after it is defined.
      await until(() => !standIn.isConnected, 'the element renders its own launcher');
      const launcher = el.shadowRoot!.querySelector('[part~="launcher"]');
      expect(launcher, 'the element rendered its own launcher').to.not.equal(null);
      expect(el.shadowRoot!.activeElement === launcher, 'the launcher has the focus').to.equal(true);
    } finally {
      el.remove();
    }
  });
});
