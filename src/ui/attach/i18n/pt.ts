import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Anexar um arquivo',
  attachRemove: 'Remover {name}',
  refusedType: '{name} não pode ser enviado: esse tipo de arquivo não é aceito.',
  refusedSize: '{name} não pode ser enviado: é grande demais.',
  allowed: 'Você pode enviar arquivos {name} de até {n}.',
  uploadFailed: 'Não carregado',
  failType: 'Esse tipo de arquivo não é aceito.',
  failSize: 'O arquivo é grande demais.',
  failFile: 'O arquivo não foi aceito.',
  failExpired: 'O arquivo expirou antes de ser enviado.',
  failDrop: 'O carregamento foi interrompido.',
  openFile: 'Abrir {name}',
} satisfies AttachStrings;
