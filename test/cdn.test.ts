import { expect } from '@open-wc/testing';
import { loadCdnScript } from './helpers/cdn.js';
import { until } from './helpers/wait.js';

type Element = HTMLElement & { updateComplete: Promise<boolean>; opened: boolean; open(): void };

/** Resolves once the element's code, which the CDN script fetches after painting its stand-in, is defined. */
const defined = () => customElements.whenDefined('guest-chat');

describe('CDN bundle', () => {
  it('paints a stand-in launcher at once, then the element takes its place and answers a click made before', async () => {
    expect(customElements.get('guest-chat')).to.equal(undefined);
    const clicked = document.createElement('guest-chat') as Element;
    clicked.setAttribute('launcher-label', 'Talk to us');
    const left = document.createElement('guest-chat') as Element;
    left.setAttribute('position', 'bottom-left');
    document.body.append(clicked, left);
    const opened: Event[] = [];
    clicked.addEventListener('guest-chat-open', (event) => opened.push(event));
    try {
      await loadCdnScript();
      // The script has run; the element's code has not arrived yet, and the launchers are already there.
      expect(customElements.get('guest-chat')).to.equal(undefined);
      const standIn = clicked.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!;
      expect(standIn.getAttribute('aria-label')).to.equal('Talk to us');
      expect(standIn.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(left.shadowRoot!.querySelector('.root')!.classList.contains('left')).to.equal(true);
      standIn.click();

      await defined();
      // Defined, its first render still to come in a task of its own: the stand-in stays on screen until then.
      expect(
        clicked.shadowRoot!.querySelector('[part~="launcher"]') === standIn,
        'the stand-in is still there',
      ).to.equal(true);
      expect(standIn.getBoundingClientRect().width).to.be.greaterThan(0);
      await until(() => clicked.opened, 'the click on the stand-in opens the panel');
      await clicked.updateComplete;
      expect(opened.length).to.equal(1);
      expect(
        clicked.shadowRoot!.querySelectorAll('[part~="launcher"]').length,
        "one launcher, the element's own",
      ).to.equal(1);
      const panel = clicked.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]');
      expect(panel !== null, 'the panel is shown').to.equal(true);
      expect(getComputedStyle(panel!).display, "the panel's styles came with the element").to.equal('flex');
      expect(left.shadowRoot!.querySelectorAll('.root.left [part~="launcher"]').length).to.equal(1);
    } finally {
      clicked.remove();
      left.remove();
    }
  });

  it('defines <guest-chat> for elements added later', async () => {
    await loadCdnScript();
    await defined();
    const el = document.createElement('guest-chat') as Element;
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot?.querySelectorAll('[part~="launcher"]').length).to.equal(1);
    // The launcher's styles come from the script, which holds them for its stand-ins, not from the element's file.
    const launcher = el.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!;
    expect(getComputedStyle(launcher).borderTopLeftRadius).to.equal('50%');
    expect(launcher.getBoundingClientRect().width).to.equal(56);
    el.remove();
  });

  it('can be loaded a second time without throwing', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
    window.addEventListener('error', onError);
    try {
      await loadCdnScript();
      await loadCdnScript();
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(customElements.get('guest-chat')).to.be.a('function');
  });

  it('fetches the strings of the page language from beside the script', async () => {
    await loadCdnScript();
    await defined();
    const el = document.createElement('guest-chat');
    el.setAttribute('lang', 'fr');
    document.body.append(el);
    try {
      const launcher = () => el.shadowRoot?.querySelector('[part~="launcher"]')?.getAttribute('aria-label');
      await until(() => launcher() === 'Discuter avec nous', 'the launcher is labelled in French');
    } finally {
      el.remove();
    }
  });

  it('fetches the transport code beside the script only when a visitor starts a chat', async () => {
    await loadCdnScript();
    await defined();
    const el = document.createElement('guest-chat');
    for (const [name, value] of Object.entries({
      environment: 'http://127.0.0.1:1',
      'organization-id': 'org',
      'deployment-id': 'dep',
      queue: 'support',
    })) {
      el.setAttribute(name, value);
    }
    document.body.append(el);
    try {
      await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      (el as HTMLElement & { open(): void }).open();
      // The panel with its pre-chat form is all a visitor sees before starting; nothing more is loaded for it.
      await until(() => el.shadowRoot?.querySelector('[part~="prechat"]'), 'the pre-chat form shows');
      const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(fetched.filter((name) => /\/dist\/transport\/(guest-chat|web-messaging)\.js$/.test(name))).to.deep.equal(
        [],
      );
      // Starting fetches it, from beside the script (the chat itself then fails: nothing listens there).
      await (el as HTMLElement & { start(info: { displayName: string }): Promise<void> })
        .start({ displayName: 'Vi' })
        .catch(() => undefined);
      const after = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(after).to.include('/dist/transport/guest-chat.js');
    } finally {
      el.remove();
    }
  });
});
