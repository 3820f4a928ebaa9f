import type { StartResult, TransportMessage } from '../types.js';
import { getMember, listMembers, listMessages, type GuestChatApi, type GuestChatAuth } from './api.js';
import { GuestChatError } from './error.js';
import { lowerState, participantOf, type chatMembers } from './members.js';

const PAGE_SIZE = 100;

/** The chat's messages after `afterId` (all without it), oldest first, page after page, as the session sees them. */
export async function messagesAfter(
  api: GuestChatApi,
  auth: () => GuestChatAuth,
  members: ReturnType<typeof chatMembers>,
  afterId?: string,
): Promise<TransportMessage[]> {
  const out: TransportMessage[] = [];
  let after = afterId;
  for (;;) {
    const page = await listMessages(api, auth(), { after, maxResults: PAGE_SIZE });
    for (const wire of page) {
      const message = await members.toMessage(wire);
      if (message) out.push(message);
    }
    if (page.length < PAGE_SIZE) return out;
    after = page[page.length - 1].id;
  }
}

/**
 * A resumed chat as the guest left it, once its stream is open again (the guest counts as away until then): whether
 * the guest is still in it, who is there, and what was said.
 */
export async function catchUp(
  api: GuestChatApi,
  auth: () => GuestChatAuth,
  members: ReturnType<typeof chatMembers>,
): Promise<StartResult> {
  const selfId = auth().memberId;
  const self = await getMember(api, auth(), selfId);
  if (self.state === 'DISCONNECTED') {
    throw new GuestChatError('The chat has ended', { code: 'chat.ended', retryable: false });
  }
  const present = await listMembers(api, auth(), {
    pageSize: PAGE_SIZE,
    pageNumber: 1,
    excludeDisconnectedMembers: true,
  });
  members.add(present, selfId);
  const history = await messagesAfter(api, auth, members);
  return {
    selfId,
    history,
    resumed: true,
    readOnly: false,
    members: present
      .filter((member) => member.id !== selfId && member.state)
      .map((member) => ({ member: participantOf(member, selfId), state: lowerState(member.state!) })),
  };
}
