import { checkModule } from './checked-import.js';

/**
 * The Subresource Integrity values of the files the CDN build fetches beside its element file, by path: each
 * transport, and `i18n/integrity.js`, which holds the values of the language files (so the element's file carries
 * three values, not one per language). The CDN build writes them in; in other builds it is empty and nothing is
 * checked, as a bundler serves those files with the site's own code.
 */
export const INTEGRITY: Readonly<Record<string, string>> = {};

const LANGUAGES = 'i18n/integrity.js';
let languages: Promise<Record<string, string>> | null = null;

/** The integrity value of a file beside this module, or undefined when this build checks nothing. */
async function integrityOf(path: string): Promise<string | undefined> {
  if (Object.hasOwn(INTEGRITY, path)) return INTEGRITY[path];
  if (!Object.hasOwn(INTEGRITY, LANGUAGES) || !path.startsWith('i18n/')) return undefined;
  languages ??= checkBeside(LANGUAGES)
    .then(() => import(/* @vite-ignore */ new URL(LANGUAGES, import.meta.url).href))
    .then((module: { default: Record<string, string> }) => module.default)
    .catch((error: unknown) => {
      languages = null;
      throw error;
    });
  // A language the table does not list is refused like a changed one.
  return Object.hasOwn(await languages, path) ? (await languages)[path] : 'sha256-unlisted';
}

/** Resolves once the file at `path` beside this module matches its integrity value (at once when it has none). */
export async function checkBeside(path: string): Promise<void> {
  const integrity = await integrityOf(path);
  if (integrity) await checkModule(new URL(path, import.meta.url).href, integrity);
}
