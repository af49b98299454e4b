import type { ConversationRef, PlatformUser } from "../chat/index.ts";
import type { Actor } from "../app/feature.ts";
import { getGroup, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";

/**
 * The group whose channel an event came from: the partnership file maps the channel to exactly one group of the
 * actor's partnership. Undefined in a direct chat, a partnership or alerts channel, or a channel of several groups:
 * there the conversation does not decide, and the person is asked.
 */
export async function groupOfConversation(
  deps: MeetingsDeps,
  actor: Actor,
  event: { user: PlatformUser; conversation: ConversationRef },
): Promise<MeetingGroup | undefined> {
  const channelId = deps.channelIdOf(event.user.platform, event.conversation);
  if (channelId === undefined) return undefined;
  const rows = await deps.db
    .selectFrom("channels as c")
    .innerJoin("groups as g", "g.id", "c.group_id")
    .select("g.id")
    .distinct()
    .where("c.partnership_id", "=", actor.partnership.id)
    .where("c.platform", "=", event.user.platform)
    .where("c.conversation", "=", channelId)
    .where("c.purpose", "=", "group")
    .where("c.active", "=", true)
    .where("g.active", "=", true)
    .execute();
  return rows.length === 1 ? getGroup(deps.db, rows[0]!.id) : undefined;
}
