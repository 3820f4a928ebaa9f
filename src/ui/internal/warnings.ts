import { checkBeside } from './integrity.js';
import type { WARNINGS } from './config-problems.js';

/** Every developer warning by code, with what it takes. */
export type Warnings = typeof WARNINGS;

/** Where the CDN build keeps the warnings' words, beside the element's file. */
export const WARNINGS_FILE = 'chunks/config-problems.js';

let words: Promise<Warnings> | undefined;

/**
 * Tells a site's developer on the console what to fix, once per key for one element. The words only matter on a page
 * with something to fix, so they are fetched when the first warning is due: a warning shows a moment after its
 * problem is found, and a working chat never downloads them. Warnings keep the order they were given in.
 */
export class DevWarnings {
  private _told = new Set<string>();

  /** Warns about `code` with its values, unless this element already warned under `key`. */
  warn<C extends keyof Warnings>(key: string, code: C, ...values: Parameters<Warnings[C]>): void {
    if (this._told.has(key)) return;
    this._told.add(key);
    words ??= checkBeside(WARNINGS_FILE)
      .then(() => import('./config-problems.js'))
      .then((module) => module.WARNINGS);
    words.then(
      (table) => console.warn(`<guest-chat> ${(table[code] as (...args: typeof values) => string)(...values)}`),
      // Without its words (the file was refused or unreachable) the warning still names what to check.
      () => console.warn(`<guest-chat> ${key}`),
    );
  }
}
