import { TRANSPORTS } from './helpers/chat.js';
import { runFaultyConversation } from './helpers/conversation.js';

for (const transport of TRANSPORTS) {
  describe(`a conversation through faults keeps every message in order (${transport.name})`, function () {
    this.timeout(120_000);

    it('drops the socket 4 times in 60 messages, loses heartbeats, fails sends with 500 and 429, answers slowly: the transcript is the log', async () => {
      await runFaultyConversation(transport, { messages: 60, drops: 4, slowMessages: 3 });
    });
  });
}
