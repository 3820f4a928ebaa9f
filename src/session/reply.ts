import type { RichChoice, RichContent, RichReply } from '../transport/rich.js';

/**
 * The answer `choice` makes to a message's content: one of its quick replies, a postback button of one of its cards,
 * or one of its time slots, matched by payload (and by text too where the content offers the same payload twice).
 * The visitor's message shows the offered text; a time slot shows the text the caller gives (the UI words it in the
 * visitor's language), else the slot as sent. Throws when the content offers no such choice.
 */
export function answerFor(content: RichContent | undefined, choice: RichChoice, to: string): RichReply {
  const offered: RichReply[] = [
    ...(content?.quickReplies ?? []).map((quick) => ({ ...quick, kind: 'quick-reply' as const, to })),
    ...(content?.cards ?? []).flatMap((card) =>
      card.actions.flatMap((action) =>
        action.type === 'postback' ? [{ text: action.text, payload: action.payload, kind: 'button' as const, to }] : [],
      ),
    ),
    ...(content?.timeSlots?.slots ?? []).map(({ payload }) => ({
      text: choice.text.trim() || payload,
      payload,
      kind: 'time-slot' as const,
      to,
    })),
  ];
  const same = (reply: RichReply) => reply.payload === choice.payload;
  const found = offered.find((reply) => same(reply) && reply.text === choice.text) ?? offered.find(same);
  if (!found) throw new Error(`Message ${to} offers no choice with payload ${JSON.stringify(choice.payload)}`);
  return found;
}
