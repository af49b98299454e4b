import type { Db } from "../db/database.ts";
import type { GroupSeat } from "./meeting-group.repository.ts";
import type { RsvpAnswer } from "./meetings.tables.ts";
import type { RsvpTally } from "./meeting-views.ts";

/** Records (or changes) a member's answer. */
export async function saveRsvp(db: Db, meetingId: string, memberId: string, answer: RsvpAnswer, at: Date): Promise<void> {
  await db
    .insertInto("meeting_rsvps")
    .values({ meeting_id: meetingId, member_id: memberId, answer, answered_at: at })
    .onConflict((oc) => oc.columns(["meeting_id", "member_id"]).doUpdateSet({ answer, answered_at: at }))
    .execute();
}

/** Answers by member id. */
export async function rsvpsOf(db: Db, meetingId: string): Promise<Map<string, RsvpAnswer>> {
  const rows = await db.selectFrom("meeting_rsvps").select(["member_id", "answer"]).where("meeting_id", "=", meetingId).execute();
  return new Map(rows.map((r) => [r.member_id, r.answer]));
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
