import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { isUuid } from "../shared/uuid.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingOrigin, MeetingStatus } from "./meetings.tables.ts";

/** A stored meeting. */
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
  origin: MeetingOrigin;
  location: string | null;
  reason: string | null;
}

/** Statuses of a meeting that still counts towards the cadence. */
const LIVE_STATUSES: readonly MeetingStatus[] = ["planned", "invited", "moved", "held"];

const meetingColumns = [
  "id",
  "partnership_id",
  "group_id",
  "status",
  "starts_at",
  "ends_at",
  "planned_starts_at",
  "sequence",
  "invited_at",
  "agenda_sent_at",
  "minutes_at",
  "origin",
  "location",
  "reason",
] as const;

type MeetingRow = {
  id: string;
  partnership_id: string;
  group_id: string;
  status: MeetingStatus;
  starts_at: Date;
  ends_at: Date;
  planned_starts_at: Date;
  sequence: number;
  invited_at: Date | null;
  agenda_sent_at: Date | null;
  minutes_at: Date | null;
  origin: MeetingOrigin;
  location: string | null;
  reason: string | null;
};

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    partnershipId: r.partnership_id,
    groupId: r.group_id,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    plannedStartsAt: r.planned_starts_at,
    sequence: r.sequence,
    invitedAt: r.invited_at,
    agendaSentAt: r.agenda_sent_at,
    minutesAt: r.minutes_at,
    origin: r.origin,
    location: r.location,
    reason: r.reason,
  };
}

/** A meeting by id, or undefined (ids come from old buttons and reminders). */
export async function findMeeting(db: Db, meetingId: string): Promise<Meeting | undefined> {
  if (!isUuid(meetingId)) return undefined;
  const row = await db.selectFrom("meetings").select(meetingColumns).where("id", "=", meetingId).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/**
 * The meeting, locked until the caller's transaction ends, so two changes to it (a move and a cancellation, two
 * deliveries of its invitation) run one after the other and each sees what the other did.
 */
export async function lockMeeting(db: Db, meetingId: string): Promise<Meeting | undefined> {
  if (!isUuid(meetingId)) return undefined;
  const row = await db.selectFrom("meetings").select(meetingColumns).where("id", "=", meetingId).forUpdate().executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** Meetings of a group between two instants (inclusive), oldest first. */
export async function listMeetings(db: Db, groupId: string, from: Date, until: Date, statuses: readonly MeetingStatus[] = LIVE_STATUSES): Promise<Meeting[]> {
  const rows = await db
    .selectFrom("meetings")
    .select(meetingColumns)
    .where("group_id", "=", groupId)
    .where("starts_at", ">=", from)
    .where("starts_at", "<=", until)
    .where("status", "in", [...statuses])
    .orderBy("starts_at")
    .execute();
  return rows.map(toMeeting);
}

/** The live meeting of a group just before (`"before"`) or after (`"after"`) an instant, other than `exceptId`. */
export async function neighbourMeeting(db: Db, groupId: string, at: Date, side: "before" | "after", exceptId?: string): Promise<Meeting | undefined> {
  let query = db
    .selectFrom("meetings")
    .select(meetingColumns)
    .where("group_id", "=", groupId)
    .where("status", "in", [...LIVE_STATUSES]);
  if (exceptId !== undefined) query = query.where("id", "!=", exceptId);
  query = side === "before" ? query.where("starts_at", "<", at).orderBy("starts_at", "desc") : query.where("starts_at", ">", at).orderBy("starts_at", "asc");
  const row = await query.limit(1).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** The latest live meeting of a group; planning continues after it. */
export async function latestMeeting(db: Db, groupId: string): Promise<Meeting | undefined> {
  const row = await db
    .selectFrom("meetings")
    .select(meetingColumns)
    .where("group_id", "=", groupId)
    .where("status", "in", [...LIVE_STATUSES])
    .orderBy("starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/**
 * Runs `work` holding the group's planning lock, so two planners never plan the same group twice. Inside the
 * caller's unit of work the lock lasts as long as its transaction; alone, in a short one of its own.
 */
export async function withGroupLock<T>(db: Db, groupId: string, work: (trx: Db) => Promise<T>): Promise<T> {
  const locked = async (trx: Db) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`meetings:${groupId}`}))`.execute(trx);
    return work(trx);
  };
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}

/** Stores newly planned meetings. */
export async function insertPlannedMeetings(db: Db, group: MeetingGroup, meetings: { startsAt: Date; endsAt: Date }[], now: Date): Promise<Meeting[]> {
  if (meetings.length === 0) return [];
  const rows = await db
    .insertInto("meetings")
    .values(
      meetings.map((m) => ({
        partnership_id: group.partnershipId,
        group_id: group.id,
        starts_at: m.startsAt,
        ends_at: m.endsAt,
        planned_starts_at: m.startsAt,
        updated_at: now,
      })),
    )
    .returning(meetingColumns)
    .execute();
  return rows.map(toMeeting);
}

/** Stores a meeting called outside the plan (an extra meeting, or a poll's chosen time). */
export async function insertCalledMeeting(
  db: Db,
  group: MeetingGroup,
  meeting: {
    startsAt: Date;
    endsAt: Date;
    origin: Exclude<MeetingOrigin, "plan">;
    location: string | null;
    reason: string | null;
    calledBy: string | null;
    request?: string;
  },
  now: Date,
): Promise<Meeting> {
  const row = await db
    .insertInto("meetings")
    .values({
      partnership_id: group.partnershipId,
      group_id: group.id,
      starts_at: meeting.startsAt,
      ends_at: meeting.endsAt,
      planned_starts_at: meeting.startsAt,
      origin: meeting.origin,
      location: meeting.location,
      reason: meeting.reason,
      called_by_member_id: meeting.calledBy,
      request_key: meeting.request ?? null,
      updated_at: now,
    })
    .returning(meetingColumns)
    .executeTakeFirstOrThrow();
  return toMeeting(row);
}

/** The meeting a request (its inbox row) called, when it was handled before. */
export async function findCalledMeeting(db: Db, request: string): Promise<Meeting | undefined> {
  const row = await db.selectFrom("meetings").select(meetingColumns).where("request_key", "=", request).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** Updates a meeting's columns. */
export async function updateMeeting(
  db: Db,
  meetingId: string,
  changes: Partial<{
    status: MeetingStatus;
    starts_at: Date;
    ends_at: Date;
    sequence: number;
    invited_at: Date;
    agenda_sent_at: Date;
    minutes_at: Date;
    cancelled_at: Date;
  }>,
  now: Date,
): Promise<void> {
  await db
    .updateTable("meetings")
    .set({ ...changes, updated_at: now })
    .where("id", "=", meetingId)
    .execute();
}
