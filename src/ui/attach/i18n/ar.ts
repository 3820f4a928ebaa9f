import type { AttachStrings } from '../strings.js';

export default {
  attach: 'إرفاق ملف',
  attachRemove: (name: string): string => `إزالة ${name}`,
  refusedType: (name: string): string => `لا يمكن إرسال ${name}: هذا النوع من الملفات غير مقبول.`,
  refusedSize: (name: string): string => `لا يمكن إرسال ${name}: حجمه كبير جدًا.`,
  allowed: (types: string, size: string): string => `يمكنك إرسال ملفات ${types} حتى ${size}.`,
  uploadFailed: 'لم يُرفع',
  failType: 'هذا النوع من الملفات غير مقبول.',
  failSize: 'حجم الملف كبير جدًا.',
  failFile: 'لم يُقبل الملف.',
  failExpired: 'انتهت صلاحية الملف قبل إرساله.',
  failDrop: 'انقطع الرفع.',
  openFile: (name: string): string => `فتح ${name}`,
} satisfies AttachStrings;
