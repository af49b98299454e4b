import { DateTime } from "luxon";
import type { ReminderSpec, Reminders } from "../reminders/reminder.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { createWorkingDays } from "./working-days.ts";

/** The reminder kinds of a meeting, in the order they fall. */
const MEETING_REMINDER_KINDS = [
  "meeting.invite",
  "meeting.agenda-request",
  "meeting.agenda-send",
  "meeting.day-before",
  "meeting.hour-before",
  "meeting.minutes-request",
] as const;
export type MeetingReminderKind = (typeof MEETING_REMINDER_KINDS)[number];

/** Notices that go out a number of days before leave at this local time. */
export const NOTICE_TIME = { hour: 9, minute: 0 };

/** `day` itself when it is a working day, else the working day before it (weekends, public holidays, de facto days off). */
function workingDayOnOrBefore(day: DateTime): DateTime {
  const days = createWorkingDays([]);
  while (!days.isWorkingDay(day.toISODate()!)) day = day.minus({ days: 1 });
  return day;
}

/** The working day the agenda goes out, at the meeting's time of day. */
function agendaSendDay(meeting: Pick<Meeting, "startsAt">, group: MeetingGroup): DateTime {
  return workingDayOnOrBefore(DateTime.fromJSDate(meeting.startsAt, { zone: group.timeZone }).minus({ days: group.meetings.agendaSendDaysBefore }));
}

/**
 * When the agenda goes out: `agendaSendDaysBefore` the meeting at the notice time, moved back to the working day
 * before when that falls on a weekend, a public holiday or a de facto day off (nobody reads an agenda sent on a Sunday).
 */
export function agendaSendTime(meeting: Pick<Meeting, "startsAt">, group: MeetingGroup): Date {
  return agendaSendDay(meeting, group).set(NOTICE_TIME).toJSDate();
}

/**
 * When the invitation goes out: `inviteDaysBefore` the meeting at the notice time, moved back to the working day
 * before when that falls on a weekend, a public holiday or a de facto day off, as the agenda is.
 */
export function invitationTime(meeting: Pick<Meeting, "startsAt">, group: MeetingGroup): Date {
  return workingDayOnOrBefore(DateTime.fromJSDate(meeting.startsAt, { zone: group.timeZone }).minus({ days: group.meetings.inviteDaysBefore }))
    .set(NOTICE_TIME)
    .toJSDate();
}

/**
 * When members are asked for agenda items: `agendaRequestDaysBefore` the meeting at the notice time, moved back to a
 * working day as the agenda is, and always on a working day before the agenda's. The two moves can land on one day
 * (request 4 days before a Tuesday: Friday; agenda 3 days before: Saturday, so Friday too); the request then goes
 * the working day before, so members keep a working day to answer, rather than the agenda going later than set.
 */
export function agendaRequestTime(meeting: Pick<Meeting, "startsAt">, group: MeetingGroup): Date {
  const sendDay = agendaSendDay(meeting, group);
  const asked = workingDayOnOrBefore(DateTime.fromJSDate(meeting.startsAt, { zone: group.timeZone }).minus({ days: group.meetings.agendaRequestDaysBefore }));
  const day = asked.toISODate()! < sendDay.toISODate()! ? asked : workingDayOnOrBefore(sendDay.minus({ days: 1 }));
  return day.set(NOTICE_TIME).toJSDate();
}

/** The key prefix of every reminder of a meeting; cancelling uses it. */
function meetingReminderPrefix(meetingId: string): string {
  return `meeting:${meetingId}:`;
}

/** The reminders a meeting needs, each carrying the start it was computed for so a stale one can tell. */
function meetingReminderSpecs(meeting: Meeting, group: MeetingGroup): ReminderSpec[] {
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: group.timeZone });
  const due: Record<MeetingReminderKind, Date> = {
    "meeting.invite": invitationTime(meeting, group),
    "meeting.agenda-request": agendaRequestTime(meeting, group),
    "meeting.agenda-send": agendaSendTime(meeting, group),
    "meeting.day-before": start.minus({ days: 1 }).toJSDate(),
    "meeting.hour-before": start.minus({ hours: 1 }).toJSDate(),
    "meeting.minutes-request": meeting.endsAt,
  };
  return MEETING_REMINDER_KINDS.map((kind) => ({
    key: `${meetingReminderPrefix(meeting.id)}${kind.slice("meeting.".length)}`,
    kind,
    partnershipId: meeting.partnershipId,
    dueAt: due[kind],
    payload: { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
  }));
}

/**
 * Schedules (or moves) a meeting's reminders. After a move `rearm` brings back the ones that already went out
 * for the old time; notices already given (invitation, agenda) are not repeated by a reminder.
 */
export async function scheduleMeetingReminders(reminders: Reminders, meeting: Meeting, group: MeetingGroup, now: Date, rearm = false): Promise<void> {
  for (const spec of meetingReminderSpecs(meeting, group)) {
    const beforeStart = spec.kind !== "meeting.minutes-request";
    // Nothing but the minutes request makes sense once the meeting has begun.
    if (beforeStart && meeting.startsAt <= now) continue;
    if (spec.kind === "meeting.hour-before" || spec.kind === "meeting.day-before") {
      if (spec.dueAt <= now) continue;
      await reminders.schedule(spec, { rearm });
    } else {
      await reminders.schedule(spec, { rearm: rearm && spec.kind === "meeting.minutes-request" });
    }
  }
}

/** Cancels every pending reminder of a meeting. */
export async function cancelMeetingReminders(reminders: Reminders, meetingId: string): Promise<number> {
  return reminders.cancelByPrefix(meetingReminderPrefix(meetingId));
}
