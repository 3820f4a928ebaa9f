/**
 * Wraps text from the other side (an agent's name) in Unicode's first-strong isolate (U+2068 ... U+2069), so it takes
 * its direction from its own letters and cannot reorder the widget's words around it: a right-to-left override in a
 * name ends at the isolate's end instead of reversing "joined the chat". Used where the text ends up in a string
 * (notices, labels, announcements); elements get `dir="auto"` instead.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
