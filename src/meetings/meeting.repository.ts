import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Delivery } from "../chat/notifier.ts";
import type { Cadence, GroupKind, GroupRole } from "../partnerships/partnership.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Locale } from "../shared/i18n.ts";
import { cadenceOf, loadMeetingSettings, type MeetingSettings } from "./meeting-settings.ts";
import type { MeetingStatus } from "./meetings.tables.ts";

/** A group as planning and messages need it. */
export interface MeetingGroup {
  id: string;
  partnershipId: string;
  key: string;
  kind: GroupKind;
  name: string;
  cadence: Cadence;
  settings: MeetingSettings;
  timeZone: string;
  partnershipName: string;
  locale: Locale;
}

/** A stored meeting with its group. */
export interface Meeting {
  id: string;
  partnershipId: string;
  groupId: string;
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  plannedStartsAt: Date;
  sequence: number;
  invitedAt: Date | null;
  agendaSentAt: Date | null;
  minutesAt: Date | null;
  invitationDeliveries: Delivery[];
  agendaDeliveries: Delivery[];
}

/** Statuses of a meeting that still counts towards the cadence. */
export const LIVE_STATUSES: readonly MeetingStatus[] = ["planned", "invited", "moved", "held"];

function toGroup(row: GroupRow): MeetingGroup {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    key: row.key,
    kind: row.kind as GroupKind,
    name: row.name,
    cadence: cadenceOf(row),
    settings: loadMeetingSettings(row),
    timeZone: row.time_zone,
    partnershipName: row.partnership_name,
    locale: row.locale as Locale,
  };
}

type GroupRow = Awaited<ReturnType<ReturnType<typeof groupQuery>["executeTakeFirstOrThrow"]>>;

function groupQuery(db: Db) {
  return db
    .selectFrom("groups as g")
    .innerJoin("partnerships as p", "p.id", "g.partnership_id")
    .where("g.active", "=", true)
    .select(["g.id", "g.partnership_id", "g.key", "g.kind", "g.name", "g.cadence_kind", "g.cadence_months", "g.meeting_settings", "p.time_zone", "p.name as partnership_name", "p.locale"]);
}

/** The active groups of a partnership, in key order. */
export async function listGroups(db: Db, partnershipId: string): Promise<MeetingGroup[]> {
  return (await groupQuery(db).where("g.partnership_id", "=", partnershipId).orderBy("g.key").execute()).map(toGroup);
}

