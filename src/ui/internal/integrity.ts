import type { checkModule } from './checked-import.js';

/**
 * The Subresource Integrity values of the files the CDN build fetches beside its element file, by path: each
 * transport, and `i18n/integrity.js`, the manifest of every other file it may fetch (language files, rich messages,
 * attachments, what those share), so the element's file carries three values, not one per file. The CDN build writes
 * them in; in other builds it is empty and nothing is checked, as a bundler serves those files with the site's own
 * code.
 */
export const INTEGRITY: Readonly<Record<string, string>> = {};

const MANIFEST = 'i18n/integrity.js';
/**
 * The check itself, which the CDN script hands over when it defines the element: it holds one already, having checked
 * this file with it, so the element's file does not carry a second copy. Only that build has values to check; were it
 * missing, each check would reject and every file be refused, as a changed one is.
 */
let check: typeof checkModule;

/** Takes the CDN script's module check for every later {@link checkBeside}. */
export function useModuleCheck(checker: typeof checkModule): void {
  check = checker;
}
/** The manifest once checked and loaded: for each file, its value, then every file it imports but the element's. */
let listed: Record<string, string[]> = {};
let manifest: Promise<unknown> | null = null;
/** Each file's check, kept once it passed: a module checked and run stays in the page's module map. */
const checks = new Map<string, Promise<void>>();

const beside = (path: string): string => new URL(path, import.meta.url).href;

/** The value of a file the table or the loaded manifest lists; a file neither lists is refused like a changed one. */
const valueOf = (path: string): string => INTEGRITY[path] ?? listed[path]?.[0] ?? 'sha256-unlisted';

function checkOnce(path: string): Promise<void> {
  let pending = checks.get(path);
  if (!pending) {
    pending = check(beside(path), valueOf(path));
    checks.set(path, pending);
    pending.catch(() => checks.delete(path));
  }
  return pending;
}

/**
 * Resolves once the file at `path` beside this module matches its integrity value, and so does each file it imports:
 * the browser fetches a module's imports with no check unless they are in the module map already, so each is checked
 * first, all at once. At once when this build checks nothing.
 */
export async function checkBeside(path: string): Promise<void> {
  if (!Object.hasOwn(INTEGRITY, path)) {
    if (!Object.hasOwn(INTEGRITY, MANIFEST)) return;
    manifest ??= checkOnce(MANIFEST)
      .then(() => import(/* @vite-ignore */ beside(MANIFEST)))
      .then((module: { default: Record<string, string[]> }) => (listed = module.default))
      .catch((error: unknown) => {
        manifest = null;
        throw error;
      });
    await manifest;
  }
  await Promise.all([...(listed[path]?.slice(1) ?? []), path].map(checkOnce));
}
