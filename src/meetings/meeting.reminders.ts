import type { z } from "zod";
import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import type { ReminderRecord } from "../reminders/reminder.ts";
import { isAfterPeriod } from "./agreement-period.ts";
import { meetingNoticeKey, recordToGroup } from "./group.notices.ts";
import { lockMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { agendaSendTime, type MeetingReminderKind } from "./reminder-times.ts";
import { composeNotice, composeNoticeWithButton } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { meetingReminderPayload } from "./meetings.jobs.ts";
import { minuteTakers } from "./record-minutes.ts";
import { rsvpsOf } from "./rsvp.repository.ts";
import { sendAgenda } from "./send-agenda.ts";
import { sendInvitation } from "./send-invitation.ts";

/** One reminder's work, run inside its unit of work with the meeting locked. */
type Run = (tx: MeetingsDeps, group: MeetingGroup, meeting: Meeting) => Promise<void>;

/**
 * The meeting as it stands, locked, or undefined when the reminder no longer applies: the meeting is gone,
 * cancelled, held, was moved after this reminder was scheduled (its payload names the start it was computed for),
 * or falls after the agreement period.
 */
async function currentMeeting(
  tx: MeetingsDeps,
  reminder: ReminderRecord,
  payload: z.infer<typeof meetingReminderPayload>,
): Promise<{ meeting: Meeting; group: MeetingGroup } | undefined> {
  const meeting = await lockMeeting(tx.db, payload.meetingId);
  const stale = meeting === undefined || meeting.status === "cancelled" || meeting.startsAt.getTime() !== Date.parse(payload.startsAt);
  if (stale || (meeting.status === "held" && reminder.kind !== "meeting.minutes-request")) {
    tx.logger.info({ key: reminder.key, meetingId: payload.meetingId }, "meeting reminder no longer applies; skipped");
    return undefined;
  }
  const group = await getGroup(tx.db, meeting.groupId);
  // Nothing is invited, requested or reminded after the agreement period; the daily tick withdraws the meeting.
  if (isAfterPeriod(group, meeting)) {
    tx.logger.info(
      { key: reminder.key, meetingId: payload.meetingId, periodEnd: group.periodEnd },
      "meeting falls after the agreement period; reminder skipped",
    );
    return undefined;
  }
  return { meeting, group };
}

const requestAgenda: Run = async (tx, group, meeting) => {
  const seats = await listSeats(tx.db, group.id);
  const sendAt = agendaSendTime(meeting, group);
  const request = (body: "agendaRequest.body" | "agendaRequest.bodyChannel") =>
    composeNoticeWithButton(
      group,
      meeting,
      "agendaRequest.title",
      body,
      { actionId: "meeting.agenda-add", label: "button.addItem", value: meeting.id },
      { sendAt },
    );
  const key = meetingNoticeKey(meeting, "agenda-request");
  // In a channel the bot hears only what is addressed to it, so there the request says how: `@Samverka agenda …`.
  await recordToGroup(tx, group, [], request("agendaRequest.bodyChannel"), { key });
  await recordToGroup(
    tx,
    group,
    seats.map((s) => s.memberId),
    request("agendaRequest.body"),
    { key, channel: false },
  );
};

// Members who said they will not come (or send a substitute) are not reminded.
function remind(what: "day-before" | "hour-before", title: "dayBefore.title" | "hourBefore.title"): Run {
  return async (tx, group, meeting) => {
    const answers = await rsvpsOf(tx.db, meeting.id);
    const seats = (await listSeats(tx.db, group.id)).filter((s) => answers.get(s.memberId) === undefined || answers.get(s.memberId) === "yes");
    await recordToGroup(
      tx,
      group,
      seats.map((s) => s.memberId),
      composeNotice(group, meeting, title),
      { key: meetingNoticeKey(meeting, what), channel: false },
    );
  };
}

const requestMinutes: Run = async (tx, group, meeting) => {
  if (meeting.minutesAt !== null) return;
  const takers = minuteTakers(await listSeats(tx.db, group.id));
  const compose = composeNoticeWithButton(group, meeting, "minutesRequest.title", "minutesRequest.body", {
    actionId: "meeting.minutes",
    label: "button.writeMinutes",
    value: meeting.id,
  });
  await recordToGroup(
    tx,
    group,
    takers.map((s) => s.memberId),
    compose,
    { key: meetingNoticeKey(meeting, "minutes-request"), channel: false },
  );
};

const RUNS: Record<MeetingReminderKind, Run> = {
  "meeting.invite": sendInvitation,
  "meeting.agenda-request": requestAgenda,
  "meeting.agenda-send": sendAgenda,
  "meeting.day-before": remind("day-before", "dayBefore.title"),
  "meeting.hour-before": remind("hour-before", "hourBefore.title"),
  "meeting.minutes-request": requestMinutes,
};

/**
 * The reminder handlers of every meeting reminder kind. Each runs as one unit of work: what it records (the
 * meeting's new state and every message) commits together, so a repeated job finds it done and records nothing twice.
 */
export function createMeetingReminderHandlers(deps: MeetingsDeps): ReminderHandler[] {
  return (Object.keys(RUNS) as MeetingReminderKind[]).map((kind) =>
    defineReminder({
      kind,
      payload: meetingReminderPayload,
      run: (reminder, payload) =>
        inTransaction(deps, async (tx) => {
          const current = await currentMeeting(tx, reminder, payload);
          if (current !== undefined) await RUNS[kind](tx, current.group, current.meeting);
        }),
    }),
  );
}
