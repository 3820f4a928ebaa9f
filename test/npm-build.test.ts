import { expect } from '@open-wc/testing';

/** The npm build as a bundler would see it: an ES module with its dependencies as bare imports. */
const load = () => import(/* @vite-ignore */ new URL('/dist/guest-chat.js', location.href).href);

describe('npm build', () => {
  it('exports the element, its definer and the engine without defining anything', async () => {
    const build = await load();
    for (const name of [
      'GuestChatElement',
      'defineGuestChat',
      'createChatSession',
      'createGuestChatTransport',
      'createWebMessagingTransport',
      'TransportError',
      'GuestChatError',
      'WebMessagingError',
    ]) {
      expect(build[name], name).to.be.a('function');
    }
    expect(customElements.get('guest-chat')).to.equal(undefined);
    build.defineGuestChat('npm-guest-chat');
    const Defined = customElements.get('npm-guest-chat')!;
    expect(new Defined()).to.be.instanceOf(build.GuestChatElement);
  });

  it('drives a session without the element', async () => {
    const { createChatSession, createGuestChatTransport } = await load();
    const session = createChatSession({
      transport: createGuestChatTransport({
        environment: 'http://127.0.0.1:1',
        organizationId: 'o',
        deploymentId: 'd',
      }),
      queue: 'Support',
      storage: null,
    });
    expect(session.phase.value).to.equal('idle');
    await session.start({ displayName: 'Vi' });
    expect(session.phase.value).to.equal('error');
    expect(session.notice.value?.code).to.be.a('string');
    session.dispose();
  });
});
