// The one in-memory store behind every part of the emulator: configuration, agents, conversations (of any kind),
// live guest sockets, faults and timers. Protocol modules read and change it; nothing else holds state.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { JwtIssuer } from './jwt.js';

/**
 * @typedef {object} EmulatorConfig
 * @property {string} organizationId
 * @property {string} deploymentId
 * @property {{id: string, name: string}[]} queues
 * @property {string[]} allowedOrigins  empty = every origin may create chats
 * @property {number} heartbeatIntervalMs
 * @property {number} guestGraceMs  how long a guest's socket may stay away before the guest is removed
 * @property {number} maxResults  default and maximum `maxResults` of message history
 * @property {number} maxMembersPageSize
 * @property {number} maxBodyLength  longest message body, in characters
 * @property {number} jwtLifetimeMs
 * @property {number} defaultAutoAnswerDelayMs
 * @property {number} alertingTimeoutMs  how long an offer rings before it goes to another agent; 0 = until answered
 * @property {number} botReplyDelayMs
 * @property {number} maxLiveConversations  conversations not yet ended; one more is refused with 429
 * @property {number} maxEndedConversations  ended conversations kept for reading; the oldest go first
 * @property {number} maxLiveSessions  Web Messaging sessions held at once; one more is refused with 429
 * @property {WebMessagingConfig} webMessaging
 */

/**
 * @typedef {object} WebMessagingConfig  the Web Messaging deployment (`deploymentId`) and its Messenger settings
 * @property {'Active' | 'Inactive'} status
 * @property {boolean} enabled  `messenger.enabled`; false refuses the guest socket like an inactive deployment
 * @property {string} disabledDeploymentId  a second, inactive deployment: config.json says so, its socket is refused
 * @property {{id: string, name: string}} queue  where new Web Messaging conversations wait
 * @property {boolean} showAgentTypingIndicator
 * @property {boolean} showUserTypingIndicator  false refuses guest typing with 403
 * @property {boolean} autoStart
 * @property {boolean} conversationClear  false refuses Presence Clear with 403
 * @property {{enabled: boolean, type: 'ReadOnly' | 'Send'}} conversationDisconnect
 * @property {boolean} markdown
 * @property {string} primaryColor
 * @property {number} maxCustomDataBytes
 * @property {number} rateLimitPerSecond  onMessage frames per session per second
 * @property {number} sessionDurationSeconds  idle lifetime of a session; echo and onMessage renew it
 * @property {number} maxFrameBytes  a larger frame closes the socket with 1009
 * @property {Partial<import('./web-messaging/attachments.js').AttachmentSettings>} [attachments]  start options; the
 *   control API changes them while running
 */

/**
 * @typedef {'CUSTOMER' | 'AGENT' | 'WORKFLOW' | 'ACD'} Role
 * @typedef {'ALERTING' | 'CONNECTED' | 'DISCONNECTED'} MemberState
 *
 * @typedef {object} Member  a participant of a conversation; `id` is its communication id (the guest API's member id)
 * @property {string} id
 * @property {string} participantId
 * @property {Role} role
 * @property {MemberState} state
 * @property {string} joinDate
 * @property {string} [leaveDate]
 * @property {string} [alertingDate]
 * @property {string} [connectedDate]
 * @property {string} [typingDate]  when the member last said it is typing
 * @property {string} [displayName]
 * @property {string} [firstName]
 * @property {string} [lastName]
 * @property {string} [email]
 * @property {string} [phoneNumber]
 * @property {string} [avatarImageUrl]
 * @property {Record<string, string>} [customFields]
 * @property {boolean} [authenticatedGuest]
 * @property {string} [agentId]  set for role AGENT
 *
 * @typedef {object} Message
 * @property {string} id
 * @property {string} senderId  the sender's communication id
 * @property {string} body
 * @property {'standard' | 'notice' | 'member-join' | 'member-leave' | 'media-request'} bodyType
 * @property {string} timestamp
 * @property {{id: string}[]} [attachments]  files the message carries (Web Messaging)
 * @property {object[]} [content]  Web Messaging structured content (`content[]` items: quick replies, cards, a
 *   carousel, a date picker, or the guest's `ButtonResponse` answer), as on the wire
 *
 * @typedef {object} Conversation
 * @property {string} id
 * @property {string} kind  'guest-chat', 'third-party-chat', or another transport's kind
 * @property {{id: string, name: string}} queue
 * @property {string} createdAt
 * @property {string} [endedAt]
 * @property {boolean} routed  routing has started
 * @property {string} [provider]
 * @property {Member[]} members
 * @property {Message[]} messages
 * @property {Set<string>} declinedBy  agents that declined it
 * @property {Map<string, number>} rangOut  how often each agent let it ring until the offer timed out
 *
 * @typedef {object} Agent
 * @property {string} id  the agent's user id
 * @property {string} token  its Bearer token on the agent endpoints
 * @property {string} displayName
 * @property {string} [avatarImageUrl]
 * @property {boolean} autoAnswer
 * @property {number} autoAnswerDelayMs
 * @property {'echo' | null} bot
 * @property {number} presenceTimeoutMs  0 = present until signed out; else signed out this long after its last call
 * @property {NodeJS.Timeout} [presenceTimer]
 *
 * @typedef {object} Faults
 * @property {boolean} heartbeats
 * @property {number} latencyMs
 * @property {{count: number, status: number, pathContains?: string, side?: 'guest' | 'agent',
 *   retryAfterSeconds?: number} | null} failNext
 * @property {{count: number, code: number, retryAfterSeconds?: number} | null} failNextFrames  Web Messaging onMessage
 * @property {boolean} duplicateEvents
 * @property {{count: number, status: number, side?: 'guest' | 'agent', retryAfterSeconds?: number} | null}
 *   failNextSend  the next message sent (Guest Chat REST, Web Messaging onMessage, an agent's send)
 *
 * @typedef {{type: 'member', member: Member} | {type: 'message', message: Message}
 *   | {type: 'typing', typing: Typing} | {type: 'ended'}} ConversationEvent
 *
 * @typedef {{id: string, senderId: string, timestamp: string, durationMs?: number}} Typing
 */

