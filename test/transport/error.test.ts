import { expect } from '@open-wc/testing';
import { GuestChatError } from '../../src/transport/guest-chat/error.js';
import { TransportError } from '../../src/transport/types.js';
import { WebMessagingError } from '../../src/transport/web-messaging/error.js';

describe('transport errors', () => {
  it('map Guest Chat wire codes into the closed set of reasons', () => {
    const reason = (status: number, code?: string) =>
      GuestChatError.fromResponse(status, new Headers(), code ? { code } : {}).reason;
    expect(reason(403, 'origin.not.allowed')).to.equal('origin-not-allowed');
    expect(reason(404, 'chat.deployment.not.found')).to.equal('deployment-unavailable');
    expect(reason(400, 'chat.error.invalid.queue')).to.equal('queue-unavailable');
    expect(reason(400, 'chat.error.conversation.state')).to.equal('chat-unavailable');
    expect(reason(503)).to.equal('network');
    expect(GuestChatError.network(new Error('offline')).reason).to.equal('network');
  });

  it('map Web Messaging wire codes into the same reasons', () => {
    expect(WebMessagingError.fromFrame(4006, 'expired').reason).to.equal('chat-unavailable');
    expect(WebMessagingError.fromFrame(429, {}).reason).to.equal('network');
    expect(new WebMessagingError('gone', { code: 'chat.deployment.disabled', retryable: false }).reason).to.equal(
      'deployment-unavailable',
    );
  });

  it('give a plain transport error a reason from whether it may be retried', () => {
    expect(new TransportError('x', { retryable: true }).reason).to.equal('network');
    expect(new TransportError('x', { retryable: false }).reason).to.equal('chat-unavailable');
  });
});
