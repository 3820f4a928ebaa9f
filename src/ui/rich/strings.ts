import type { GuestChatStrings } from '../strings/index.js';

/**
 * The strings only rich messages show, in every language the widget speaks. They live with the renderers, which load
 * only when a rich message shows, so a chat without one never fetches them. A site overrides them through the
 * element's `strings` property like any other string.
 */
export interface RichStrings {
  /** Accessible name of a group of quick replies. */
  replies: string;
  /** Accessible name of a carousel. */
  cards: string;
  /** Which card of a carousel is shown. */
  cardOf: (n: number, total: number) => string;
  /** The carousel's buttons. */
  previous: string;
  next: string;
  /** Heading of a time-slot picker that has no title of its own. */
  times: string;
}

const table: Record<string, RichStrings> = {
  en: {
    replies: 'Suggested replies',
    cards: 'Cards',
    cardOf: (n, total) => `Card ${n} of ${total}`,
    previous: 'Previous',
    next: 'Next',
    times: 'Available times',
  },
  fr: {
    replies: 'Réponses suggérées',
    cards: 'Cartes',
    cardOf: (n, total) => `Carte ${n} sur ${total}`,
    previous: 'Précédente',
    next: 'Suivante',
    times: 'Créneaux disponibles',
  },
  de: {
    replies: 'Antwortvorschläge',
    cards: 'Karten',
    cardOf: (n, total) => `Karte ${n} von ${total}`,
    previous: 'Zurück',
    next: 'Weiter',
    times: 'Freie Termine',
  },
  es: {
    replies: 'Respuestas sugeridas',
    cards: 'Tarjetas',
    cardOf: (n, total) => `Tarjeta ${n} de ${total}`,
    previous: 'Anterior',
    next: 'Siguiente',
    times: 'Horarios disponibles',
  },
  pt: {
    replies: 'Respostas sugeridas',
    cards: 'Cartões',
    cardOf: (n, total) => `Cartão ${n} de ${total}`,
    previous: 'Anterior',
    next: 'Seguinte',
    times: 'Horários disponíveis',
  },
  nl: {
    replies: 'Voorgestelde antwoorden',
    cards: 'Kaarten',
    cardOf: (n, total) => `Kaart ${n} van ${total}`,
    previous: 'Vorige',
    next: 'Volgende',
    times: 'Beschikbare tijden',
  },
  ja: {
    replies: '返信の候補',
    cards: 'カード',
    cardOf: (n, total) => `カード ${n}/${total}`,
    previous: '前へ',
    next: '次へ',
    times: '予約可能な時間',
  },
  ar: {
    replies: 'ردود مقترحة',
    cards: 'بطاقات',
    cardOf: (n, total) => `البطاقة ${n} من ${total}`,
    previous: 'السابق',
    next: 'التالي',
    times: 'الأوقات المتاحة',
  },
  he: {
    replies: 'תשובות מוצעות',
    cards: 'כרטיסים',
    cardOf: (n, total) => `כרטיס ${n} מתוך ${total}`,
    previous: 'הקודם',
    next: 'הבא',
    times: 'מועדים פנויים',
  },
};

/** The element's strings with the rich messages' ones of `language`; a site's own overrides win. */
export function richStrings(language: string, strings: GuestChatStrings): GuestChatStrings & RichStrings {
  return { ...table.en, ...table[language], ...strings };
}
