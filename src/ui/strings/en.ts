import { LAUNCHER_LABEL } from '../launcher.js';

/**
 * The English strings, which also fix the key order of the compact translations. The element fills in `{n}` and
 * `{name}`, and in `time`: `{H}` the hour 0-23, `{h}` the hour 1-12, `{mm}` the minutes, `{a}` the `am` or `pm` word.
 */
export const en = {
  launcher: LAUNCHER_LABEL,
  unread: '{n} unread',
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
  tooLong: 'Use {n} characters or fewer.',
  waiting: 'Waiting for an agent…',
  joined: '{name} joined the chat',
  gone: '{name} left the chat',
  agent: 'Agent',
  you: 'You',
  ended: 'The chat has ended.',
  newChat: 'Start a new chat',
  typing: '{name} is typing…',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
  charsLeft: '{n} characters left',
  reconnecting: 'Connection lost. Reconnecting…',
  reconnected: 'Connected again.',
  error: 'Something went wrong.',
  offline: 'We could not reach the chat service. Check your connection.',
  unavailable: 'Chat is not available right now.',
  tryAgain: 'Try again',
  earlier: 'Show earlier messages',
  later: 'Show newer messages',
  messages: 'Messages',
  time: '{h}:{mm} {a}',
  am: 'AM',
  pm: 'PM',
  unsupported: "This message can't be shown here.",
};

/** Every string the widget shows; set some of them through the `strings` property to override them. */
export type GuestChatStrings = typeof en;
