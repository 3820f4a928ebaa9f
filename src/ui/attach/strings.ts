import { loadChecked } from '../../core/checked-load.js';
import type { GuestChatStrings } from '../strings/index.js';

/**
 * The attachment UI's English strings. They travel with its lazily loaded code rather than in every chat, and each
 * other language is a small file of its own (`i18n/`), fetched when first shown; a site overrides them through the
 * element's `strings` property like any other string.
 */
export const attachEn = {
  attach: 'Attach a file',
  attachRemove: (name: string): string => `Remove ${name}`,
  refusedType: (name: string): string => `${name} cannot be sent: that type of file is not accepted.`,
  refusedSize: (name: string): string => `${name} cannot be sent: it is too large.`,
  allowed: (types: string, size: string): string => `You can send ${types} files up to ${size}.`,
  uploadFailed: 'Not uploaded',
  failType: 'That type of file is not accepted.',
  failSize: 'The file is too large.',
  failFile: 'The file was not accepted.',
  failExpired: 'The file expired before it was sent.',
  failDrop: 'The upload was interrupted.',
  openFile: (name: string): string => `Open ${name}`,
};

/** The attachment UI's strings. */
export type AttachStrings = typeof attachEn;

const translations: Record<string, () => Promise<{ default: AttachStrings }>> = {
  fr: () => import('./i18n/fr.js'),
  de: () => import('./i18n/de.js'),
  es: () => import('./i18n/es.js'),
  pt: () => import('./i18n/pt.js'),
  nl: () => import('./i18n/nl.js'),
  ja: () => import('./i18n/ja.js'),
  ar: () => import('./i18n/ar.js'),
  he: () => import('./i18n/he.js'),
};
const loaded = new Map<string, AttachStrings>([['en', attachEn]]);
const loading = new Set<string>();

/**
 * The element's strings with the attachment UI's in `language`: English until that language's file has arrived (then
 * `onLoad` runs, once), and the element's own `strings` over both.
 */
export function withAttachStrings(
  strings: GuestChatStrings,
  language: string,
  onLoad: () => void,
): GuestChatStrings & AttachStrings {
  const load = translations[language];
  if (!loaded.has(language) && load && !loading.has(language)) {
    loading.add(language);
    loadChecked(`chunks/attach-${language}.js`, load).then(
      (module) => {
        loaded.set(language, module.default);
        onLoad();
      },
      // A language that fails to load stays English; the next page view tries again.
      () => loaded.set(language, attachEn),
    );
  }
  return { ...(loaded.get(language) ?? attachEn), ...strings };
}
