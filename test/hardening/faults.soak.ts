// `npm run soak`: the conversation of faults.test.ts at full length. Not part of `npm test`; prints its figures.
import { TRANSPORTS } from './helpers/chat.js';
import { runFaultyConversation } from './helpers/conversation.js';

for (const transport of TRANSPORTS) {
  describe(`soak: a long conversation through faults (${transport.name})`, function () {
    this.timeout(900_000);

    it('drops the socket 20 times in 500 messages, loses heartbeats, fails sends with 500 and 429, answers slowly: the transcript is the log', async () => {
      const figures = await runFaultyConversation(transport, { messages: 500, drops: 20, slowMessages: 10 });
      console.log(`soak ${JSON.stringify(figures)}`);
    });
  });
}
