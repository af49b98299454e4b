import type { ChatPort, ConversationRef, MessageRef, Platform } from "../../src/chat/chat-port.ts";
import type { FileAttachment, Message } from "../../src/chat/message.ts";

/** One call the core made on the platform edge. */
export type RecordedCall =
  | { op: "post"; conversation: ConversationRef; message: Message; ref: MessageRef }
  | { op: "update"; ref: MessageRef; message: Message }
  | { op: "delete"; ref: MessageRef }
  | { op: "direct"; userId: string; message: Message; ref: MessageRef }
  | { op: "file"; conversation: ConversationRef; file: FileAttachment };

/** An in-memory ChatPort at the platform edge for use-case tests; `failNext` makes the next call throw. */
export interface RecordingChat extends ChatPort {
  calls: RecordedCall[];
  /** Plain text of every message sent directly to `userId`. */
  directTextsTo(userId: string): string[];
  failNext(times?: number): void;
}

/** Flattens a message to the strings a person would read. */
export function messageText(message: Message): string {
  const parts = [message.text];
  for (const b of message.blocks) {
    if (b.type === "heading" || b.type === "text") parts.push(b.text);
    if (b.type === "facts") parts.push(...b.facts.map((f) => `${f.label}: ${f.value}`));
    if (b.type === "list") parts.push(...b.items);
    if (b.type === "buttons") parts.push(...b.buttons.map((x) => x.label));
  }
  return parts.join("\n");
}

/** Creates a recording ChatPort for `platform`; refs look like `<platform>:<channel>` and `<platform>:<channel>/<n>`. */
export function createRecordingChat(platform: Platform = "slack"): RecordingChat {
  const calls: RecordedCall[] = [];
  let seq = 0;
  let failures = 0;
  const guard = (): void => {
    if (failures > 0) {
      failures -= 1;
      throw new Error("platform unavailable (test)");
    }
  };
  return {
    platform,
    calls,
    channelRef: (channelId) => `${platform}:${channelId}`,
    channelIdOf: (ref) => (ref.startsWith(`${platform}:`) && !ref.includes("/") ? ref.slice(platform.length + 1) : undefined),
    directConversation: (userId) => Promise.resolve(`${platform}:dm-${userId}`),
    post(conversation, message) {
      guard();
      const ref = `${conversation}/${++seq}`;
      calls.push({ op: "post", conversation, message, ref });
      return Promise.resolve(ref);
    },
    update(ref, message) {
      guard();
      calls.push({ op: "update", ref, message });
      return Promise.resolve();
    },
    delete(ref) {
      guard();
      calls.push({ op: "delete", ref });
      return Promise.resolve();
    },
    sendDirect(userId, message) {
      guard();
      const ref = `${platform}:dm-${userId}/${++seq}`;
      calls.push({ op: "direct", userId, message, ref });
      return Promise.resolve(ref);
    },
    attachFile(conversation, file) {
      guard();
      calls.push({ op: "file", conversation, file });
      return Promise.resolve();
    },
    directTextsTo: (userId) => calls.flatMap((c) => (c.op === "direct" && c.userId === userId ? [messageText(c.message)] : [])),
    failNext(times = 1) {
      failures = times;
    },
  };
}
