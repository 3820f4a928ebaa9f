// Transport-neutral conversation life: members joining and leaving, queue routing to agents, alerting and
// auto-answer, messages, typing, the echo bot, and the end of a conversation. Every change is published on the
// store as a ConversationEvent; each guest transport turns those into its own frames.
import { newId, now } from './state.js';
import { RICH_HINT, botContent } from './web-messaging/bot-content.js';

/** @typedef {import('./state.js').Store} Store */
/** @typedef {import('./state.js').Conversation} Conversation */
/** @typedef {import('./state.js').Member} Member */
/** @typedef {import('./state.js').MemberState} MemberState */
/** @typedef {import('./state.js').Message} Message */

/** Members an agent is working: offered to it or answered. @param {Member} member */
const isActive = (member) => member.state !== 'DISCONNECTED';

/**
 * A new conversation waiting for its guest (no routing yet), with the guest as its first, connected member. Past
 * the store's limit it throws LimitError.
 * @param {Store} store
 * @param {{kind: string, queue: {id: string, name: string}, provider?: string, customer: Partial<Member>}} init
 */
export function createConversation(store, { kind, queue, provider, customer }) {
  store.admitConversation();
  /** @type {Conversation} */
  const conversation = {
    id: newId(),
    kind,
    queue,
    provider,
    createdAt: now(),
    routed: false,
    members: [],
    messages: [],
    declinedBy: new Set(),
    rangOut: new Map(),
  };
  store.conversations.set(conversation.id, conversation);
  join(store, conversation, { ...customer, role: 'CUSTOMER' }, 'CONNECTED');
  return conversation;
}

/** @param {Conversation} conversation */
export const customerOf = (conversation) => conversation.members.find((member) => member.role === 'CUSTOMER');

/** @param {Conversation} conversation */
export const isEnded = (conversation) => conversation.endedAt !== undefined;

/**
 * Adds a member in `state`; a member that arrives connected also gets a `member-join` message.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Partial<Member> & {role: Member['role']}} fields
 * @param {MemberState} state
 */
function join(store, conversation, fields, state) {
  const at = now();
  /** @type {Member} */
  const member = { ...fields, id: newId(), participantId: newId(), state, joinDate: at };
  if (state === 'ALERTING') member.alertingDate = at;
  conversation.members.push(member);
  store.publish(conversation, { type: 'member', member });
  if (state === 'CONNECTED') connected(store, conversation, member);
  return member;
}

/**
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member
 */
function connected(store, conversation, member) {
  if (member.connectedDate) return;
  member.connectedDate = now();
  postMessage(store, conversation, member, '', 'member-join');
}

/**
 * Changes a member's state. `leaves` marks a departure for good (leaveDate and a `member-leave` message for a
 * member that had joined), as opposed to a guest whose socket merely dropped.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member
 * @param {MemberState} state
 * @param {{leaves?: boolean}} [options]
 */
export function setMemberState(store, conversation, member, state, { leaves = false } = {}) {
  if (member.leaveDate) return;
  if (member.state !== state) {
    member.state = state;
    store.publish(conversation, { type: 'member', member });
  }
  if (state === 'CONNECTED') connected(store, conversation, member);
  if (state === 'DISCONNECTED' && leaves) {
    member.leaveDate = now();
    if (member.connectedDate) postMessage(store, conversation, member, '', 'member-leave');
  }
}

/**
 * Starts routing once the guest is there: the flow runs (a WORKFLOW member comes and goes), the queue holds the
 * chat (an ACD member stays connected) and the least busy agent is alerted.
 * @param {Store} store
 * @param {Conversation} conversation
 */
export function startRouting(store, conversation) {
  if (conversation.routed || isEnded(conversation)) return;
  conversation.routed = true;
  const flow = join(store, conversation, { role: 'WORKFLOW' }, 'CONNECTED');
  setMemberState(store, conversation, flow, 'DISCONNECTED', { leaves: true });
  join(store, conversation, { role: 'ACD' }, 'CONNECTED');
  offer(store, conversation);
}

/** Offers every waiting conversation again, e.g. after a new agent arrived. @param {Store} store */
export function routeWaiting(store) {
  for (const conversation of store.conversations.values()) offer(store, conversation);
}

/**
 * @param {Store} store
 * @param {Conversation} conversation
 */
