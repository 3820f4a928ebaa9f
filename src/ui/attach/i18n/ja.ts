import type { AttachStrings } from '../strings.js';

export default {
  attach: 'ファイルを添付',
  attachRemove: '{name} を削除',
  refusedType: '{name} は送信できません: この種類のファイルは受け付けていません。',
  refusedSize: '{name} は送信できません: ファイルが大きすぎます。',
  allowed: '送信できるのは {n} までの {name} ファイルです。',
  uploadFailed: 'アップロードされていません',
  failType: 'この種類のファイルは受け付けていません。',
  failSize: 'ファイルが大きすぎます。',
  failFile: 'ファイルは受け付けられませんでした。',
  failExpired: 'ファイルは送信前に期限切れになりました。',
  failDrop: 'アップロードが中断されました。',
  openFile: '{name} を開く',
} satisfies AttachStrings;
