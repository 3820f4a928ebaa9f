/** The notice code of a chat kept from an earlier page that the server no longer has: the form says it has ended. */
export const EARLIER_CHAT_ENDED = 'earlier-chat-ended';