function offer(store, conversation) {
  if (!conversation.routed || isEnded(conversation)) return;
  if (conversation.members.some((member) => member.role === 'AGENT' && isActive(member))) return;
  const load = workloads(store);
  // Agents who let it ring come after everyone who has not, and ring again only when nobody else is there.
  const rang = (/** @type {import('./state.js').Agent} */ agent) => conversation.rangOut.get(agent.id) ?? 0;
  const agent = [...store.agents.values()]
    .filter((candidate) => !conversation.declinedBy.has(candidate.id))
    .sort((a, b) => rang(a) - rang(b) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0))[0];
  if (!agent) return;
  const member = join(
    store,
    conversation,
    { role: 'AGENT', agentId: agent.id, displayName: agent.displayName, avatarImageUrl: agent.avatarImageUrl },
    'ALERTING',
  );
  if (agent.autoAnswer) store.later(() => accept(store, conversation, member), agent.autoAnswerDelayMs);
  else if (store.config.alertingTimeoutMs > 0) {
    store.later(() => ringsOut(store, conversation, member), store.config.alertingTimeoutMs);
  }
}

/**
 * An offer nobody answered in time: the agent goes ALERTING -> DISCONNECTED and the chat is offered to the next
 * agent; unlike a decline, the agent may be offered it again once nobody else is there.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member
 */
function ringsOut(store, conversation, member) {
  if (member.state !== 'ALERTING' || isEnded(conversation)) return;
  setMemberState(store, conversation, member, 'DISCONNECTED', { leaves: true });
  if (member.agentId) conversation.rangOut.set(member.agentId, (conversation.rangOut.get(member.agentId) ?? 0) + 1);
  offer(store, conversation);
}

/**
 * How many conversations each agent is alerted on or connected to, by agent id, in one pass: counting per agent
 * inside the sort walked every conversation for each comparison, and routing grew quadratic with the chats open.
 * @param {Store} store
 */
function workloads(store) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const conversation of store.conversations.values()) {
    if (isEnded(conversation)) continue;
    /** @type {Set<string>} */
    const working = new Set();
    for (const member of conversation.members) if (member.agentId && isActive(member)) working.add(member.agentId);
    for (const agentId of working) counts.set(agentId, (counts.get(agentId) ?? 0) + 1);
  }
  return counts;
}

/**
 * The agent answers: it connects and the queue placeholder leaves.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member  the agent's member, alerting
 */
export function accept(store, conversation, member) {
  if (member.state !== 'ALERTING' || isEnded(conversation)) return;
  setMemberState(store, conversation, member, 'CONNECTED');
  for (const acd of conversation.members.filter((m) => m.role === 'ACD' && isActive(m))) {
    setMemberState(store, conversation, acd, 'DISCONNECTED', { leaves: true });
  }
  const agent = member.agentId ? store.agents.get(member.agentId) : undefined;
  if (agent?.bot === 'echo') {
    const hint = conversation.kind === 'web-messaging' ? ` ${RICH_HINT}` : '';
    botSays(
      store,
      conversation,
      member,
      `Hi, I'm ${agent.displayName}, an echo bot: I repeat whatever you write.${hint}`,
    );
    // What the guest wrote since an agent last spoke (the message that opened a Web Messaging conversation, anything
    // typed while it rang) is answered too, as a bot flow gets the conversation's first message.
    const roleOf = (/** @type {Message} */ message) =>
      conversation.members.find((m) => m.id === message.senderId)?.role;
    const lastAnswer = conversation.messages.findLastIndex((m) => m.bodyType === 'standard' && roleOf(m) === 'AGENT');
    for (const earlier of conversation.messages.slice(lastAnswer + 1)) {
      if (earlier.bodyType === 'standard' && roleOf(earlier) === 'CUSTOMER')
        botAnswers(store, conversation, member, earlier);
    }
  }
}

/**
 * Keeps an agent with a presence timeout signed in for another `presenceTimeoutMs`: every call it makes renews it,
 * and an agent whose console vanished without signing out is signed out when it runs out.
 * @param {Store} store
 * @param {import('./state.js').Agent} agent
 */
export function renewPresence(store, agent) {
  if (!(agent.presenceTimeoutMs > 0)) return;
  store.cancel(agent.presenceTimer);
  agent.presenceTimer = store.later(() => {
    if (store.agents.get(agent.id) === agent) signOut(store, agent);
  }, agent.presenceTimeoutMs);
}

/**
 * The agent disconnects: an alerting agent declines (the chat is offered to someone else), a connected agent ends
 * the chat.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member
 */
export function agentDisconnects(store, conversation, member) {
  if (member.state === 'ALERTING') {
    setMemberState(store, conversation, member, 'DISCONNECTED', { leaves: true });
    if (member.agentId) conversation.declinedBy.add(member.agentId);
    offer(store, conversation);
    return;
  }
  endConversation(store, conversation, member);
}

