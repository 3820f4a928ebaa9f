/**
 * Where a build that checks its files puts the check: the CDN build's element installs one that refuses a file not
 * matching its integrity value, and each lazy import (in the transports, the chat engine and the element's lazy parts)
 * goes through it, naming the file it fetches in that build. Left unset, as in the npm build (where a bundler serves
 * those files with the site's own code), nothing is checked. A hook here rather than an import of the check, because
 * the check lives with the UI, which the transports and the engine do not import.
 */
let check: ((path: string) => Promise<void>) | undefined;

/** Installs the check every later {@link loadChecked} goes through. */
export function setFileCheck(checker: (path: string) => Promise<void>): void {
  check = checker;
}

/** Runs `load` (a dynamic import) once the CDN build's file at `path` passed the check, or at once with none. */
export function loadChecked<T>(path: string, load: () => Promise<T>): Promise<T> {
  return check ? check(path).then(load) : load();
}