/** Every active group of every partnership; a group whose settings no longer load is reported and left out. */
export async function listAllGroups(db: Db, onUnusable: (groupId: string, error: unknown) => void): Promise<MeetingGroup[]> {
  return (await groupQuery(db).orderBy("g.partnership_id").orderBy("g.key").execute()).flatMap((row) => {
    try {
      return [toGroup(row)];
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
  return toGroup(row);
}

const meetingColumns = [
  "id", "partnership_id", "group_id", "status", "starts_at", "ends_at", "planned_starts_at", "sequence",
  "invited_at", "agenda_sent_at", "minutes_at", "invitation_deliveries", "agenda_deliveries",
] as const;

type MeetingRow = {
  id: string; partnership_id: string; group_id: string; status: MeetingStatus; starts_at: Date; ends_at: Date; planned_starts_at: Date; sequence: number;
  invited_at: Date | null; agenda_sent_at: Date | null; minutes_at: Date | null; invitation_deliveries: Delivery[]; agenda_deliveries: Delivery[];
};

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id, partnershipId: r.partnership_id, groupId: r.group_id, status: r.status, startsAt: r.starts_at, endsAt: r.ends_at,
    plannedStartsAt: r.planned_starts_at, sequence: r.sequence, invitedAt: r.invited_at, agendaSentAt: r.agenda_sent_at,
    minutesAt: r.minutes_at, invitationDeliveries: r.invitation_deliveries, agendaDeliveries: r.agenda_deliveries,
  };
}

/** A meeting by id, or undefined (ids come from old buttons and reminders). */
export async function findMeeting(db: Db, meetingId: string): Promise<Meeting | undefined> {
  if (!isUuid(meetingId)) return undefined;
  const row = await db.selectFrom("meetings").select(meetingColumns).where("id", "=", meetingId).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** Meetings of a group between two instants (inclusive), oldest first. */
export async function listMeetings(db: Db, groupId: string, from: Date, until: Date, statuses: readonly MeetingStatus[] = LIVE_STATUSES): Promise<Meeting[]> {
  const rows = await db
    .selectFrom("meetings").select(meetingColumns)
    .where("group_id", "=", groupId).where("starts_at", ">=", from).where("starts_at", "<=", until).where("status", "in", [...statuses])
    .orderBy("starts_at").execute();
  return rows.map(toMeeting);
}

/** The live meeting of a group just before (`"before"`) or after (`"after"`) an instant, other than `exceptId`. */
export async function neighbourMeeting(db: Db, groupId: string, at: Date, side: "before" | "after", exceptId?: string): Promise<Meeting | undefined> {
  let query = db.selectFrom("meetings").select(meetingColumns).where("group_id", "=", groupId).where("status", "in", [...LIVE_STATUSES]);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  query = side === "before" ? query.where("starts_at", "<", at).orderBy("starts_at", "desc") : query.where("starts_at", ">", at).orderBy("starts_at", "asc");
  const row = await query.limit(1).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** The latest live meeting of a group; planning continues after it. */
export async function latestMeeting(db: Db, groupId: string): Promise<Meeting | undefined> {
  const row = await db.selectFrom("meetings").select(meetingColumns).where("group_id", "=", groupId).where("status", "in", [...LIVE_STATUSES])
    .orderBy("starts_at", "desc").limit(1).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** Runs `work` holding the group's planning lock, so two planners never plan the same group twice. */
export async function withGroupLock<T>(db: Db, groupId: string, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`meetings:${groupId}`}))`.execute(trx);
    return work(trx);
  });
}

/** Stores newly planned meetings. */
export async function insertPlannedMeetings(db: Db, group: MeetingGroup, meetings: { startsAt: Date; endsAt: Date }[], now: Date): Promise<Meeting[]> {
  if (meetings.length === 0) return [];
  const rows = await db
    .insertInto("meetings")
    .values(meetings.map((m) => ({
      partnership_id: group.partnershipId, group_id: group.id, starts_at: m.startsAt, ends_at: m.endsAt, planned_starts_at: m.startsAt, updated_at: now,
    })))
    .returning(meetingColumns).execute();
  return rows.map(toMeeting);
}

/** Updates a meeting's columns. */
export async function updateMeeting(
  db: Db,
  meetingId: string,
  changes: Partial<{ status: MeetingStatus; starts_at: Date; ends_at: Date; sequence: number; invited_at: Date; agenda_sent_at: Date; minutes_at: Date; cancelled_at: Date; invitation_deliveries: Delivery[]; agenda_deliveries: Delivery[] }>,
  now: Date,
): Promise<void> {
  const { invitation_deliveries, agenda_deliveries, ...rest } = changes;
  await db
    .updateTable("meetings")
    .set({
      ...rest,
      ...(invitation_deliveries === undefined ? {} : { invitation_deliveries: JSON.stringify(invitation_deliveries) }),
      ...(agenda_deliveries === undefined ? {} : { agenda_deliveries: JSON.stringify(agenda_deliveries) }),
      updated_at: now,
    })
    .where("id", "=", meetingId)
    .execute();
}

/** A member of a group with their seat. */
export interface GroupSeat {
  memberId: string;
  displayName: string;
  role: GroupRole;
  roles: string[];
}

/** The active members of a group, chair and secretary first. */
export async function listSeats(db: Db, groupId: string): Promise<GroupSeat[]> {
  const rows = await db
    .selectFrom("group_members as gm").innerJoin("members as m", "m.id", "gm.member_id")
    .where("gm.group_id", "=", groupId).where("m.active", "=", true)
    .select(["m.id", "m.display_name", "gm.role", "m.roles"]).orderBy("m.display_name").execute();
  const order: GroupRole[] = ["chair", "secretary", "member"];
  return rows
    .map((r) => ({ memberId: r.id, displayName: r.display_name, role: r.role, roles: r.roles }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

/** The groups a member sits in. */
export async function groupIdsOfMember(db: Db, memberId: string): Promise<string[]> {
  const rows = await db.selectFrom("group_members").select("group_id").where("member_id", "=", memberId).execute();
  return rows.map((r) => r.group_id);
}

/** The group whose channel `conversation` is, if any. */
export async function groupOfChannel(db: Db, partnershipId: string, conversationId: string): Promise<string | undefined> {
  const row = await db.selectFrom("channels").select("group_id")
    .where("partnership_id", "=", partnershipId).where("conversation", "=", conversationId).where("purpose", "=", "group").where("active", "=", true)
    .executeTakeFirst();
  return row?.group_id ?? undefined;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
