import { checkModule } from './checked-import.js';

/**
 * The Subresource Integrity value of each file the CDN build fetches beside its element file (transports and
 * languages), by path. The CDN build writes them in; in other builds it is empty and nothing is checked, as a
 * bundler serves those files with the site's own code.
 */
export const INTEGRITY: Readonly<Record<string, string>> = {};

/** Resolves once the file at `path` beside this module matches its integrity value (at once when it has none). */
export function checkBeside(path: string): Promise<void> {
  const integrity = Object.hasOwn(INTEGRITY, path) ? INTEGRITY[path] : undefined;
  return integrity ? checkModule(new URL(path, import.meta.url).href, integrity) : Promise.resolve();
}
