import { DateTime } from "luxon";
import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import { cadenceDeadline } from "./cadence-months.ts";
import { calendarAttachment, meetingNoticeKey, recordToGroup } from "./group.notices.ts";
import { localDateOf, monthIndexOf } from "./local-dates.ts";
import { findMeeting, listMeetings, lockMeeting, neighbourMeeting, updateMeeting, type Meeting } from "./meeting.repository.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { cancelMeetingReminders, scheduleMeetingReminders } from "./reminder-times.ts";
import { composeNotice } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { clearRsvps } from "./rsvp.repository.ts";
import { refreshAgenda } from "./send-agenda.ts";
import { refreshInvitation } from "./send-invitation.ts";
import { termWindows } from "./term-plan.ts";

/** What a move or cancellation would do to the cadence. */
export type CadenceBreach = { kind: "gap"; months: number; from: string; to: string } | { kind: "term"; from: string; to: string };

/**
 * Checks whether moving `meeting` to `newStart` (or cancelling it, when `newStart` is null) leaves a gap longer
 * than the cadence allows, counted as for planning: no N consecutive calendar months without a meeting, exempt
 * months not counted.
 */
export async function checkCadence(db: Db, group: MeetingGroup, meeting: Meeting, newStart: Date | null): Promise<CadenceBreach | undefined> {
  const zone = group.timeZone;
  if (group.cadence.kind === "term") {
    const oldDate = localDateOf(meeting.startsAt, zone);
    const term = termWindows(group.meetings.terms, oldDate, oldDate).find((w) => w.from <= oldDate && oldDate <= w.to);
    if (term === undefined) return undefined;
    const newDate = newStart === null ? undefined : localDateOf(newStart, zone);
    if (newDate !== undefined && newDate >= term.from && newDate <= term.to) return undefined;
    const others = await listMeetings(
      db,
      group.id,
      DateTime.fromISO(term.from, { zone }).toJSDate(),
      DateTime.fromISO(term.to, { zone }).endOf("day").toJSDate(),
    );
    return others.some((m) => m.id !== meeting.id) ? undefined : { kind: "term", from: term.from, to: term.to };
  }
  const months = group.cadence.months;
  const reference = newStart ?? meeting.startsAt;
  const before = await neighbourMeeting(db, group.id, reference, "before", meeting.id);
  const after = await neighbourMeeting(db, group.id, reference, "after", meeting.id);
  const dates = [before?.startsAt, newStart ?? undefined, after?.startsAt].filter((d): d is Date => d !== undefined).map((d) => localDateOf(d, zone));
  for (let i = 1; i < dates.length; i++) {
    if (monthIndexOf(dates[i]!) > cadenceDeadline(monthIndexOf(dates[i - 1]!), months, group.meetings.exemptMonths))
      return { kind: "gap", months, from: dates[i - 1]!, to: dates[i]! };
  }
  return undefined;
}

/**
 * Moves a meeting: new time, SEQUENCE raised, every reminder rescheduled to the new time (the old ones can no
 * longer fire). If invitations were out, members get the change with an updated calendar file and the earlier
 * answers are cleared, since they were given for another time. One unit of work: the change, the reminders and
 * every message commit together.
 */
export async function moveMeeting(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting, newStart: Date): Promise<Meeting> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const before = await lockedMeeting(tx, meeting.id);
    const endsAt = new Date(newStart.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
    await updateMeeting(tx.db, before.id, { status: "moved", starts_at: newStart, ends_at: endsAt, sequence: before.sequence + 1 }, now);
    const moved = (await findMeeting(tx.db, before.id))!;
    await scheduleMeetingReminders(tx.reminders, moved, group, now, true);
    if (moved.invitedAt !== null) {
      await clearRsvps(tx.db, moved.id);
      await tellInvited(tx, group, moved, "moved", now, { old: before.startsAt });
    }
    // A sent agenda names the time too.
    await refreshAgenda(tx, moved);
    return moved;
  });
}

/** Cancels a meeting: no reminder fires any more; invited members get a METHOD:CANCEL calendar file. One unit of work. */
export async function cancelMeeting(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const before = await lockedMeeting(tx, meeting.id);
    if (before.status === "cancelled") return;
    await updateMeeting(tx.db, before.id, { status: "cancelled", cancelled_at: now, sequence: before.sequence + 1 }, now);
    await cancelMeetingReminders(tx.reminders, before.id);
    const cancelled = (await findMeeting(tx.db, before.id))!;
    if (cancelled.invitedAt === null) return;
    await tellInvited(tx, group, cancelled, "cancelled", now);
  });
}

// The invited members hear of the change with a calendar file that carries it, and the invitation shows it too.
async function tellInvited(
  tx: MeetingsDeps,
  group: MeetingGroup,
  meeting: Meeting,
  change: "moved" | "cancelled",
  now: Date,
  extra: Record<string, Date> = {},
): Promise<void> {
  const seats = await listSeats(tx.db, group.id);
  const notice = composeNotice(group, meeting, `${change}.title`, `${change}.body`, extra);
  const attachment = calendarAttachment(tx, group, meeting, now, seats);
  await recordToGroup(
    tx,
    group,
    seats.map((s) => s.memberId),
    notice,
    { key: meetingNoticeKey(meeting, change), attachment },
  );
  await refreshInvitation(tx, meeting);
}

// The meeting as it is now, locked for the change: the one the caller read may be behind (a move or cancel in between).
async function lockedMeeting(tx: MeetingsDeps, meetingId: string): Promise<Meeting> {
  const meeting = await lockMeeting(tx.db, meetingId);
  if (meeting === undefined) throw new SamverkaError("not_found", `Meeting ${meetingId} no longer exists.`);
  return meeting;
}