/** @returns {Faults} */
const noFaults = () => ({
  heartbeats: true,
  latencyMs: 0,
  failNext: null,
  failNextFrames: null,
  failNextSend: null,
  duplicateEvents: false,
});

/** A limit of the emulator's own is reached: callers answer it as their protocol's 429. */
export class LimitError extends Error {
  /**
   * @param {string} message
   * @param {number} retryAfterSeconds
   */
  constructor(message, retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** ISO-8601 UTC with milliseconds, as Genesys sends dates. */
export const now = () => new Date().toISOString();

export const newId = () => randomUUID();

/**
 * The store. Emits `event` (conversation, ConversationEvent) for every change a guest should hear about; each guest
 * transport listens and frames it for its own sockets.
 */
export class Store extends EventEmitter {
  /** @param {EmulatorConfig} config */
  constructor(config) {
    super();
    this.config = config;
    /** @type {Map<string, Agent>} */
    this.agents = new Map();
    /** @type {Map<string, Conversation>} */
    this.conversations = new Map();
    /** @type {Faults} */
    this.faults = noFaults();
    /** Open guest sockets of every transport; `dropSockets` and `reset` close them. @type {Set<{terminate(): void}>} */
    this.sockets = new Set();
    /** @type {Set<NodeJS.Timeout>} */
    this.timers = new Set();
    /** Web Messaging sessions by the guest's session token. @type {Map<string, import('./web-messaging/session.js').Session>} */
    this.webMessagingSessions = new Map();
    /**
     * Tokens (and session ids) of Web Messaging sessions that expired and were freed, so that they still answer
     * 4006 rather than "not found"; the oldest are forgotten past `maxLiveSessions`. @type {Map<string, string>}
     */
    this.expiredSessions = new Map();
    /** Mints and checks this emulator's guest tokens. */
    this.jwt = new JwtIssuer();
    /** This emulator's own address (`http://host:port`), once it listens: the echo bot's card pictures live there. */
    this.publicUrl = '';
  }

  /**
   * Runs `fn` after `ms`; every pending timer is cancelled by `reset` and `close`.
   * @param {() => void} fn
   * @param {number} ms
   */
  later(fn, ms) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** @param {NodeJS.Timeout | undefined} timer */
  cancel(timer) {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /**
   * @param {Conversation} conversation
   * @param {ConversationEvent} event
   */
  publish(conversation, event) {
    this.emit('event', conversation, event);
  }

  /**
   * Makes room for one more conversation: forgets the oldest ended ones past `maxEndedConversations`, and refuses
   * with LimitError when `maxLiveConversations` are still going.
   */
  admitConversation() {
    const ended = [];
    let live = 0;
    for (const conversation of this.conversations.values()) {
      if (conversation.endedAt === undefined) live += 1;
      else ended.push(conversation);
    }
    if (live >= this.config.maxLiveConversations) {
      throw new LimitError(`The emulator holds ${live} conversations that have not ended, its limit.`, 60);
    }
    ended.sort((a, b) => Date.parse(/** @type {string} */ (a.endedAt)) - Date.parse(/** @type {string} */ (b.endedAt)));
    for (const old of ended.slice(0, Math.max(0, ended.length - this.config.maxEndedConversations))) {
      this.conversations.delete(old.id);
    }
  }

  /**
   * Remembers a freed, expired Web Messaging session's token.
   * @param {string} token
   * @param {string} sessionId
   */
  rememberExpired(token, sessionId) {
    this.expiredSessions.set(token, sessionId);
    for (const oldest of this.expiredSessions.keys()) {
      if (this.expiredSessions.size <= this.config.maxLiveSessions) break;
      this.expiredSessions.delete(oldest);
    }
  }

  /** @param {string} token */
  agentByToken(token) {
    for (const agent of this.agents.values()) if (agent.token === token) return agent;
    return undefined;
  }

  /** @param {string} name */
  queueByName(name) {
    return this.config.queues.find((queue) => queue.name === name);
  }

  /** @param {string} id */
  queueById(id) {
    return this.config.queues.find((queue) => queue.id === id);
  }

  /** Closes every guest socket abruptly, as a network drop would. */
  dropSockets() {
    for (const socket of [...this.sockets]) socket.terminate();
  }

  clearFaults() {
    this.faults = noFaults();
  }

  /** Forgets every conversation, agent and fault, and closes every socket and timer. */
  reset() {
    this.dropSockets();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.agents.clear();
    this.conversations.clear();
    this.webMessagingSessions.clear();
    this.expiredSessions.clear();
    this.clearFaults();
    this.emit('reset');
  }
}
