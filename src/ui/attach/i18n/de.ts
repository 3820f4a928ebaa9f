import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Datei anhängen',
  attachRemove: '{name} entfernen',
  refusedType: '{name} kann nicht gesendet werden: Dieser Dateityp wird nicht angenommen.',
  refusedSize: '{name} kann nicht gesendet werden: Die Datei ist zu groß.',
  allowed: 'Sie können {name}-Dateien bis {n} senden.',
  uploadFailed: 'Nicht hochgeladen',
  failType: 'Dieser Dateityp wird nicht angenommen.',
  failSize: 'Die Datei ist zu groß.',
  failFile: 'Die Datei wurde nicht angenommen.',
  failExpired: 'Die Datei ist abgelaufen, bevor sie gesendet wurde.',
  failDrop: 'Das Hochladen wurde unterbrochen.',
  openFile: '{name} öffnen',
} satisfies AttachStrings;
