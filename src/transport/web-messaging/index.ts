export { createWebMessagingTransport } from './transport.js';
export type { WebMessagingTransportOptions, WebMessagingResumeState } from './transport.js';
export { WebMessagingError } from './error.js';
export { webMessagingUrls } from './environment.js';
