export { createWebMessagingTransport } from './transport.js';
export type { WebMessagingTransportOptions } from './transport.js';
export type { WebMessagingResumeState } from './token.js';
export { WebMessagingError } from './error.js';
export { webMessagingUrls } from './environment.js';
