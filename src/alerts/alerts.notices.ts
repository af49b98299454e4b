import type { Content, Notifier } from "../chat/index.ts";

/**
 * Records one message to each member under `key` (the notifier adds the member); returns how many could be reached
 * on a configured platform. Delivery (with retries) happens after the caller's transaction commits.
 */
export async function tellMembers(notifier: Notifier, memberIds: readonly string[], content: Content, key: string, card?: string): Promise<number> {
  let reached = 0;
  for (const memberId of new Set(memberIds)) reached += await notifier.toMember(memberId, content, card === undefined ? { key } : { key, card });
  return reached;
}
