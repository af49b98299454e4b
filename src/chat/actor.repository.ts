import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { toMember, type Member, type Partnership } from "../partnerships/index.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Platform, PlatformUser } from "./chat-port.ts";

/** A membership found for a platform identity. */
export interface Membership {
  member: Member;
  partnership: Partnership;
}

/** Every active membership of a platform user (by user id or Teams AAD object id). */
export async function findMemberships(db: Db, user: PlatformUser): Promise<Membership[]> {
  const ids = [user.userId, user.aadObjectId].filter((v): v is string => v !== undefined && v !== "");
  const rows = await db
    .selectFrom("member_identities as i")
    .innerJoin("members as m", "m.id", "i.member_id")
    .innerJoin("partnerships as p", "p.id", "m.partnership_id")
    .where("i.platform", "=", user.platform)
    .where("i.platform_user_id", "in", ids)
    .where("m.active", "=", true)
    .selectAll("m")
    .select(["p.name as partnership_name", "p.city", "p.time_zone", "p.locale as partnership_locale"])
    .distinctOn("m.id")
    .orderBy("m.id")
    .execute();
  return rows
    .map((r) => ({
      member: toMember(r),
      partnership: { id: r.partnership_id, name: r.partnership_name, city: r.city, timeZone: r.time_zone, locale: r.partnership_locale as Locale },
    }))
    .sort((a, b) => a.partnership.name.localeCompare(b.partnership.name, "sv"));
}

/** Partnerships that have `channelId` as one of their channels on `platform`. */
export async function partnershipsOfChannel(db: Db, platform: Platform, channelId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom("channels as c")
    .innerJoin("partnerships as p", "p.id", "c.partnership_id")
    .where("c.platform", "=", platform)
    .where("c.conversation", "=", channelId)
    .where("c.active", "=", true)
    .select(["p.id", "p.name"])
    .distinct()
    .execute();
}

/** Display names of the admins and samordning of the given partnerships, to tell an outsider whom to ask. */
export async function contactsOf(db: Db, partnershipIds: string[]): Promise<string[]> {
  if (partnershipIds.length === 0) return [];
  const rows = await db
    .selectFrom("members")
    .where("partnership_id", "in", partnershipIds)
    .where("active", "=", true)
    .where(sql<boolean>`roles && array['admin', 'samordning']::text[]`)
    .select("display_name")
    .orderBy("display_name")
    .execute();
  return rows.map((r) => r.display_name);
}

/** The partnership a person chose for direct messages, if any. */
export async function findChoice(db: Db, user: PlatformUser): Promise<string | undefined> {
  const row = await db
    .selectFrom("partnership_choices")
    .where("platform", "=", user.platform)
    .where("platform_user_id", "=", user.userId)
    .select("partnership_id")
    .executeTakeFirst();
  return row?.partnership_id;
}

/** Remembers the partnership a person chose. */
export async function saveChoice(db: Db, user: PlatformUser, partnershipId: string): Promise<void> {
  await db
    .insertInto("partnership_choices")
    .values({ platform: user.platform, platform_user_id: user.userId, partnership_id: partnershipId })
    .onConflict((oc) => oc.columns(["platform", "platform_user_id"]).doUpdateSet({ partnership_id: partnershipId, chosen_at: sql`now()` }))
    .execute();
}
