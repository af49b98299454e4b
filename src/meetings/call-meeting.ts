import type { Actor } from "../app/feature.ts";
import type { Translate } from "../shared/i18n.ts";
import { isAfterPeriod } from "./agreement-period.ts";
import { localDateOf, zonedInstant } from "./local-dates.ts";
import { findCalledMeeting, insertCalledMeeting, type Meeting } from "./meeting.repository.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { listGroups, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { agendaSendTime, invitationTime, scheduleMeetingReminders } from "./reminder-times.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import { sendInvitation } from "./send-invitation.ts";
import { createWorkingDays } from "./working-days.ts";

/** The groups of the actor's partnership they may call meetings of. */
export async function groupsActorMayCall(deps: MeetingsDeps, actor: Actor): Promise<MeetingGroup[]> {
  const groups = await listGroups(deps.db, actor.partnership.id);
  const allowed: MeetingGroup[] = [];
  for (const group of groups) if (canChangeMeetings(actor.member, group, await listSeats(deps.db, group.id))) allowed.push(group);
  return allowed;
}

/**
 * Where a start gone by is refused: later today is a time gone by (on the time), an earlier day is a date gone by
 * (on the date).
 */
export function pastError(date: string, startsAt: Date, now: Date, timeZone: string, t: Translate<MeetingMessageKey>): Record<string, string> | undefined {
  if (startsAt > now) return undefined;
  return date === localDateOf(now, timeZone) ? { time: t("move.pastTime") } : { date: t("move.past") };
}

/**
 * A start the form engine read (`date` as 2026-12-03, `time` as 13.00), or why the meeting cannot start then, in the
 * reader's words per field (`date`, `time`): a weekend or a day off, a time gone by, after the agreement period.
 */
export function readMeetingTime(
  group: MeetingGroup,
  date: string,
  time: string,
  now: Date,
  t: Translate<MeetingMessageKey>,
): { ok: true; startsAt: Date } | { ok: false; errors: Record<string, string> } {
  // A person may call a meeting in a blackout (blackouts are for the planner), but not on a weekend or day off.
  const blocked = createWorkingDays([]).blockedReason(date);
  if (blocked?.kind === "weekend") return { ok: false, errors: { date: t("move.blocked.weekend") } };
  if (blocked?.kind === "holiday") return { ok: false, errors: { date: t("move.blocked.holiday", { name: blocked.name }) } };
  const startsAt = zonedInstant(date, time, group.timeZone);
  const past = pastError(date, startsAt, now, group.timeZone, t);
  if (past !== undefined) return { ok: false, errors: past };
  if (isAfterPeriod(group, { startsAt })) return { ok: false, errors: { date: t("call.afterPeriod", { end: group.periodEnd }) } };
  return { ok: true, startsAt };
}

/** What is needed to call a meeting outside the plan. */
export interface CalledMeeting {
  startsAt: Date;
  durationMinutes: number;
  location: string | null;
  reason: string | null;
  origin: "extra" | "poll";
  calledBy: string | null;
  /** The inbox row of the request: handled again after a crash, the request finds the meeting it made. */
  request?: string;
}

/**
 * Stores a meeting called outside the plan and treats it like any other: its reminders are scheduled and it counts
 * towards the cadence. When its invitation is already due (short notice) it goes out now, in the same unit of work,
 * and an agenda that would be due already is sent halfway to the meeting instead, so members can still add items.
 */
export async function callMeeting(
  deps: MeetingsDeps,
  group: MeetingGroup,
  called: CalledMeeting,
): Promise<{ meeting: Meeting; invitedNow: boolean; inviteAt: Date }> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const earlier = called.request === undefined ? undefined : await findCalledMeeting(tx.db, called.request);
    if (earlier !== undefined)
      return { meeting: earlier, invitedNow: earlier.invitedAt !== null, inviteAt: earlier.invitedAt ?? invitationTime(earlier, group) };
    const endsAt = new Date(called.startsAt.getTime() + called.durationMinutes * 60_000);
    const meeting = await insertCalledMeeting(tx.db, group, { ...called, endsAt }, now);
    await scheduleMeetingReminders(tx.reminders, meeting, group, now);
    const inviteAt = invitationTime(meeting, group);
    if (agendaSendTime(meeting, group) <= now) {
      const dueAt = new Date(now.getTime() + (meeting.startsAt.getTime() - now.getTime()) / 2);
      await tx.reminders.schedule({
        key: `meeting:${meeting.id}:agenda-send`,
        kind: "meeting.agenda-send",
        partnershipId: meeting.partnershipId,
        dueAt,
        payload: { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
      });
    }
    if (inviteAt > now) return { meeting, invitedNow: false, inviteAt };
    await sendInvitation(tx, group, meeting);
    return { meeting, invitedNow: true, inviteAt: now };
  });
}
