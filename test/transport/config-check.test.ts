import { expect } from '@open-wc/testing';
import { isEnvironment, isIdLike } from '../../src/transport/config-check.js';
import { socketBelongsTo } from '../../src/transport/guest-chat/saved-state.js';
import { guestChatBaseUrl } from '../../src/transport/guest-chat/environment.js';
import { webMessagingUrls } from '../../src/transport/web-messaging/environment.js';

describe('configuration checks', () => {
  it('takes a bare host name or an http(s) URL as environment', () => {
    for (const value of [
      'mypurecloud.ie',
      'api.mypurecloud.ie',
      'usw2.pure.cloud',
      'https://api.mypurecloud.ie',
      'https://api.mypurecloud.ie/',
      'http://127.0.0.1:8787',
      'HTTP://LocalHost:8787/',
      'https://chat.example.com/proxy/',
    ]) {
      expect(isEnvironment(value), value).to.equal(true);
    }
  });

  it('refuses an environment that could send the chat elsewhere', () => {
    for (const value of [
      'mypurecloud.ie@evil.com',
      'evil.com/x?',
      'https://mypurecloud.ie@evil.com',
      'https://user:pass@mypurecloud.ie',
      'https://mypurecloud.ie/a/../../evil',
      'https://evil.com?x',
      'https://evil.com/x?',
      'https://evil.com#x',
      'https://evil.com\\@mypurecloud.ie',
      'javascript:alert(1)',
      'ftp://mypurecloud.ie',
      'mypurecloud.ie:443',
      '',
    ]) {
      expect(isEnvironment(value), value).to.equal(false);
    }
  });

  it('refuses a bad environment before building any address from it', () => {
    expect(() => guestChatBaseUrl('mypurecloud.ie@evil.com')).to.throw(/environment/);
    expect(() => webMessagingUrls('evil.com/x?', 'dep')).to.throw(/environment/);
  });

  it('takes ids of letters, digits, - and _ only, so .. never reaches a path', () => {
    expect(isIdLike('9a1b7c3d-5e2f-4a60-8b19-2c7d4e6f8a02')).to.equal(true);
    expect(isIdLike('dep_1')).to.equal(true);
    for (const value of ['..', '../x', 'a/b', 'a%2F', 'a.b', '', ' a', 'x'.repeat(129)]) {
      expect(isIdLike(value), value).to.equal(false);
    }
  });

  it("takes a socket address only on the environment's host", () => {
    expect(socketBelongsTo('wss://carrier-pigeon.mypurecloud.ie/v1/token/x', 'mypurecloud.ie')).to.equal(true);
    expect(socketBelongsTo('wss://carrier-pigeon.mypurecloud.ie/v1/token/x', 'https://api.mypurecloud.ie')).to.equal(
      true,
    );
    expect(socketBelongsTo('ws://127.0.0.1:8787/v1/token/x', 'http://127.0.0.1:8787')).to.equal(true);
    for (const [address, environment] of [
      ['wss://evil.com/v1/token/x', 'mypurecloud.ie'],
      ['wss://mypurecloud.ie.evil.com/v1/token/x', 'mypurecloud.ie'],
      ['ws://carrier-pigeon.mypurecloud.ie/v1/token/x', 'mypurecloud.ie'],
      ['wss://user@carrier-pigeon.mypurecloud.ie/v1', 'mypurecloud.ie'],
      ['ws://127.0.0.1:9999/v1/token/x', 'http://127.0.0.1:8787'],
      ['https://carrier-pigeon.mypurecloud.ie/v1', 'mypurecloud.ie'],
      ['not a url', 'mypurecloud.ie'],
    ]) {
      expect(socketBelongsTo(address, environment), address).to.equal(false);
    }
  });
});
