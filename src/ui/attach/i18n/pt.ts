import type { AttachStrings } from '../strings.js';

export default {
  attach: 'Anexar um arquivo',
  attachRemove: (name: string): string => `Remover ${name}`,
  refusedType: (name: string): string => `${name} não pode ser enviado: esse tipo de arquivo não é aceito.`,
  refusedSize: (name: string): string => `${name} não pode ser enviado: é grande demais.`,
  allowed: (types: string, size: string): string => `Você pode enviar arquivos ${types} de até ${size}.`,
  uploadFailed: 'Não carregado',
  failType: 'Esse tipo de arquivo não é aceito.',
  failSize: 'O arquivo é grande demais.',
  failFile: 'O arquivo não foi aceito.',
  failExpired: 'O arquivo expirou antes de ser enviado.',
  failDrop: 'O carregamento foi interrompido.',
  openFile: (name: string): string => `Abrir ${name}`,
} satisfies AttachStrings;
