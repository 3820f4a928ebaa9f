import type { GuestChatStrings } from '../en.js';

/** The widget's strings in Arabic, loaded only when a page shows that language. */
const strings: Partial<GuestChatStrings> = {
  launcher: 'تحدث معنا',
  unread: (n) => `${n} غير مقروءة`,
  heading: 'محادثة',
  minimise: 'تصغير المحادثة',
  end: 'إنهاء المحادثة',
  endAsk: 'هل تريد إنهاء هذه المحادثة؟',
  cancel: 'إلغاء',
  intro: 'أخبرنا من أنت وسيتواصل معك أحد الموظفين قريبًا.',
  name: 'الاسم',
  email: 'البريد الإلكتروني',
  subject: 'الموضوع',
  optional: 'اختياري',
  start: 'بدء المحادثة',
  starting: 'جارٍ الاتصال…',
  nameMissing: 'أدخل اسمك.',
  emailBad: 'أدخل بريدًا إلكترونيًا مثل name@example.com.',
  tooLong: (n) => `استخدم ${n} حرفًا كحد أقصى.`,
  waiting: 'في انتظار أحد الموظفين…',
  joined: (name) => `انضم ${name} إلى المحادثة`,
  gone: (name) => `غادر ${name} المحادثة`,
  agent: 'موظف',
  you: 'أنت',
  ended: 'انتهت المحادثة.',
  endedByAgent: 'أنهى الموظف المحادثة.',
  endedReadOnly: 'انتهت المحادثة. يمكنك قراءتها دون الرد.',
  endedAgentMaySee: 'غادرت المحادثة. قد يظل الموظف يرى المحادثة.',
  endedExpired: 'انتهت صلاحية المحادثة.',
  newChat: 'بدء محادثة جديدة',
  typing: (name) => `${name} يكتب…`,
  message: 'رسالة',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  sent: 'تم الإرسال',
  failed: 'لم يُرسل',
  retry: 'إعادة المحاولة',
  charsLeft: (n) => `متبقٍ ${n} حرف`,
  reconnecting: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  reconnected: 'تمت إعادة الاتصال.',
  error: 'حدث خطأ ما.',
  offline: 'تعذر الوصول إلى خدمة المحادثة. تحقق من اتصالك.',
  unavailable: 'المحادثة غير متاحة الآن.',
  tryAgain: 'حاول مرة أخرى',
  messages: 'الرسائل',
  earlierEnded: 'انتهت محادثتك السابقة.',
  inProgress: 'محادثة جارية',
  time: (hour, minutes) => `${hour % 12 || 12}:${minutes} ${hour < 12 ? 'ص' : 'م'}`,
  unsupported: 'لا يمكن عرض هذه الرسالة هنا.',
  sentCards: (name, n) =>
    n === 1
      ? `أرسل ${name} بطاقة`
      : n === 2
        ? `أرسل ${name} بطاقتين`
        : n <= 10
          ? `أرسل ${name} ${n} بطاقات`
          : `أرسل ${name} ${n} بطاقة`,
};

export default strings;
