export type { ChatPort, ConversationRef, MessageRef, Platform, PlatformUser } from "./chat-port.ts";
// chat-port's SendOptions (idempotency key, resend) is not notifier's SendOptions (message key, card): renamed here.
export type { SendOptions as PlatformSendOptions } from "./chat-port.ts";
export type { FormResult, FormValues, InboundEvent, InboundHandler, Reply, ReplyPort } from "./inbound.ts";
export { createReply } from "./reply.ts";
export type { Block, Button, Choice, FileAttachment, FormField, FormView, Message } from "./message.ts";
export { textMessage } from "./message.ts";
export { roleNames } from "./chat.messages.ts";
export type { ChannelFilter, Compose, Content, DirectMessage, Live, Notifier, SendOptions } from "./notifier.ts";
export { createChatRouter } from "./router.ts";
export { createCommandRegistry, type CommandRegistry } from "./command-registry.ts";
