import type { Selectable } from "kysely";
import type { GroupTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import { meetingSettingsSchema, type MeetingSettingsInFile } from "./group-settings.schema.ts";
import { toMember } from "./member.repository.ts";
import type { Cadence, GroupKind, GroupRole, Member } from "./partnership.ts";

/** How a group's meetings are planned; `pattern.everyMonths` is resolved from the cadence for month cadences. */
export type MeetingSettings = MeetingSettingsInFile;

/** A group of a partnership with its cadence and meeting settings. */
export interface Group {
  id: string;
  partnershipId: string;
  key: string;
  kind: GroupKind;
  name: string;
  cadence: Cadence;
  meetings: MeetingSettings;
}

/** A member's seat in a group. */
export interface GroupSeat {
  member: Member;
  role: GroupRole;
}

/** A chat channel of a partnership, as written in its file (`C…`, `19:…`). */
export interface Channel {
  id: string;
  partnershipId: string;
  platform: "slack" | "teams";
  conversation: string;
  purpose: "partnership" | "group" | "alerts";
  groupId: string | null;
}

/** The meeting settings stored on a group row, with defaults filled in and the pattern's interval resolved. */
export function loadMeetingSettings(row: Pick<Selectable<GroupTable>, "id" | "meeting_settings" | "cadence_kind" | "cadence_months">): MeetingSettings {
  const parsed = meetingSettingsSchema.safeParse(row.meeting_settings);
  if (!parsed.success) {
    throw new SamverkaError("internal", `Group ${row.id} has meeting settings that no longer validate; re-import its partnership file.`, {
      cause: parsed.error,
    });
  }
  const everyMonths = parsed.data.pattern.everyMonths ?? (row.cadence_kind === "months" ? (row.cadence_months ?? undefined) : undefined);
  return { ...parsed.data, pattern: { ...parsed.data.pattern, ...(everyMonths === undefined ? {} : { everyMonths }) } };
}

/** The active groups of a partnership, by key. */
export async function listGroups(db: Db, partnershipId: string): Promise<Group[]> {
  const rows = await db.selectFrom("groups").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true).orderBy("key").execute();
  return rows.map(toGroup);
}

/** The active group `key` of a partnership. */
export async function findGroup(db: Db, partnershipId: string, key: string): Promise<Group | undefined> {
  const row = await db
    .selectFrom("groups")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("key", "=", key)
    .where("active", "=", true)
    .executeTakeFirst();
  return row === undefined ? undefined : toGroup(row);
}

/** The active members of a group with their seat (chair, secretary, member). */
export async function groupMembers(db: Db, groupId: string): Promise<GroupSeat[]> {
  const rows = await db
    .selectFrom("group_members")
    .innerJoin("members", "members.id", "group_members.member_id")
    .selectAll("members")
    .select("group_members.role as seat")
    .where("group_members.group_id", "=", groupId)
    .where("members.active", "=", true)
    .orderBy("members.display_name")
    .execute();
  return rows.map(({ seat, ...member }) => ({ member: toMember(member), role: seat }));
}

/** The active channels of a partnership, optionally only those of one purpose or group. */
export async function listChannels(db: Db, partnershipId: string, filter: { purpose?: Channel["purpose"]; groupId?: string } = {}): Promise<Channel[]> {
  let query = db.selectFrom("channels").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true);
  if (filter.purpose !== undefined) query = query.where("purpose", "=", filter.purpose);
  if (filter.groupId !== undefined) query = query.where("group_id", "=", filter.groupId);
  const rows = await query.orderBy("platform").orderBy("conversation").execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    platform: r.platform,
    conversation: r.conversation,
    purpose: r.purpose,
    groupId: r.group_id,
  }));
}

/** The cadence stored on a group row. */
function cadenceOf(row: Pick<Selectable<GroupTable>, "cadence_kind" | "cadence_months">): Cadence {
  return row.cadence_kind === "term" ? { kind: "term" } : { kind: "months", months: row.cadence_months ?? 1 };
}

/** A group row (or a query's selection of its columns) as a `Group`. */
export function toGroup(
  row: Pick<Selectable<GroupTable>, "id" | "partnership_id" | "key" | "kind" | "name" | "cadence_kind" | "cadence_months" | "meeting_settings">,
): Group {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    key: row.key,
    kind: row.kind as GroupKind,
    name: row.name,
    cadence: cadenceOf(row),
    meetings: loadMeetingSettings(row),
  };
}
