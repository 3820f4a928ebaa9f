import { expect } from '@open-wc/testing';
import { guestChatBaseUrl } from '../../../src/transport/guest-chat/index.js';

describe('guestChatBaseUrl', () => {
  it('turns every spelling of a region host into https://api.{host}', () => {
    for (const environment of [
      'mypurecloud.ie',
      'api.mypurecloud.ie',
      'https://api.mypurecloud.ie',
      'http://mypurecloud.ie/',
    ]) {
      expect(guestChatBaseUrl(environment)).to.equal('https://api.mypurecloud.ie');
    }
    expect(guestChatBaseUrl('usw2.pure.cloud')).to.equal('https://api.usw2.pure.cloud');
  });

  it('uses a full URL on another host as it is', () => {
    expect(guestChatBaseUrl('http://127.0.0.1:8787')).to.equal('http://127.0.0.1:8787');
    expect(guestChatBaseUrl('https://chat.example.com/proxy/')).to.equal('https://chat.example.com/proxy');
  });
});
