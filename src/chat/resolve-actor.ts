import type { Actor } from "../app/feature.ts";
import type { Db } from "../db/database.ts";
import type { ChatPort, ConversationRef, PlatformUser } from "./chat-port.ts";
import { findChoice, findMemberships, partnershipsOfChannel, type Membership } from "./actor.repository.ts";

/** Who is acting: a member in one partnership, nobody we know, or a member who must pick a partnership. */
export type Resolution =
  | { kind: "member"; actor: Actor; memberships: Membership[] }
  | { kind: "outsider"; channelPartnerships: { id: string; name: string }[] }
  | { kind: "choose"; memberships: Membership[] };

/** Resolves the platform user to a member; the channel decides between partnerships, else the person's choice. */
export async function resolveActor(db: Db, chat: ChatPort, user: PlatformUser, conversation: ConversationRef): Promise<Resolution> {
  const memberships = await findMemberships(db, user);
  // Only outsiders and people in several partnerships need the channel's partnerships: most events skip the query.
  const channelPartnerships = async () => {
    const channelId = chat.channelIdOf(conversation);
    return channelId === undefined ? [] : partnershipsOfChannel(db, user.platform, channelId);
  };
  if (memberships.length === 0) return { kind: "outsider", channelPartnerships: await channelPartnerships() };

  const toActor = (m: Membership): Resolution => ({
    kind: "member",
    actor: { member: m.member, partnership: m.partnership, locale: m.member.locale },
    memberships,
  });
  if (memberships.length === 1) return toActor(memberships[0]!);

  const inChannelIds = new Set((await channelPartnerships()).map((p) => p.id));
  const inChannel = memberships.filter((m) => inChannelIds.has(m.partnership.id));
  if (inChannel.length === 1) return toActor(inChannel[0]!);

  const chosen = await findChoice(db, user);
  const choice = memberships.find((m) => m.partnership.id === chosen);
  return choice === undefined ? { kind: "choose", memberships } : toActor(choice);
}
