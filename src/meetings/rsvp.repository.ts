import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { GroupSeat } from "./meeting-group.repository.ts";
import type { RsvpAnswer } from "./meetings.tables.ts";
import type { RsvpTally } from "./meeting.views.ts";

/** A member's answer with its comment, as the chair, the secretary and the organisers see it. */
export interface RsvpComment {
  memberId: string;
  answer: RsvpAnswer;
  comment: string;
}

/** Records (or changes) a member's answer; a comment stays only while the answer it was written to does. */
export async function saveRsvp(db: Db, meetingId: string, memberId: string, answer: RsvpAnswer, at: Date): Promise<void> {
  await db
    .insertInto("meeting_rsvps")
    .values({ meeting_id: meetingId, member_id: memberId, answer, answered_at: at })
    .onConflict((oc) =>
      oc.columns(["meeting_id", "member_id"]).doUpdateSet({
        answer,
        answered_at: at,
        comment: sql<string | null>`case when meeting_rsvps.answer = excluded.answer then meeting_rsvps.comment end`,
      }),
    )
    .execute();
}

/** Puts a comment on the member's answer; false when they have not answered (or a move cleared the answers). */
export async function saveRsvpComment(db: Db, meetingId: string, memberId: string, comment: string): Promise<boolean> {
  const result = await db
    .updateTable("meeting_rsvps")
    .set({ comment })
    .where("meeting_id", "=", meetingId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Clears the comments on the answers to meetings that started before `startedBefore`; returns how many. */
export async function clearRsvpCommentsBefore(db: Db, startedBefore: Date): Promise<number> {
  const result = await db
    .updateTable("meeting_rsvps")
    .set({ comment: null })
    .where("comment", "is not", null)
    .where("meeting_id", "in", (eb) => eb.selectFrom("meetings").select("id").where("starts_at", "<", startedBefore))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member's answer to a meeting, with its comment; undefined when they have not answered. */
export async function rsvpOf(db: Db, meetingId: string, memberId: string): Promise<{ answer: RsvpAnswer; comment: string | null } | undefined> {
  return db.selectFrom("meeting_rsvps").select(["answer", "comment"]).where("meeting_id", "=", meetingId).where("member_id", "=", memberId).executeTakeFirst();
}

/** The meeting the member answered last among those still ahead and not cancelled or held: where `kommentar …` goes. */
export async function latestAnsweredMeeting(db: Db, memberId: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom("meeting_rsvps as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .select("m.id")
    .where("r.member_id", "=", memberId)
    .where("m.status", "in", ["planned", "invited", "moved"])
    .where("m.starts_at", ">", now)
    .orderBy("r.answered_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Answers by member id. */
export async function rsvpsOf(db: Db, meetingId: string): Promise<Map<string, RsvpAnswer>> {
  const rows = await db.selectFrom("meeting_rsvps").select(["member_id", "answer"]).where("meeting_id", "=", meetingId).execute();
  return new Map(rows.map((r) => [r.member_id, r.answer]));
}

/** The answers that carry a comment, oldest answer first. */
export async function rsvpCommentsOf(db: Db, meetingId: string): Promise<RsvpComment[]> {
  const rows = await db
    .selectFrom("meeting_rsvps")
    .select(["member_id", "answer", "comment"])
    .where("meeting_id", "=", meetingId)
    .where("comment", "is not", null)
    .orderBy("answered_at")
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, answer: r.answer, comment: r.comment! }));
}

/** Forgets every answer (after a move: they were given for another time). */
export async function clearRsvps(db: Db, meetingId: string): Promise<void> {
  await db.deleteFrom("meeting_rsvps").where("meeting_id", "=", meetingId).execute();
}

/** The tally over the group's current members. */
export function tallyOf(seats: GroupSeat[], answers: Map<string, RsvpAnswer>): RsvpTally {
  const tally: RsvpTally = { yes: 0, no: 0, substitute: 0, none: 0 };
  for (const seat of seats) {
    const answer = answers.get(seat.memberId);
    tally[answer ?? "none"] += 1;
  }
  return tally;
}
