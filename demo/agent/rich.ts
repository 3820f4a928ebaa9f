/** A `content[]` item of a Web Messaging message, as the agent API's `normalizedMessage` carries it. */
interface ContentItem {
  contentType?: string;
  quickReply?: { text?: string };
  buttonResponse?: { text?: string; payload?: string; type?: string };
  card?: { title?: string };
  carousel?: { cards?: { title?: string }[] };
  datePicker?: { title?: string; availableTimes?: unknown[] };
}

/**
 * What a message's structured content means to the agent, in one line: the visitor's answer (with its payload), or
 * what a bot offered (quick replies, cards, time slots). Undefined for plain text.
 */
export function describeContent(content: ContentItem[] | undefined): { detail: string; answer: boolean } | undefined {
  if (!content?.length) return undefined;
  const answer = content.find((item) => item.buttonResponse)?.buttonResponse;
  if (answer) return { detail: `Answered ${answer.type ?? 'button'} · payload ${answer.payload ?? ''}`, answer: true };
  const parts: string[] = [];
  const replies = content.flatMap((item) => (item.quickReply?.text ? [item.quickReply.text] : []));
  if (replies.length) parts.push(`Quick replies: ${replies.join(' · ')}`);
  const cards = content.flatMap((item) => (item.card ? [item.card] : (item.carousel?.cards ?? [])));
  if (cards.length) parts.push(`Cards: ${cards.map((card) => card.title ?? '?').join(' · ')}`);
  const picker = content.find((item) => item.datePicker)?.datePicker;
  if (picker) parts.push(`Time slots: ${picker.title ?? ''} (${picker.availableTimes?.length ?? 0})`);
  return parts.length ? { detail: parts.join('; '), answer: false } : undefined;
}
