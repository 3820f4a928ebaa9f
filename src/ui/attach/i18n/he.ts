import type { AttachStrings } from '../strings.js';

export default {
  attach: 'צירוף קובץ',
  attachRemove: (name: string): string => `הסרת ${name}`,
  refusedType: (name: string): string => `לא ניתן לשלוח את ${name}: סוג קובץ זה אינו מתקבל.`,
  refusedSize: (name: string): string => `לא ניתן לשלוח את ${name}: הקובץ גדול מדי.`,
  allowed: (types: string, size: string): string => `אפשר לשלוח קובצי ${types} עד ${size}.`,
  uploadFailed: 'לא הועלה',
  failType: 'סוג קובץ זה אינו מתקבל.',
  failSize: 'הקובץ גדול מדי.',
  failFile: 'הקובץ לא התקבל.',
  failExpired: 'תוקף הקובץ פג לפני שנשלח.',
  failDrop: 'ההעלאה נקטעה.',
  openFile: (name: string): string => `פתיחת ${name}`,
} satisfies AttachStrings;
