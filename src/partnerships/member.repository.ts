import { sql, type Selectable } from "kysely";
import type { MemberTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Member, MemberRole } from "./partnership.ts";

/** A chat identity of a member. */
export interface MemberIdentity {
  platform: "slack" | "teams";
  userId: string;
}

/** The active members holding `role`, e.g. the samordning to alert on a cold night. */
export async function membersWithRole(db: Db, partnershipId: string, role: MemberRole): Promise<Member[]> {
  const rows = await db
    .selectFrom("members")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .where(sql<boolean>`${role} = any(${sql.ref("roles")})`)
    .orderBy("display_name")
    .execute();
  return rows.map(toMember);
}

/** The active members a chat user is, one per partnership they take part in. */
export async function findMembersByIdentity(db: Db, platform: "slack" | "teams", userId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom("member_identities")
    .innerJoin("members", "members.id", "member_identities.member_id")
    .selectAll("members")
    .where("member_identities.platform", "=", platform)
    .where("member_identities.platform_user_id", "=", userId)
    .where("members.active", "=", true)
    .orderBy("members.partnership_id")
    .execute();
  return rows.map(toMember);
}

/** A member's chat identities, the primary one first. */
export async function memberIdentities(db: Db, memberId: string): Promise<MemberIdentity[]> {
  const rows = await db
    .selectFrom("member_identities")
    .select(["platform", "platform_user_id"])
    .where("member_id", "=", memberId)
    .orderBy("position")
    .execute();
  return rows.map((r) => ({ platform: r.platform, userId: r.platform_user_id }));
}

/** Maps a members row to the core's `Member`. */
export function toMember(row: Selectable<MemberTable>): Member {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    key: row.key,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    locale: row.locale as Locale,
    roles: row.roles as Member["roles"],
  };
}

/**
 * Records the language a member chose in chat, for every membership of the same person (any member sharing one of
 * their chat identities), so they read one language whichever partnership writes to them; imports keep it.
 */
export async function chooseMemberLocale(db: Db, memberId: string, locale: Locale, now: Date): Promise<void> {
  const samePerson = db
    .selectFrom("member_identities as mine")
    .innerJoin("member_identities as theirs", (j) =>
      j.onRef("theirs.platform", "=", "mine.platform").onRef("theirs.platform_user_id", "=", "mine.platform_user_id"),
    )
    .where("mine.member_id", "=", memberId)
    .select("theirs.member_id");
  await db
    .updateTable("members")
    .set({ locale, locale_chosen_at: now })
    .where((eb) => eb.or([eb("id", "=", memberId), eb("id", "in", samePerson)]))
    .execute();
}
