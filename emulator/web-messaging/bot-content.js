// What the echo bot sends on Web Messaging besides its echo: structured content a Genesys bot flow sends (quick
// replies, a carousel of cards, a time-slot picker), in the wire shapes of `content[]`, and what it says back to the
// guest's answers (`ButtonResponse`). Words the guest writes: "menu", "cards", "book".

/** @typedef {{text: string, content?: object[]}} BotMessage */

/** The greeting's hint of what the bot can show, on Web Messaging only (Guest Chat has no structured messages). */
export const RICH_HINT = 'Write menu, cards or book to see rich messages.';

/**
 * A small SVG picture the emulator serves for the bot's cards (`GET /emulator/images/{name}.svg`).
 * @param {string} name
 */
export function cardImage(name) {
  const colours = { starter: '#2e7d32', plus: '#1a5fd0', pro: '#8e24aa' };
  const fill = colours[/** @type {keyof typeof colours} */ (name)];
  if (!fill) return undefined;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180"><rect width="320" height="180" fill="${fill}"/><circle cx="250" cy="50" r="70" fill="#fff" opacity=".18"/><circle cx="60" cy="170" r="90" fill="#fff" opacity=".12"/></svg>`;
}

/**
 * @param {string} title
 * @param {string} description
 * @param {string} image
 */
const card = (title, description, image) => ({
  title,
  description,
  image,
  actions: [
    { type: 'Postback', text: `Choose ${title}`, payload: `PLAN_${title.toUpperCase()}` },
    { type: 'Link', text: 'Details', url: `https://example.com/plans/${title.toLowerCase()}` },
  ],
});

/**
 * Three bookable times on each of the next two days, on the hour in UTC.
 * @param {number} now  epoch ms
 */
function availableTimes(now) {
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  return [1, 2].flatMap((offset) =>
    [9, 11, 14].map((hour) => ({
      dateTime: new Date(day.getTime() + offset * 86_400_000 + hour * 3_600_000).toISOString(),
      duration: 1800,
    })),
  );
}

/**
 * The bot's answer to a guest message on Web Messaging, or null for the plain echo.
 * @param {string} text  the guest's text (an answer's button text)
 * @param {unknown[] | undefined} content  the guest message's `content[]`
 * @param {string} baseUrl  where the emulator serves its pictures
 * @returns {BotMessage | null}
 */
export function botContent(text, content, baseUrl) {
  const answer = /** @type {any} */ (
    content?.find((item) => /** @type {any} */ (item)?.contentType === 'ButtonResponse')
  )?.buttonResponse;
  if (answer) return { text: `You chose: ${answer.text} (${answer.payload})` };
  switch (text.trim().toLowerCase()) {
    case 'menu':
      return {
        text: 'What can I help you with?',
        content: [
          ['Track my order', 'TRACK'],
          ['Opening hours', 'HOURS'],
          ['Talk to a person', 'AGENT'],
        ].map(([label, payload]) => ({
          contentType: 'QuickReply',
          quickReply: { text: label, payload, action: 'Message' },
        })),
      };
    case 'cards':
      return {
        text: 'Here are our plans:',
        content: [
          {
            contentType: 'Carousel',
            carousel: {
              cards: [
                card(
                  'Starter',
                  'Everything to begin with, free for a month.',
                  `${baseUrl}/emulator/images/starter.svg`,
                ),
                card('Plus', 'More seats and priority answers.', `${baseUrl}/emulator/images/plus.svg`),
                card('Pro', 'Unlimited seats and a named adviser.', `${baseUrl}/emulator/images/pro.svg`),
              ],
            },
          },
        ],
      };
    case 'book':
      return {
        text: '',
        content: [
          {
            contentType: 'DatePicker',
            datePicker: {
              title: 'Book a call',
              subtitle: 'Pick a time that suits you.',
              availableTimes: availableTimes(Date.now()),
            },
          },
        ],
      };
    default:
      return null;
  }
}
