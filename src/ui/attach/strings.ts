import type { GuestChatStrings } from '../strings/index.js';

/**
 * The attachment UI's English strings. They travel with its lazily loaded code rather than in every chat; a site
 * overrides or translates them through the element's `strings` property like any other string.
 */
export const attachEn = {
  attach: 'Attach a file',
  attachRemove: 'Remove {name}',
  refusedType: '{name} cannot be sent: that type of file is not accepted.',
  refusedSize: '{name} cannot be sent: it is too large.',
  allowed: 'You can send {name} files up to {n}.',
  uploadFailed: 'Not uploaded',
  failType: 'That type of file is not accepted.',
  failSize: 'The file is too large.',
  failFile: 'The file was not accepted.',
  failExpired: 'The file expired before it was sent.',
  failDrop: 'The upload was interrupted.',
  openFile: 'Open {name}',
};

/** The attachment UI's strings. */
export type AttachStrings = typeof attachEn;

/** The element's strings with the attachment UI's, English unless the element's strings carry them. */
export const withAttachStrings = (strings: GuestChatStrings): GuestChatStrings & AttachStrings => ({
  ...attachEn,
  ...strings,
});
