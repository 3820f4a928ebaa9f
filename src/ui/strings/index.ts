import { checkBeside } from '../internal/integrity.js';
import { en, type GuestChatStrings } from './en.js';

export { en, type GuestChatStrings } from './en.js';

const RTL = new Set(['ar', 'he']);
const cache = new Map<string, GuestChatStrings>([['en', en]]);
const loading = new Map<string, Promise<GuestChatStrings>>();

/**
 * How each language but English is loaded: a file of its own, fetched on first use. The paths are literal so that a
 * bundler which takes in the npm build sees every file and emits it where the code that loads it can find it; the
 * CDN build keeps them as `i18n/{language}.js` beside the script.
 */
const LOADERS: Record<string, () => Promise<{ default: Partial<GuestChatStrings> }>> = {
  fr: () => import('./i18n/fr.js'),
  de: () => import('./i18n/de.js'),
  es: () => import('./i18n/es.js'),
  pt: () => import('./i18n/pt.js'),
  nl: () => import('./i18n/nl.js'),
  ja: () => import('./i18n/ja.js'),
  ar: () => import('./i18n/ar.js'),
  he: () => import('./i18n/he.js'),
};

/** The language codes the widget has strings for. */
export const languages = ['en', ...Object.keys(LOADERS)];

/** The supported language for a BCP 47 tag (`fr-CA` gives `fr`), or null when there is none. */
export function matchLanguage(tag: string): string | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return languages.includes(base) ? base : null;
}

/** The strings of a language if they are loaded already (English always is), else null. */
export function loadedStrings(language: string): GuestChatStrings | null {
  return cache.get(language) ?? null;
}

/**
 * Loads the strings of a supported language. Only English is in the bundle: the others are fetched on first use, so
 * a page pays for the one language it shows. A language that fails to load falls back to English.
 */
export function loadStrings(language: string): Promise<GuestChatStrings> {
  const ready = cache.get(language);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(language);
  const load = LOADERS[language];
  if (!pending && load) {
    // In the CDN build the file runs only once it matched its integrity value.
    pending = checkBeside(`i18n/${language}.js`)
      .then(load)
      .then((module) => {
        const strings = { ...en, ...module.default };
        cache.set(language, strings);
        return strings;
      })
      .catch(() => en)
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending ?? Promise.resolve(en);
}

/** Writing direction of a supported language. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/**
 * A time of day in the visitor's time zone, in the language's way. Plain arithmetic, not `Intl`: the first `Intl`
 * formatter a page makes loads the locale data, which held the main thread for 50-130 ms on the benchmark machine,
 * and the panel would pay that in the task that shows the first message.
 */
export function formatTime(strings: GuestChatStrings, time: number): string {
  const date = new Date(time);
  return strings.time(date.getHours(), String(date.getMinutes()).padStart(2, '0'));
}
