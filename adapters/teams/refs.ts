import { SamverkaError } from "../../src/shared/errors.ts";

const PREFIX = "teams:";
// Teams conversation and activity ids never contain "|" (ids look like a:…, 19:…@thread.tacv2;messageid=…, 1:…).
const SEPARATOR = "|";

/** `teams:<conversation id>`. */
export function encodeConversationRef(conversationId: string): string {
  return `${PREFIX}${conversationId}`;
}

/** The conversation id inside a `teams:` ref; throws for a ref of another platform. */
export function decodeConversationRef(ref: string): string {
  if (!ref.startsWith(PREFIX) || ref.length === PREFIX.length || ref.includes(SEPARATOR)) {
    throw new SamverkaError("internal", `"${ref}" is not a Teams conversation reference.`);
  }
  return ref.slice(PREFIX.length);
}

/** `teams:<conversation id>|<activity id>`: everything needed to update a posted card later. */
export function encodeMessageRef(conversationId: string, activityId: string): string {
  return `${PREFIX}${conversationId}${SEPARATOR}${activityId}`;
}

/** The conversation and activity ids inside a message ref. */
export function decodeMessageRef(ref: string): { conversationId: string; activityId: string } {
  const at = ref.lastIndexOf(SEPARATOR);
  if (!ref.startsWith(PREFIX) || at <= PREFIX.length || at === ref.length - 1) {
    throw new SamverkaError("internal", `"${ref}" is not a Teams message reference.`);
  }
  return { conversationId: ref.slice(PREFIX.length, at), activityId: ref.slice(at + 1) };
}

/** A channel thread id (`19:…@thread.tacv2;messageid=…`) without its thread suffix: the channel itself. */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(";messageid=");
  return at === -1 ? conversationId : conversationId.slice(0, at);
}
