import { LAUNCHER_LABEL } from '../launcher.js';

/**
 * The English strings. Every other language is a `Partial` of these, keyed the same way, so a misspelt key or a
 * string where a function belongs fails to compile. Counts and names come in as arguments: each language words its
 * own plurals.
 */
export const en = {
  launcher: LAUNCHER_LABEL,
  unread: (n: number): string => `${n} unread`,
  heading: 'Chat',
  minimise: 'Minimise chat',
  end: 'End chat',
  endAsk: 'End this chat?',
  cancel: 'Cancel',
  intro: 'Tell us who you are and an agent will be with you shortly.',
  name: 'Name',
  email: 'Email',
  subject: 'Subject',
  optional: 'optional',
  start: 'Start chat',
  starting: 'Connecting…',
  nameMissing: 'Enter your name.',
  emailBad: 'Enter an email address like name@example.com.',
  tooLong: (n: number): string => `Use ${n} characters or fewer.`,
  waiting: 'Waiting for an agent…',
  joined: (name: string): string => `${name} joined the chat`,
  gone: (name: string): string => `${name} left the chat`,
  agent: 'Agent',
  you: 'You',
  ended: 'The chat has ended.',
  endedByAgent: 'The agent ended the chat.',
  endedReadOnly: 'The chat has ended. You can read it, but not reply.',
  endedAgentMaySee: 'You left the chat. The agent may still see the conversation.',
  endedExpired: 'The chat has expired.',
  newChat: 'Start a new chat',
  typing: (name: string): string => `${name} is typing…`,
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
  charsLeft: (n: number): string => (n === 1 ? '1 character left' : `${n} characters left`),
  reconnecting: 'Connection lost. Reconnecting…',
  reconnected: 'Connected again.',
  error: 'Something went wrong.',
  offline: 'We could not reach the chat service. Check your connection.',
  unavailable: 'Chat is not available right now.',
  tryAgain: 'Try again',
  messages: 'Messages',
  /** A time of day: `hour` 0-23, `minutes` two digits. */
  time: (hour: number, minutes: string): string => `${hour % 12 || 12}:${minutes} ${hour < 12 ? 'AM' : 'PM'}`,
  earlierEnded: 'Your earlier chat has ended.',
  inProgress: 'chat in progress',
  unsupported: "This message can't be shown here.",
  /** An agent's message of cards without text, for screen readers. */
  sentCards: (name: string, n: number): string => (n === 1 ? `${name} sent a card` : `${name} sent ${n} cards`),
};

/** Every string the widget shows; set some of them through the `strings` property to override them. */
export type GuestChatStrings = typeof en;
