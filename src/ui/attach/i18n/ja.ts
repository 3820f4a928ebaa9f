import type { AttachStrings } from '../strings.js';

export default {
  attach: 'ファイルを添付',
  attachRemove: (name: string): string => `${name} を削除`,
  refusedType: (name: string): string => `${name} は送信できません: この種類のファイルは受け付けていません。`,
  refusedSize: (name: string): string => `${name} は送信できません: ファイルが大きすぎます。`,
  allowed: (types: string, size: string): string => `送信できるのは ${size} までの ${types} ファイルです。`,
  uploadFailed: 'アップロードされていません',
  failType: 'この種類のファイルは受け付けていません。',
  failSize: 'ファイルが大きすぎます。',
  failFile: 'ファイルは受け付けられませんでした。',
  failExpired: 'ファイルは送信前に期限切れになりました。',
  failDrop: 'アップロードが中断されました。',
  openFile: (name: string): string => `${name} を開く`,
} satisfies AttachStrings;
