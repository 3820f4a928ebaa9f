import { TransportError, type EndReason } from '../transport/types.js';
import type { NoticeKind, SessionNotice } from './types.js';

/** The notice an error makes: a transport's failure keeps its reason and says whether the chat can go on. */
export function noticeFromError(error: unknown): SessionNotice {
  if (error instanceof TransportError) {
    return { code: error.reason, message: error.message, fatal: !error.retryable, status: error.status };
  }
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error), fatal: true };
}

/**
 * The transcript's last notice for a chat that ended for `reason`. A visitor who left a protocol that keeps the
 * conversation (`leaveEndsConversation: false`) is told the agent may still see it.
 */
export function endNotice(reason: EndReason, readOnly: boolean, leaveEndsConversation?: boolean): NoticeKind {
  if (readOnly) return 'ended-readonly';
  if (reason === 'agent-ended') return 'ended-by-agent';
  if (reason === 'expired') return 'ended-expired';
  if (reason === 'visitor-left' && leaveEndsConversation === false) return 'ended-agent-may-see';
  return 'ended';
}

/**
 * Logs a transport's warning once per code. Bad frames and rejected side calls are dropped by design and the chat
 * goes on; a server that keeps sending bad frames must not flood the site's console.
 */
export function warnOncePerCode(): (error: TransportError) => void {
  const warned = new Set<string>();
  return (error) => {
    const code = error.code ?? 'warning';
    if (warned.has(code)) return;
    warned.add(code);
    console.warn(`<guest-chat> ${error.message}; the chat goes on. Later ${code} problems are not logged.`);
  };
}
