import { expect } from '@open-wc/testing';

/** Loads the built CDN bundle with a plain script tag, as a host page would. */
function loadCdnScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dist/guest-chat.min.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('CDN bundle failed to load'));
    document.head.append(script);
  });
}

describe('CDN bundle', () => {
  it('defines <guest-chat> when loaded with a script tag', async () => {
    expect(customElements.get('guest-chat')).to.equal(undefined);
    await loadCdnScript();
    expect(customElements.get('guest-chat')).to.be.a('function');
    const el = document.createElement('guest-chat');
    document.body.append(el);
    await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(el.shadowRoot?.querySelector('[part~="launcher"]')).to.exist;
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
    const el = document.createElement('guest-chat');
    el.setAttribute('lang', 'fr');
    document.body.append(el);
    try {
      const launcher = () => el.shadowRoot?.querySelector('[part~="launcher"]')?.getAttribute('aria-label');
      for (let i = 0; i < 100 && launcher() !== 'Discuter avec nous'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(launcher()).to.equal('Discuter avec nous');
    } finally {
      el.remove();
    }
  });

  it('fetches the transport code beside the script only when a visitor starts a chat', async () => {
    await loadCdnScript();
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
      await new Promise((resolve) => setTimeout(resolve, 50));
      const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(fetched.filter((name) => name.includes('/dist/transport/'))).to.deep.equal([]);
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