/**
 * An agent signs out: offers ringing for it go to someone else, and a chat it was in goes back to its queue (the
 * guest sees the agent leave while it stays, as in a transfer) and is offered to the next agent.
 * @param {Store} store
 * @param {import('./state.js').Agent} agent
 */
export function signOut(store, agent) {
  store.agents.delete(agent.id);
  store.cancel(agent.presenceTimer);
  for (const conversation of store.conversations.values()) {
    const member = conversation.members.find((m) => m.agentId === agent.id && isActive(m));
    if (!member || isEnded(conversation)) continue;
    const wasConnected = member.state === 'CONNECTED';
    setMemberState(store, conversation, member, 'DISCONNECTED', { leaves: true });
    if (wasConnected) join(store, conversation, { role: 'ACD' }, 'CONNECTED');
    offer(store, conversation);
  }
}

/**
 * Ends a conversation: everyone still there leaves, `first` (who ended it) before the others and the guest last.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} [first]
 */
export function endConversation(store, conversation, first) {
  if (isEnded(conversation)) return;
  const order = [
    ...(first ? [first] : []),
    ...conversation.members.filter((m) => m !== first && m.role !== 'CUSTOMER'),
    ...conversation.members.filter((m) => m !== first && m.role === 'CUSTOMER'),
  ];
  for (const member of order) setMemberState(store, conversation, member, 'DISCONNECTED', { leaves: true });
  conversation.endedAt = now();
  store.publish(conversation, { type: 'ended' });
}

/**
 * A time for the conversation's next message, later than its last one. Clients order a transcript by server time,
 * then by id; ids are random, so two messages stamped in the same millisecond (a burst from a bot, an agent
 * pasting several lines) would come out in an arbitrary order. One chat's log on a server is written in order.
 * @param {Conversation} conversation
 */
function nextTimestamp(conversation) {
  const last = conversation.messages.at(-1);
  const previous = last ? Date.parse(last.timestamp) : 0;
  return new Date(Math.max(Date.now(), previous + 1)).toISOString();
}

/**
 * Records a message and publishes it; a guest's text also reaches any echo bot on the chat.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} sender
 * @param {string} body
 * @param {Message['bodyType']} [bodyType]
 * @param {Pick<Message, 'attachments' | 'content'>} [extra]  what else the message carries: files, Web Messaging
 *   structured content
 */
export function postMessage(store, conversation, sender, body, bodyType = 'standard', extra = {}) {
  /** @type {Message} */
  const message = {
    id: newId(),
    senderId: sender.id,
    body,
    bodyType,
    timestamp: nextTimestamp(conversation),
    ...extra,
  };
  conversation.messages.push(message);
  store.publish(conversation, { type: 'message', message });
  if (sender.role === 'CUSTOMER' && bodyType === 'standard') {
    for (const member of conversation.members) {
      const agent = member.agentId ? store.agents.get(member.agentId) : undefined;
      if (agent?.bot === 'echo' && member.state === 'CONNECTED') botAnswers(store, conversation, member, message);
    }
  }
  return message;
}

/**
 * Publishes "sender is typing now" (for `durationMs`, when the sender said how long).
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} sender
 * @param {number} [durationMs]
 */
export function postTyping(store, conversation, sender, durationMs) {
  /** @type {import('./state.js').Typing} */
  const typing = {
    id: newId(),
    senderId: sender.id,
    timestamp: now(),
    ...(durationMs === undefined ? {} : { durationMs }),
  };
  sender.typingDate = typing.timestamp;
  store.publish(conversation, { type: 'typing', typing });
  return typing;
}

/**
 * The echo bot's answer to a guest message: the message repeated, or on Web Messaging the structured content its
 * words ask for ("menu", "cards", "book") or the name of the choice a `ButtonResponse` made.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member  the bot's
 * @param {Message} message  the guest's
 */
function botAnswers(store, conversation, member, message) {
  const rich =
    conversation.kind === 'web-messaging' ? botContent(message.body, message.content, store.publicUrl) : null;
  botSays(store, conversation, member, rich ? rich.text : `You said: ${message.body}`, rich?.content);
}

/**
 * The echo bot types for a moment, then answers, if it is still in the chat by then.
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {Member} member
 * @param {string} text
 * @param {object[]} [content]  Web Messaging structured content
 */
function botSays(store, conversation, member, text, content) {
  const still = () => member.state === 'CONNECTED' && !isEnded(conversation);
  const delay = store.config.botReplyDelayMs;
  store.later(() => still() && postTyping(store, conversation, member), delay / 2);
  store.later(
    () => still() && postMessage(store, conversation, member, text, 'standard', content && { content }),
    delay,
  );
}
