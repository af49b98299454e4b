import { DateTime } from "luxon";
import type { ReminderHandler } from "../app/feature.ts";
import type { ReminderRecord } from "../reminders/reminder.ts";
import { findMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingReminderKind } from "./meeting-reminders.ts";
import { composeNotice, composeNoticeWithButton } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { minuteTakers } from "./record-minutes.ts";
import { rsvpsOf } from "./rsvp.repository.ts";
import { sendAgenda } from "./send-agenda.ts";
import { deliverToGroup, sendInvitation } from "./send-invitation.ts";

type Run = (deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting) => Promise<void>;

/**
 * The meeting as it stands, or undefined when the reminder no longer applies: the meeting is gone, cancelled,
 * held, or was moved after this reminder was scheduled (its payload names the start it was computed for).
 */
async function currentMeeting(deps: MeetingsDeps, reminder: ReminderRecord): Promise<{ meeting: Meeting; group: MeetingGroup } | undefined> {
  const meetingId = typeof reminder.payload.meetingId === "string" ? reminder.payload.meetingId : "";
  const meeting = await findMeeting(deps.db, meetingId);
  const stale = meeting === undefined || meeting.status === "cancelled" || meeting.startsAt.toISOString() !== reminder.payload.startsAt;
  if (stale || (meeting.status === "held" && reminder.kind !== "meeting.minutes-request")) {
    deps.logger.info({ key: reminder.key, meetingId }, "meeting reminder no longer applies; skipped");
    return undefined;
  }
  return { meeting, group: await getGroup(deps.db, meeting.groupId) };
}

const invite: Run = async (deps, group, meeting) => {
  if (meeting.invitedAt === null) await sendInvitation(deps, group, meeting);
};

const requestAgenda: Run = async (deps, group, meeting) => {
  const seats = await listSeats(deps.db, group.id);
  const sendAt = DateTime.fromJSDate(meeting.startsAt).minus({ days: group.meetings.agendaSendDaysBefore }).toJSDate();
  const compose = composeNoticeWithButton(group, meeting, "agendaRequest.title", "agendaRequest.body", { actionId: "meeting.agenda-add", label: "button.addItem", value: meeting.id }, { sendAt });
  await deliverToGroup(deps, group, seats.map((s) => s.memberId), compose);
};

// Members who said they will not come (or send a substitute) are not reminded.
function remind(title: "dayBefore.title" | "hourBefore.title"): Run {
  return async (deps, group, meeting) => {
    const answers = await rsvpsOf(deps.db, meeting.id);
    const seats = (await listSeats(deps.db, group.id)).filter((s) => answers.get(s.memberId) === undefined || answers.get(s.memberId) === "yes");
    await deliverToGroup(deps, group, seats.map((s) => s.memberId), composeNotice(group, meeting, title), { channel: false });
  };
}

const requestMinutes: Run = async (deps, group, meeting) => {
  if (meeting.minutesAt !== null) return;
  const takers = minuteTakers(await listSeats(deps.db, group.id));
  const compose = composeNoticeWithButton(group, meeting, "minutesRequest.title", "minutesRequest.body", { actionId: "meeting.minutes", label: "button.writeMinutes", value: meeting.id });
  await deliverToGroup(deps, group, takers.map((s) => s.memberId), compose, { channel: false });
};

const RUNS: Record<MeetingReminderKind, Run> = {
  "meeting.invite": invite,
  "meeting.agenda-request": requestAgenda,
  "meeting.agenda-send": (deps, group, meeting) => sendAgenda(deps, group, meeting),
  "meeting.day-before": remind("dayBefore.title"),
  "meeting.hour-before": remind("hourBefore.title"),
  "meeting.minutes-request": requestMinutes,
};

/** The reminder handlers of every meeting reminder kind. */
export function createMeetingReminderHandlers(deps: MeetingsDeps): ReminderHandler[] {
  return (Object.keys(RUNS) as MeetingReminderKind[]).map((kind) => ({
    kind,
    run: async (reminder) => {
      const current = await currentMeeting(deps, reminder);
      if (current !== undefined) await RUNS[kind](deps, current.group, current.meeting);
    },
  }));
}
