import type { TestEmulator } from '../../helpers/emulator.js';
import type { GuestChatElement } from '../../../src/ui/guest-chat.js';
import { settle } from './fake-session.js';

/** A `<guest-chat>` on the page, configured for the emulator's deployment and first queue, rendered. */
export async function mountAgainst(emulator: TestEmulator, transport: 'guest-chat' | 'web-messaging') {
  const config = await emulator.config();
  const el = document.createElement('guest-chat') as GuestChatElement;
  el.transport = transport;
  el.environment = emulator.url;
  el.organizationId = config.organizationId;
  el.deploymentId = config.deploymentId;
  el.queue = config.queues[0];
  document.body.append(el);
  await settle(el);
  return el;
}

/** {@link mountAgainst}, with the panel opened and rendered: where a visitor starts, at the form or a resumed chat. */
export async function openAgainst(emulator: TestEmulator, transport: 'guest-chat' | 'web-messaging') {
  const el = await mountAgainst(emulator, transport);
  el.open();
  await settle(el);
  return el;
}
