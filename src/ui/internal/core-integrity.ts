/**
 * The Subresource Integrity value of the element's file, written in by the CDN build: the script refuses a file that
 * does not match. Undefined in a build that does not write it.
 */
export const CORE_INTEGRITY: string | undefined = undefined;
