import { expect } from '@open-wc/testing';
import { GuestChatError } from '../../../src/transport/guest-chat/error.js';

describe('Guest Chat errors', () => {
  it("reads the server's filled-in message, never its template", () => {
    const body = {
      message: 'The queue [{fieldValue}] is not valid',
      code: 'chat.error.invalid.queue',
      status: 400,
      messageWithParams: 'The queue [Sales] is not valid',
      messageParams: { fieldName: 'targetAddress', fieldValue: 'Sales' },
    };
    expect(GuestChatError.fromResponse(400, new Headers(), body).message).to.equal('The queue [Sales] is not valid');
  });

  it('fills the template from messageParams when messageWithParams is missing', () => {
    const body = {
      message: 'The queue [{fieldValue}] is not valid',
      code: 'chat.error.invalid.queue',
      messageParams: { fieldValue: 'Sales' },
    };
    expect(GuestChatError.fromResponse(400, new Headers(), body).message).to.equal('The queue [Sales] is not valid');
  });

  it('leaves a placeholder with no parameter as written, and takes no inherited member as one', () => {
    const body = { message: 'Bad {constructor} and {fieldName}', messageParams: { fieldName: 'queue' } };
    expect(GuestChatError.fromResponse(400, new Headers(), body).message).to.equal('Bad {constructor} and queue');
  });
});
