import { checkBeside } from '../internal/integrity.js';
import { en, type GuestChatStrings } from './en.js';

export { en, type GuestChatStrings } from './en.js';

const RTL = new Set(['ar', 'he']);
const cache = new Map<string, GuestChatStrings>([['en', en]]);
const loading = new Map<string, Promise<GuestChatStrings>>();

/** The language codes the widget has strings for. Each one but English is a file of its own in `i18n/`. */
export const languages = ['en', 'fr', 'de', 'es', 'pt', 'nl', 'ja', 'ar', 'he'];

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
 * Loads the strings of a supported language. Only English is in the bundle: the others are fetched on first use,
 * from `i18n/{language}.js` beside the script (the CDN bundle and the npm build alike), so a page pays for the
 * one language it shows. A language that fails to load falls back to English.
 */
export function loadStrings(language: string): Promise<GuestChatStrings> {
  const ready = cache.get(language);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(language);
  if (!pending) {
    pending = checkBeside(`i18n/${language}.js`)
      .then(() => import(/* @vite-ignore */ new URL(`./i18n/${language}.js`, import.meta.url).href))
      .then((module: { default: string }) => {
        const values = module.default.split('|');
        const strings = { ...en };
        (Object.keys(en) as (keyof GuestChatStrings)[]).forEach((key, index) => {
          if (values[index]) strings[key] = values[index];
        });
        cache.set(language, strings);
        return strings;
      })
      .catch(() => en)
      .finally(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

/** Writing direction of a supported language. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/** Fills the placeholders `values` gives (`{n}`, `{name}`, and the time's); any other text stays as it is. */
export function format(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(n|name|H|h|mm|a)\}/g, (whole, key: string) =>
    key in values ? String(values[key] ?? '') : whole,
  );
}

/**
 * A time of day in the visitor's time zone, in the language's `time` pattern. Plain arithmetic, not `Intl`: the first
 * `Intl` formatter a page makes loads the locale data, which held the main thread for 50-130 ms on the benchmark
 * machine, and the panel would pay that in the task that shows the first message.
 */
export function formatTime(strings: GuestChatStrings, time: number): string {
  const date = new Date(time);
  const hour = date.getHours();
  return format(strings.time, {
    H: hour,
    h: hour % 12 || 12,
    mm: String(date.getMinutes()).padStart(2, '0'),
    a: hour < 12 ? strings.am : strings.pm,
  });
}
