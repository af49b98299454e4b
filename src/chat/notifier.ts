import type { ConversationRef, MessageRef, Platform } from "./chat-port.ts";
import type { FileAttachment, Message } from "./message.ts";
import type { Locale } from "../shared/i18n.ts";

/** Composes a message for one audience; called once per locale/time zone that is needed. */
export type Compose = (audience: { locale: Locale; timeZone: string }) => Message;

/** Where a message landed; stored (as JSON) so it can be updated in place later. */
export interface Delivery {
  platform: Platform;
  message: MessageRef;
  conversation: ConversationRef;
  memberId?: string;
  locale: Locale;
  timeZone: string;
}

/** Which of a partnership's channels to post to. */
export interface ChannelFilter {
  purpose?: "partnership" | "group" | "alerts";
  groupId?: string;
}

/** Sends to members and channels across every platform a partnership uses. */
export interface Notifier {
  /** Direct message to a member on their primary platform identity; empty when they have none. */
  toMember(memberId: string, compose: Compose): Promise<Delivery[]>;
  /** Posts to the partnership's channels matching the filter, on every platform. */
  toChannels(partnershipId: string, filter: ChannelFilter, compose: Compose): Promise<Delivery[]>;
  /** Updates earlier deliveries in place, each in its own locale; failures are logged, not thrown. */
  update(deliveries: Delivery[], compose: Compose): Promise<void>;
  /** Attaches a file in a member's direct conversation. */
  fileToMember(memberId: string, file: FileAttachment): Promise<void>;
  /** Attaches a file to the matching channels. */
  fileToChannels(partnershipId: string, filter: ChannelFilter, file: FileAttachment): Promise<void>;
}
