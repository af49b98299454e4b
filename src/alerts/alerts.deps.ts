import type { CoreDeps } from "../app/feature.ts";
import type { ConversationRef, Platform } from "../chat/index.ts";

/** What every alerts use case works with: the core dependencies and the composition root's channel lookup. */
export interface AlertsDeps extends CoreDeps {
  /** The channel id of a conversation as the partnership file writes it (its platform's adapter decodes the ref); undefined in a 1:1 chat. */
  channelIdOf(platform: Platform, conversation: ConversationRef): string | undefined;
}
