import { DateTime } from "luxon";
import type { Actor } from "../app/feature.ts";
import type { Translate } from "../shared/i18n.ts";
import { containsPersonnummer } from "../shared/personnummer.ts";
import { isAfterPeriod } from "./agreement-period.ts";
import { findCalledMeeting, insertCalledMeeting, type Meeting } from "./meeting.repository.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { listGroups, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { agendaSendTime, invitationTime, scheduleMeetingReminders } from "./meeting-reminders.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import { sendInvitation } from "./send-invitation.ts";
import { createWorkingDays } from "./working-days.ts";

/** The longest place or link, and the longest reason (the columns allow the same). */
export const LOCATION_MAX = 300;
export const REASON_MAX = 500;

/** The groups of the actor's partnership they may call meetings of. */
export async function groupsActorMayCall(deps: MeetingsDeps, actor: Actor): Promise<MeetingGroup[]> {
  const groups = await listGroups(deps.db, actor.partnership.id);
  const allowed: MeetingGroup[] = [];
  for (const group of groups) if (canChangeMeetings(actor.member, group, await listSeats(deps.db, group.id))) allowed.push(group);
  return allowed;
}

/** A proposed start, or why it cannot be used, in the reader's words per field (`date`, `time`). */
export function readMeetingTime(
  group: MeetingGroup,
  date: string,
  time: string,
  now: Date,
  t: Translate<MeetingMessageKey>,
): { ok: true; startsAt: Date } | { ok: false; errors: Record<string, string> } {
  const clock = time.replace(".", ":");
  const day = DateTime.fromISO(date, { zone: group.timeZone });
  const errors: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) errors.date = t("move.badDate");
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(clock)) errors.time = t("move.badTime");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A person may call a meeting in a blackout (blackouts are for the planner), but not on a weekend or day off.
  const blocked = createWorkingDays([]).blockedReason(date);
  if (blocked?.kind === "weekend") errors.date = t("move.blocked.weekend");
  if (blocked?.kind === "holiday") errors.date = t("move.blocked.holiday", { name: blocked.name });
  const startsAt = DateTime.fromISO(`${date}T${clock.padStart(5, "0")}`, { zone: group.timeZone }).toJSDate();
  if (errors.date === undefined && startsAt <= now) errors.date = t("move.past");
  if (errors.date === undefined && isAfterPeriod(group, { startsAt })) errors.date = t("call.afterPeriod", { end: group.periodEnd });
  return errors.date === undefined ? { ok: true, startsAt } : { ok: false, errors };
}

/** Why a place or reason cannot be stored (a personal identity number, too long), as a message key. */
export function checkFreeText(text: string, max: number): MeetingMessageKey | undefined {
  if (text.length > max) return "minutes.tooLong";
  if (containsPersonnummer(text)) return "minutes.personnummer";
  return undefined;
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
