import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Adjuntar un archivo',
  attachRemove: 'Quitar {name}',
  refusedType: 'No se puede enviar {name}: ese tipo de archivo no se acepta.',
  refusedSize: 'No se puede enviar {name}: es demasiado grande.',
  allowed: 'Puede enviar archivos {name} de hasta {n}.',
  uploadFailed: 'No subido',
  failType: 'Ese tipo de archivo no se acepta.',
  failSize: 'El archivo es demasiado grande.',
  failFile: 'El archivo no se aceptó.',
  failExpired: 'El archivo caducó antes de enviarse.',
  failDrop: 'La subida se interrumpió.',
  openFile: 'Abrir {name}',
} satisfies AttachStrings;
