import type { AttachStrings } from '../strings.js';

export default {
  attach: 'إرفاق ملف',
  attachRemove: 'إزالة {name}',
  refusedType: 'لا يمكن إرسال {name}: هذا النوع من الملفات غير مقبول.',
  refusedSize: 'لا يمكن إرسال {name}: حجمه كبير جدًا.',
  allowed: 'يمكنك إرسال ملفات {name} حتى {n}.',
  uploadFailed: 'لم يُرفع',
  failType: 'هذا النوع من الملفات غير مقبول.',
  failSize: 'حجم الملف كبير جدًا.',
  failFile: 'لم يُقبل الملف.',
  failExpired: 'انتهت صلاحية الملف قبل إرساله.',
  failDrop: 'انقطع الرفع.',
  openFile: 'فتح {name}',
} satisfies AttachStrings;
