import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Joindre un fichier',
  attachRemove: 'Retirer {name}',
  refusedType: '{name} ne peut pas être envoyé : ce type de fichier n’est pas accepté.',
  refusedSize: '{name} ne peut pas être envoyé : il est trop volumineux.',
  allowed: 'Vous pouvez envoyer des fichiers {name} jusqu’à {n}.',
  uploadFailed: 'Non téléversé',
  failType: 'Ce type de fichier n’est pas accepté.',
  failSize: 'Le fichier est trop volumineux.',
  failFile: 'Le fichier n’a pas été accepté.',
  failExpired: 'Le fichier a expiré avant d’être envoyé.',
  failDrop: 'Le téléversement a été interrompu.',
  openFile: 'Ouvrir {name}',
} satisfies AttachStrings;
