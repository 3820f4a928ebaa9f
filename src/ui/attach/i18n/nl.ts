import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Bestand toevoegen',
  attachRemove: '{name} verwijderen',
  refusedType: '{name} kan niet worden verzonden: dit bestandstype wordt niet geaccepteerd.',
  refusedSize: '{name} kan niet worden verzonden: het bestand is te groot.',
  allowed: 'U kunt {name}-bestanden tot {n} verzenden.',
  uploadFailed: 'Niet geüpload',
  failType: 'Dit bestandstype wordt niet geaccepteerd.',
  failSize: 'Het bestand is te groot.',
  failFile: 'Het bestand is niet geaccepteerd.',
  failExpired: 'Het bestand is verlopen voordat het werd verzonden.',
  failDrop: 'Het uploaden is onderbroken.',
  openFile: '{name} openen',
} satisfies AttachStrings;
