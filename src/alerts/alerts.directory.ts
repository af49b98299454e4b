import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { MemberRole, Partnership } from "../partnerships/partnership.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Locale } from "../shared/i18n.ts";

/** A night shelter that answers cold-night alerts. */
export interface NightShelter {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/** The partnership as alerts need it, read by id (reminders carry no actor). */
export async function findPartnership(db: Db, partnershipId: string): Promise<Partnership> {
  const row = await db.selectFrom("partnerships").where("id", "=", partnershipId).select(["id", "name", "city", "time_zone", "locale"]).executeTakeFirst();
  if (row === undefined) throw new SamverkaError("not_found", `Partnership ${partnershipId} does not exist.`);
  return { id: row.id, name: row.name, city: row.city, timeZone: row.time_zone, locale: row.locale as Locale };
}

/** The partnership's active night shelters, ordered by name. */
export async function findNightShelters(db: Db, partnershipId: string): Promise<NightShelter[]> {
  return db
    .selectFrom("activities as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .where("a.partnership_id", "=", partnershipId)
    .where("a.kind", "=", "night")
    .where("a.active", "=", true)
    .select(["a.id", "a.name", "a.organisation_id as organisationId", "o.name as organisationName"])
    .orderBy("a.name")
    .execute();
}

/** Active staff members of one activity. */
export async function findStaffOf(db: Db, activityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("activity_staff as s")
    .innerJoin("members as m", "m.id", "s.member_id")
    .where("s.activity_id", "=", activityId)
    .where("m.active", "=", true)
    .select("m.id")
    .orderBy("m.display_name")
    .execute();
  return rows.map((r) => r.id);
}

/** Active members holding any of `roles`, optionally only within one organisation. */
export async function findMembersWithRole(
  db: Db,
  partnershipId: string,
  roles: readonly MemberRole[],
  organisationId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom("members")
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`);
  if (organisationId !== undefined) query = query.where("organisation_id", "=", organisationId);
  const rows = await query.select("id").orderBy("display_name").execute();
  return rows.map((r) => r.id);
}

/** Display names by member id, for cards that say who answered. */
export async function findDisplayNames(db: Db, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db.selectFrom("members").where("id", "in", memberIds).select(["id", "display_name"]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Whether the member works at (is staff of) the activity. */
export async function isStaffOf(db: Db, memberId: string, activityId: string): Promise<boolean> {
  const row = await db.selectFrom("activity_staff").where("activity_id", "=", activityId).where("member_id", "=", memberId).select("member_id").executeTakeFirst();
  return row !== undefined;
}
