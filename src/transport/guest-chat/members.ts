import type { Participant, TransportMessage } from '../types.js';
import { getMember, type GuestChatApi, type GuestChatAuth } from './api.js';
import type { MemberState, WebChatMember, WebChatMessage } from './wire.js';

/** A member as the session sees it: the guest itself, an agent, another customer, or the system. */
export function participantOf(member: WebChatMember, selfId: string): Participant {
  const kind =
    member.id === selfId
      ? 'guest'
      : member.role === 'AGENT'
        ? 'agent'
        : member.role === 'CUSTOMER'
          ? 'guest'
          : 'system';
  return { id: member.id, kind, name: member.displayName, avatarUrl: member.avatarImageUrl };
}

/** A wire member state in the session's words. */
export function lowerState(state: MemberState): 'alerting' | 'connected' | 'disconnected' {
  return state.toLowerCase() as 'alerting' | 'connected' | 'disconnected';
}

/**
 * The members of one chat, each looked up once (role, name, avatar), and the chat's messages read in their terms.
 * A failed lookup is forgotten so a later one retries.
 */
export function chatMembers(api: GuestChatApi, auth: () => GuestChatAuth) {
  const known = new Map<string, Promise<Participant>>();

  function lookup(memberId: string): Promise<Participant> {
    const self = auth().memberId;
    if (memberId === self) return Promise.resolve({ id: self, kind: 'guest' });
    let member = known.get(memberId);
    if (!member) {
      member = getMember(api, auth(), memberId).then((found) => participantOf(found, self));
      known.set(memberId, member);
      member.catch(() => known.delete(memberId));
    }
    return member;
  }

  return {
    lookup,

    /** Members already known (from a member list), so no lookup is made for them. */
    add(members: WebChatMember[], selfId: string): void {
      for (const member of members) known.set(member.id, Promise.resolve(participantOf(member, selfId)));
    },

    /** A wire message as the session sees it, or null for what the guest is not shown. */
    async toMessage(message: WebChatMessage): Promise<TransportMessage | null> {
      const { id, body, bodyType, time, senderId } = message;
      if (bodyType === 'member-join' || bodyType === 'member-leave') {
        if (senderId === auth().memberId) return null;
        const sender = await lookup(senderId);
        if (sender.kind !== 'agent') return null;
        return { id, sender, text: '', time, notice: bodyType === 'member-join' ? 'joined' : 'left' };
      }
      if (bodyType !== 'standard' && bodyType !== 'notice') return null;
      const sender = await lookup(senderId);
      return { id, sender: bodyType === 'notice' ? { ...sender, kind: 'system' } : sender, text: body, time };
    },

    /** Forgets every member (a new chat). */
    clear(): void {
      known.clear();
    },
  };
}
