import type { FileAttachment, Message } from "./message.ts";

/** The chat platforms Samverka speaks on. */
export type Platform = "slack" | "teams";

/** Opaque reference to a conversation (`slack:…`, `teams:…`); only the owning adapter decodes it. */
export type ConversationRef = string;

/** Opaque reference to a posted message, stored so a job can update it hours later. */
export type MessageRef = string;

/** The person on the platform: their platform user id, plus the Teams AAD object id when known. */
export interface PlatformUser {
  platform: Platform;
  userId: string;
  aadObjectId?: string;
  displayName?: string;
}

/**
 * How an outbox row is sent: `key` is its idempotency key, carried with the message where the platform can keep it
 * (Slack message metadata). `resendSince` marks a send that may repeat an earlier one the platform accepted without
 * the bot learning it (a crash, a timeout): the adapter first looks for a message posted under `key` since then and
 * returns its ref instead of posting again; a platform that cannot look posts again and says it may be a repeat.
 */
export interface SendOptions {
  key: string;
  resendSince?: Date;
}

/** What the core needs from a chat platform to send on its own (the outbox). No SDK type crosses it. Answers to an event go through its `ReplyPort`. */
export interface ChatPort {
  readonly platform: Platform;
  /** The ref for a channel id as written in a partnership file (Slack `C…`, Teams `19:…`). */
  channelRef(channelId: string): ConversationRef;
  /** The channel id inside a ref (the inverse of `channelRef`), or undefined for a ref of another platform. */
  channelIdOf(ref: ConversationRef): string | undefined;
  /** Posts to a channel or chat and returns a reference for later updates. */
  post(conversation: ConversationRef, message: Message, options?: SendOptions): Promise<MessageRef>;
  /** Replaces a posted message in place. */
  update(ref: MessageRef, message: Message): Promise<void>;
  /** Removes a posted message (when it must go and cannot be replaced). */
  delete(ref: MessageRef): Promise<void>;
  /** The 1:1 conversation with a user, opened (and remembered) if needed; for files and forms sent directly. */
  directConversation(userId: string): Promise<ConversationRef>;
  /** Sends a direct (1:1) message to a user. */
  sendDirect(userId: string, message: Message, options?: SendOptions): Promise<MessageRef>;
  /** Attaches a file (.ics, .csv, .xlsx) to a conversation. */
  attachFile(conversation: ConversationRef, file: FileAttachment): Promise<void>;
}
