/** The scripts a host's letters may be written in, grouped as a reader sees them (Japanese mixes three). */
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /[\p{Script=Hangul}\p{Script=Han}]/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
];

/** The script group of one label's letters, '' for none (digits, hyphens), or null when it mixes groups. */
function scriptOf(label: string): string | null {
  let found = '';
  for (const char of label) {
    if (/[\d-]/.test(char)) continue;
    const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other';
    if (found && found !== script && !(found === 'Japanese' && script === 'Hangul')) return null;
    found ||= script;
  }
  return found;
}

/**
 * Whether a host as written (Unicode) can be shown as it is, as a browser's address bar would: ASCII, or every
 * label in one script that is Latin (accented names such as `müller.de`) or the script of the top-level domain
 * (`пример.рф`). A label mixing scripts (`раураl.com`: Cyrillic with a Latin `l`) or a whole label in another script
 * under a Latin top-level domain (Cyrillic `раура.com`, a lookalike of `paypa.com`) is shown as punycode instead.
 */
export function hostReadsSafely(host: string): boolean {
  if (/^[\x21-\x7e]*$/.test(host)) return true;
  const labels = host.toLowerCase().split('.');
  const top = scriptOf(labels[labels.length - 1]);
  return labels.every((label) => {
    const script = scriptOf(label);
    return script !== null && (script === '' || script === 'Latin' || script === top);
  });
}
