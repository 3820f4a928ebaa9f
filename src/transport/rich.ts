/**
 * Structured content of a message, normalised: what a bot or agent offers the visitor (quick replies, cards, a
 * carousel, time slots) and the visitor's answer to it. Transports turn their wire shapes into these; nothing here
 * knows about the DOM. Every string is untrusted text; `image` and `url` are checked http(s) URLs.
 */

/** A choice the visitor can pick. `payload` is what the bot gets back; `text` is what the visitor sees. */
export interface RichChoice {
  text: string;
  payload: string;
}

/** A button of a card: a link to open in a new tab, or a postback that answers like a quick reply. */
export type RichCardAction =
  { type: 'link'; text: string; url: string } | { type: 'postback'; text: string; payload: string };

/** A card: a title, an optional description and image, and its actions. */
export interface RichCard {
  title: string;
  description?: string;
  /** An http(s) image URL. */
  image?: string;
  /** Where the card itself leads (its default action), an http(s) URL. */
  url?: string;
  actions: RichCardAction[];
}

/** One time the visitor may book. `payload` is the slot's time exactly as the server sent it. */
export interface RichTimeSlot {
  payload: string;
  /** Start, epoch milliseconds. */
  start: number;
  /** Length in seconds, when given. */
  durationSeconds?: number;
}

/** A time-slot picker. */
export interface RichTimeSlots {
  title?: string;
  subtitle?: string;
  slots: RichTimeSlot[];
}

/** What an answer answers: a quick reply, a card's postback button, or a time slot. */
export type RichReplyKind = 'quick-reply' | 'button' | 'time-slot';

/** The visitor's answer to structured content. */
export interface RichReply extends RichChoice {
  kind: RichReplyKind;
  /** The id of the message offering the choice, when known. */
  to?: string;
}

/** The structured content of one message; any mix of these may come together. */
export interface RichContent {
  /** Choices to answer with a tap; offered until the visitor writes anything after this message. */
  quickReplies?: RichChoice[];
  /** Cards, shown side by side in a carousel when `carousel` is set. */
  cards?: RichCard[];
  carousel?: boolean;
  timeSlots?: RichTimeSlots;
  /** Set on the visitor's own messages that answer structured content. */
  reply?: RichReply;
  /** The text is Markdown: the deployment turns Markdown on, and this is an agent's or a bot's message. */
  markdown?: boolean;
  /** Some of the message could not be understood (an unknown content type, an empty message): the visitor is told
   * instead of seeing nothing. */
  unsupported?: boolean;
}
