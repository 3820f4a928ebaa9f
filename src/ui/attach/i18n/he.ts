import type { AttachStrings } from '../strings.js';

export default {
  attach: 'צירוף קובץ',
  attachRemove: 'הסרת {name}',
  refusedType: 'לא ניתן לשלוח את {name}: סוג קובץ זה אינו מתקבל.',
  refusedSize: 'לא ניתן לשלוח את {name}: הקובץ גדול מדי.',
  allowed: 'אפשר לשלוח קובצי {name} עד {n}.',
  uploadFailed: 'לא הועלה',
  failType: 'סוג קובץ זה אינו מתקבל.',
  failSize: 'הקובץ גדול מדי.',
  failFile: 'הקובץ לא התקבל.',
  failExpired: 'תוקף הקובץ פג לפני שנשלח.',
  failDrop: 'ההעלאה נקטעה.',
  openFile: 'פתיחת {name}',
} satisfies AttachStrings;
