import type { Db } from "../db/database.ts";
import { toGroup, type Group } from "../partnerships/index.ts";
import type { GroupRole } from "../partnerships/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Locale } from "../shared/i18n.ts";

/** A group as the partnerships capability reads it, plus what meeting messages need from its partnership. */
export interface MeetingGroup extends Group {
  timeZone: string;
  partnershipName: string;
  locale: Locale;
  /** The last day of the partnership's current agreement period: nothing is planned, invited or requested after it. */
  periodEnd: string;
}

function toMeetingGroup(row: GroupRow): MeetingGroup {
  return { ...toGroup(row), timeZone: row.time_zone, partnershipName: row.partnership_name, locale: row.locale as Locale, periodEnd: row.period_end };
}

type GroupRow = Awaited<ReturnType<ReturnType<typeof groupQuery>["executeTakeFirstOrThrow"]>>;

function groupQuery(db: Db) {
  return db
    .selectFrom("groups as g")
    .innerJoin("partnerships as p", "p.id", "g.partnership_id")
    .where("g.active", "=", true)
    .select([
      "g.id",
      "g.partnership_id",
      "g.key",
      "g.kind",
      "g.name",
      "g.cadence_kind",
      "g.cadence_months",
      "g.meeting_settings",
      "p.time_zone",
      "p.name as partnership_name",
      "p.locale",
      "p.period_end",
    ]);
}

/** The active groups of a partnership, in key order. */
export async function listGroups(db: Db, partnershipId: string): Promise<MeetingGroup[]> {
  return (await groupQuery(db).where("g.partnership_id", "=", partnershipId).orderBy("g.key").execute()).map(toMeetingGroup);
}

/** Every active group of every partnership; a group whose settings no longer load is reported and left out. */
export async function listAllGroups(db: Db, onUnusable: (groupId: string, error: unknown) => void): Promise<MeetingGroup[]> {
  return (await groupQuery(db).orderBy("g.partnership_id").orderBy("g.key").execute()).flatMap((row) => {
    try {
      return [toMeetingGroup(row)];
    } catch (error) {
      onUnusable(row.id, error);
      return [];
    }
  });
}

/** One active group; not_found when it is gone. */
export async function getGroup(db: Db, groupId: string): Promise<MeetingGroup> {
  const row = await groupQuery(db).where("g.id", "=", groupId).executeTakeFirst();
  if (row === undefined) throw new SamverkaError("not_found", `Group ${groupId} does not exist or is no longer active.`);
  return toMeetingGroup(row);
}

/** A member of a group with their seat. */
export interface GroupSeat {
  memberId: string;
  /** The member's key in the partnership file. */
  key: string;
  displayName: string;
  role: GroupRole;
  roles: string[];
  /** Work e-mail for calendar invitations, when the partnership file gives one. */
  email: string | null;
}

/** The active members of a group, chair and secretary first. */
export async function listSeats(db: Db, groupId: string): Promise<GroupSeat[]> {
  const rows = await db
    .selectFrom("group_members as gm")
    .innerJoin("members as m", "m.id", "gm.member_id")
    .where("gm.group_id", "=", groupId)
    .where("m.active", "=", true)
    .select(["m.id", "m.key", "m.display_name", "gm.role", "m.roles", "m.email"])
    .orderBy("m.display_name")
    .execute();
  const order: GroupRole[] = ["chair", "secretary", "member"];
  return rows
    .map((r) => ({ memberId: r.id, key: r.key, displayName: r.display_name, role: r.role, roles: r.roles, email: r.email }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

/** The groups a member sits in. */
export async function groupIdsOfMember(db: Db, memberId: string): Promise<string[]> {
  const rows = await db.selectFrom("group_members").select("group_id").where("member_id", "=", memberId).execute();
  return rows.map((r) => r.group_id);
}
