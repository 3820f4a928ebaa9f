import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Datei anhängen',
  attachRemove: (name: string): string => `${name} entfernen`,
  refusedType: (name: string): string => `${name} kann nicht gesendet werden: Dieser Dateityp wird nicht angenommen.`,
  refusedSize: (name: string): string => `${name} kann nicht gesendet werden: Die Datei ist zu groß.`,
  allowed: (types: string, size: string): string => `Sie können ${types}-Dateien bis ${size} senden.`,
  uploadFailed: 'Nicht hochgeladen',
  failType: 'Dieser Dateityp wird nicht angenommen.',
  failSize: 'Die Datei ist zu groß.',
  failFile: 'Die Datei wurde nicht angenommen.',
  failExpired: 'Die Datei ist abgelaufen, bevor sie gesendet wurde.',
  failDrop: 'Das Hochladen wurde unterbrochen.',
  openFile: (name: string): string => `${name} öffnen`,
} satisfies AttachStrings;
