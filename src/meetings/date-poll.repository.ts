import type { Db } from "../db/database.ts";

/** One proposed time and who said it suits them. */
export interface PollOption {
  id: string;
  position: number;
  startsAt: Date;
  voters: string[];
}

/** A date poll as stored, with its options in order. */
export interface DatePoll {
  id: string;
  partnershipId: string;
  groupId: string;
  organiserId: string | null;
  location: string | null;
  reason: string | null;
  durationMinutes: number;
  deadlineAt: Date;
  status: "open" | "decided" | "cancelled";
  meetingId: string | null;
  options: PollOption[];
}

/** Stores a poll and its proposed times (in the order given). */
export async function insertPoll(
  db: Db,
  poll: Omit<DatePoll, "id" | "status" | "meetingId" | "options">,
  times: readonly Date[],
  request?: string,
): Promise<string> {
  const row = await db
    .insertInto("meeting_polls")
    .values({
      partnership_id: poll.partnershipId,
      group_id: poll.groupId,
      organiser_member_id: poll.organiserId,
      location: poll.location,
      reason: poll.reason,
      duration_minutes: poll.durationMinutes,
      deadline_at: poll.deadlineAt,
      request_key: request ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("meeting_poll_options")
    .values(times.map((startsAt, i) => ({ poll_id: row.id, position: i + 1, starts_at: startsAt })))
    .execute();
  return row.id;
}

/** A poll with its options and votes; `lock` holds it until the caller's transaction ends. */
export async function loadPoll(db: Db, pollId: string, options: { lock?: boolean } = {}): Promise<DatePoll | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(pollId)) return undefined;
  let query = db.selectFrom("meeting_polls").selectAll().where("id", "=", pollId);
  if (options.lock === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  const choices = await db.selectFrom("meeting_poll_options").selectAll().where("poll_id", "=", pollId).orderBy("position").execute();
  const votes =
    choices.length === 0
      ? []
      : await db
          .selectFrom("meeting_poll_votes")
          .select(["option_id", "member_id"])
          .where(
            "option_id",
            "in",
            choices.map((c) => c.id),
          )
          .orderBy("voted_at")
          .execute();
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    groupId: row.group_id,
    organiserId: row.organiser_member_id,
    location: row.location,
    reason: row.reason,
    durationMinutes: row.duration_minutes,
    deadlineAt: row.deadline_at,
    status: row.status,
    meetingId: row.meeting_id,
    options: choices.map((c) => ({
      id: c.id,
      position: c.position,
      startsAt: c.starts_at,
      voters: votes.filter((v) => v.option_id === c.id).map((v) => v.member_id),
    })),
  };
}

/** The poll an option belongs to, or undefined (ids come from old buttons). */
export async function pollIdOfOption(db: Db, optionId: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(optionId)) return undefined;
  return (await db.selectFrom("meeting_poll_options").select("poll_id").where("id", "=", optionId).executeTakeFirst())?.poll_id;
}

/** The poll a request (its inbox row) started, when it was handled before. */
export async function pollOfRequest(db: Db, request: string): Promise<string | undefined> {
  return (await db.selectFrom("meeting_polls").select("id").where("request_key", "=", request).executeTakeFirst())?.id;
}

/** Says the time suits the member; saying it again changes nothing (a click handled twice counts once). */
export async function addVote(db: Db, optionId: string, memberId: string, at: Date): Promise<void> {
  await db
    .insertInto("meeting_poll_votes")
    .values({ option_id: optionId, member_id: memberId, voted_at: at })
    .onConflict((oc) => oc.columns(["option_id", "member_id"]).doNothing())
    .execute();
}

/** Takes back every time the member said suits them in the poll. */
export async function clearVotes(db: Db, pollId: string, memberId: string): Promise<void> {
  await db
    .deleteFrom("meeting_poll_votes")
    .where("member_id", "=", memberId)
    .where("option_id", "in", (eb) => eb.selectFrom("meeting_poll_options").select("id").where("poll_id", "=", pollId))
    .execute();
}

/** Closes a poll: decided with its meeting, or cancelled. */
export async function closePoll(db: Db, pollId: string, outcome: { status: "decided"; meetingId: string } | { status: "cancelled" }, at: Date): Promise<void> {
  await db
    .updateTable("meeting_polls")
    .set({ status: outcome.status, meeting_id: outcome.status === "decided" ? outcome.meetingId : null, decided_at: at })
    .where("id", "=", pollId)
    .execute();
}
