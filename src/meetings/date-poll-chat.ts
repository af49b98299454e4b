import { DateTime } from "luxon";
import type { ActionHandler, Actor, FormContext, FormHandler } from "../app/feature.ts";
import { type FormField, type FormResult, type FormValues, type FormView, type Reply, textMessage } from "../chat/index.ts";
import type { Translate } from "../shared/i18n.ts";
import { groupsActorMayCall, readMeetingTime } from "./call-meeting.ts";
import { decidePoll, optionLabel, startPoll, voteInPoll } from "./date-poll.ts";
import { loadPoll, pollIdOfOption } from "./date-poll.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { NOTICE_TIME } from "./meeting-reminders.ts";
import { translatorFor } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import { chosenGroup, groupField, initialFrom, meetingDetailFields, readMeetingDetails, textValue } from "./new-meeting.ts";
import { addDays } from "./working-days.ts";

type T = Translate<MeetingMessageKey>;

/** A poll proposes two to five times. */
const MIN_TIMES = 2;
const MAX_TIMES = 5;
/** Without another choice, members have this many days to answer. */
const ANSWER_DAYS = 3;

/** The date-poll form: group, two to five dates and times, length, place or link, reason, last day to answer. */
export function pollForm(groups: readonly MeetingGroup[], t: T, today: string, previous?: { values: FormValues; errors: Record<string, string> }): FormView {
  const group = groups.find((g) => g.id === previous?.values.group) ?? groups[0]!;
  const initial = initialFrom(previous?.values);
  const times: FormField[] = [];
  for (let n = 1; n <= MAX_TIMES; n++) {
    times.push(
      { id: `date${n}`, label: t("poll.form.date", { n }), kind: "date", required: n <= MIN_TIMES, ...initial(`date${n}`) },
      {
        id: `time${n}`,
        label: t("poll.form.time", { n }),
        kind: "text",
        required: n <= MIN_TIMES,
        maxLength: 5,
        ...initial(`time${n}`, n <= MIN_TIMES ? group.meetings.pattern.time : undefined),
      },
    );
  }
  return {
    formId: "meeting.poll",
    title: t("poll.form.title"),
    submitLabel: t("poll.form.submit"),
    state: "",
    intro: t("poll.form.intro"),
    fields: [
      groupField(groups, group, t),
      ...times,
      { id: "deadline", label: t("poll.form.deadline"), kind: "date", required: true, ...initial("deadline", addDays(today, ANSWER_DAYS)) },
      ...meetingDetailFields(t, group, initial),
    ],
    ...(previous === undefined ? {} : { errors: previous.errors }),
  };
}

/** Opens the date-poll form for the groups the actor may call meetings of. */
export async function openPollForm(deps: MeetingsDeps, actor: Actor, reply: Reply, preferredGroupId?: string): Promise<void> {
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  // The group the conversation decides comes first, so the form starts on it.
  const groups = (await groupsActorMayCall(deps, actor)).sort((a, b) => Number(b.id === preferredGroupId) - Number(a.id === preferredGroupId));
  if (groups.length === 0) return reply.whisper(textMessage(t("call.notAllowed")));
  await reply.openForm(pollForm(groups, t, localDateOf(deps.clock.now(), actor.partnership.timeZone)));
}

/** The date-poll form's submission: the poll goes to the group, and the organiser gets the card to choose from. */
export function createPollForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: "meeting.poll",
    submit: async (ctx: FormContext): Promise<FormResult> => {
      const { actor, event } = ctx;
      const { t, groups, group } = await chosenGroup(deps, actor, event.values);
      if (group === undefined) return { ok: false, errors: { "": t("call.notAllowed") } };
      const now = deps.clock.now();
      const errors: Record<string, string> = {};
      const times: Date[] = [];
      for (let n = 1; n <= MAX_TIMES; n++) {
        const [date, time] = [textValue(event.values, `date${n}`), textValue(event.values, `time${n}`)];
        if (date === "" && time === "" && n > MIN_TIMES) continue;
        const read = readMeetingTime(group, date, time, now, t);
        if (!read.ok) {
          for (const [field, message] of Object.entries(read.errors)) errors[`${field}${n}`] = message;
        } else if (times.some((x) => x.getTime() === read.startsAt.getTime())) errors[`date${n}`] = t("poll.duplicate");
        else times.push(read.startsAt);
      }
      const deadlineDate = textValue(event.values, "deadline");
      const deadline = DateTime.fromISO(deadlineDate, { zone: group.timeZone }).set(NOTICE_TIME);
      const earliest = Math.min(...times.map((x) => x.getTime()));
      if (!/^\d{4}-\d{2}-\d{2}$/.test(deadlineDate) || !deadline.isValid) errors.deadline = t("move.badDate");
      else if (deadline.toMillis() <= now.getTime() || (times.length > 0 && deadline.toMillis() >= earliest)) errors.deadline = t("poll.badDeadline");
      const details = readMeetingDetails(event.values, t);
      if (!details.ok) Object.assign(errors, details.errors);
      if (!details.ok || Object.keys(errors).length > 0) {
        return { ok: false, errors, form: pollForm(groups, t, localDateOf(now, group.timeZone), { values: event.values, errors }) };
      }
      const ordered = [...times].sort((a, b) => a.getTime() - b.getTime());
      await startPoll(deps, group, actor.member.id, { times: ordered, ...details.details, deadlineAt: deadline.toJSDate() }, event.delivery);
      return { ok: true, message: textMessage(t("poll.started", { group: group.name, count: ordered.length, deadline: deadline.toJSDate() })) };
    },
  };
}

/** The poll's buttons: a member says a time suits them (or takes it back); the organiser chooses one. */
export function createPollActions(deps: MeetingsDeps): ActionHandler {
  return {
    prefix: "meeting.poll.",
    run: async ({ event, actor, reply }) => {
      const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const say = (key: MeetingMessageKey, params: Record<string, string | number | Date> = {}) => reply.whisper(textMessage(t(key, params)));
      const clear = event.actionId === "meeting.poll.clear";
      const pollId = clear ? event.value : await pollIdOfOption(deps.db, event.value);
      const poll = pollId === undefined ? undefined : await loadPoll(deps.db, pollId);
      if (poll === undefined || poll.partnershipId !== actor.partnership.id) return say("poll.gone");
      const audience = { locale: actor.locale, timeZone: actor.partnership.timeZone };
      if (event.actionId === "meeting.poll.vote" || clear) {
        const vote = await voteInPoll(deps, poll.id, clear ? "clear" : { optionId: event.value }, actor.member.id);
        if (!vote.ok) return say(vote.reason === "notInGroup" ? "notInGroup" : vote.reason === "closed" ? "poll.closed" : "poll.gone");
        return vote.option === undefined ? say("poll.cleared") : say("poll.voted", { option: optionLabel(vote.option, audience) });
      }
      if (event.actionId !== "meeting.poll.choose") return;
      const group = await getGroup(deps.db, poll.groupId);
      if (actor.member.id !== poll.organiserId && !canChangeMeetings(actor.member, group, await listSeats(deps.db, group.id))) return say("poll.notOrganiser");
      const decided = await decidePoll(deps, poll.id, { optionId: event.value, by: actor.member.id });
      if (!decided.ok) return say(decided.reason === "past" ? "poll.past" : decided.reason === "closed" ? "poll.closed" : "poll.gone");
      const done = t("poll.chosen", { group: group.name, at: decided.startsAt });
      return reply.whisper(textMessage(done, decided.invitedNow ? t("call.invitedNow") : t("call.inviteLater", { inviteAt: decided.inviteAt })));
    },
  };
}
