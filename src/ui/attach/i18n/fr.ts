import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Joindre un fichier',
  attachRemove: (name: string): string => `Retirer ${name}`,
  refusedType: (name: string): string => `${name} ne peut pas être envoyé : ce type de fichier n’est pas accepté.`,
  refusedSize: (name: string): string => `${name} ne peut pas être envoyé : il est trop volumineux.`,
  allowed: (types: string, size: string): string => `Vous pouvez envoyer des fichiers ${types} jusqu’à ${size}.`,
  uploadFailed: 'Non téléversé',
  failType: 'Ce type de fichier n’est pas accepté.',
  failSize: 'Le fichier est trop volumineux.',
  failFile: 'Le fichier n’a pas été accepté.',
  failExpired: 'Le fichier a expiré avant d’être envoyé.',
  failDrop: 'Le téléversement a été interrompu.',
  openFile: (name: string): string => `Ouvrir ${name}`,
} satisfies AttachStrings;
