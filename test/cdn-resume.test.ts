import { expect } from '@open-wc/testing';
import { loadCdnScript } from './helpers/cdn.js';

// A page of its own: what the CDN script does before the element's code arrives.
describe('CDN bundle: a chat to resume', () => {
  it('fetches the element at once, without waiting for an idle moment, when a chat from an earlier page is kept', async () => {
    // This page never goes idle for the script: only a kept chat can make it fetch the element.
    const idle = window.requestIdleCallback;
    window.requestIdleCallback = () => 0;
    sessionStorage.setItem('guest-chat:dep-1', JSON.stringify({ version: 1, transport: { kind: 'guest-chat' } }));
    const el = document.createElement('guest-chat');
    for (const [name, value] of Object.entries({
      'deployment-id': 'dep-1',
      environment: 'http://127.0.0.1:1',
      'organization-id': 'o',
      queue: 'q',
    })) {
      el.setAttribute(name, value);
    }
    document.body.append(el);
    try {
      await loadCdnScript();
      await customElements.whenDefined('guest-chat');
      expect(customElements.get('guest-chat')).to.be.a('function');
    } finally {
      el.remove();
      sessionStorage.clear();
      window.requestIdleCallback = idle;
    }
  });
});
