// The transcript both widgets are given: the same texts, alternating between the agent and the visitor, each
// carrying a unique token so the runner can tell when a given message is on screen.

const AGENT_LINES = [
  'Thanks for waiting. Let me check your account for you.',
  'I can see the reading you sent on the 20th; the bill used an estimate instead.',
  'You can see the details at https://example.com/help/billing any time.',
  'I have asked for the bill to be reissued with your actual reading.',
];
const VISITOR_LINES = [
  'Hello, my last bill looks estimated.',
  'Yes, I sent a meter reading last week.',
  'Great, how long will that take?',
  'Thank you, that helps a lot!',
];

/** Text of the `index`th message of a transcript; `tag` makes it unique and findable: `(tag)` ends it. */
export function messageText(index, tag) {
  const lines = index % 2 === 0 ? AGENT_LINES : VISITOR_LINES;
  return `${lines[Math.floor(index / 2) % lines.length]} (${tag})`;
}

/** Whether the `index`th message of a transcript is the agent's (else the visitor's). */
export const fromAgent = (index) => index % 2 === 0;

/** The transcript of `count` messages in deep-chat's `history` format. */
export function deepChatHistory(count) {
  return Array.from({ length: count }, (_, index) => ({
    role: fromAgent(index) ? 'ai' : 'user',
    text: messageText(index, `m${index}`),
  }));
}
