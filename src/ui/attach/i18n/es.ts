import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Adjuntar un archivo',
  attachRemove: (name: string): string => `Quitar ${name}`,
  refusedType: (name: string): string => `No se puede enviar ${name}: ese tipo de archivo no se acepta.`,
  refusedSize: (name: string): string => `No se puede enviar ${name}: es demasiado grande.`,
  allowed: (types: string, size: string): string => `Puede enviar archivos ${types} de hasta ${size}.`,
  uploadFailed: 'No subido',
  failType: 'Ese tipo de archivo no se acepta.',
  failSize: 'El archivo es demasiado grande.',
  failFile: 'El archivo no se aceptó.',
  failExpired: 'El archivo caducó antes de enviarse.',
  failDrop: 'La subida se interrumpió.',
  openFile: (name: string): string => `Abrir ${name}`,
} satisfies AttachStrings;
