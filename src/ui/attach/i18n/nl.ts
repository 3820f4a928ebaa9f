import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Bestand toevoegen',
  attachRemove: (name: string): string => `${name} verwijderen`,
  refusedType: (name: string): string => `${name} kan niet worden verzonden: dit bestandstype wordt niet geaccepteerd.`,
  refusedSize: (name: string): string => `${name} kan niet worden verzonden: het bestand is te groot.`,
  allowed: (types: string, size: string): string => `U kunt ${types}-bestanden tot ${size} verzenden.`,
  uploadFailed: 'Niet geüpload',
  failType: 'Dit bestandstype wordt niet geaccepteerd.',
  failSize: 'Het bestand is te groot.',
  failFile: 'Het bestand is niet geaccepteerd.',
  failExpired: 'Het bestand is verlopen voordat het werd verzonden.',
  failDrop: 'Het uploaden is onderbroken.',
  openFile: (name: string): string => `${name} openen`,
} satisfies AttachStrings;
