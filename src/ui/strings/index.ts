import { en, type GuestChatStrings } from './en.js';
import { translations } from './translations.js';

export { en, type GuestChatStrings } from './en.js';

const RTL = new Set(['ar', 'he']);
const cache = new Map<string, GuestChatStrings>([['en', en]]);

/** The language codes the widget has strings for. */
export const languages = ['en', ...Object.keys(translations)];

/** The supported language for a BCP 47 tag (`fr-CA` gives `fr`), or null when there is none. */
export function matchLanguage(tag: string): string | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return languages.includes(base) ? base : null;
}

/** The strings of a supported language, built on first use. */
export function stringsFor(language: string): GuestChatStrings {
  let strings = cache.get(language);
  if (!strings) {
    const values = (translations[language] ?? '').split('|');
    const keys = Object.keys(en) as (keyof GuestChatStrings)[];
    strings = { ...en };
    keys.forEach((key, index) => {
      if (values[index]) strings![key] = values[index];
    });
    cache.set(language, strings);
  }
  return strings;
}

/** Writing direction of a supported language. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/** Fills `{n}` and `{name}` placeholders. */
export function format(template: string, values: { n?: number; name?: string }): string {
  return template.replace(/\{(n|name)\}/g, (_, key: 'n' | 'name') => String(values[key] ?? ''));
}
