import { DateTime } from "luxon";
import type { ActionHandler, Actor, FormContext, FormHandler } from "../app/feature.ts";
import { type FormResult, type FormView, type Reply, textMessage } from "../chat/index.ts";
import { renderFormView, type Answers } from "../forms/index.ts";
import type { Locale, Translate } from "../shared/i18n.ts";
import { groupsActorMayCall, readMeetingTime } from "./call-meeting.ts";
import { decidePoll, optionLabel, startPoll, voteInPoll } from "./date-poll.ts";
import { loadPoll, pollIdOfOption } from "./date-poll.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { POLL_FORM_ID, POLL_MAX_TIMES, POLL_MIN_TIMES, pollDefinition } from "./meeting-form-definitions.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { NOTICE_TIME } from "./reminder-times.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import { callFormFrame, meetingDetails, readCallForm, usualTime } from "./new-meeting.ts";
import { addDays } from "./working-days.ts";

type T = Translate<MeetingMessageKey>;

/** Without another choice, members have this many days to answer. */
const ANSWER_DAYS = 3;

/** The date-poll form: (group,) two to five dates and times, last day to answer, length, place or link, reason. */
export function pollForm(
  groups: readonly MeetingGroup[],
  t: T,
  locale: Locale,
  today: string,
  previous?: { answers: Answers; errors: Record<string, string> },
): FormView {
  const group = groups[0]!;
  const times = Object.fromEntries(Array.from({ length: POLL_MIN_TIMES }, (_, i) => [`time${i + 1}`, usualTime(group)]));
  const answers = previous?.answers ?? { group: group.id, ...times, deadline: addDays(today, ANSWER_DAYS), duration: group.meetings.pattern.durationMinutes };
  const frame = callFormFrame(groups, t, POLL_FORM_ID, { title: "poll.form.title", submit: "poll.form.submit", intro: "poll.form.intro" });
  return renderFormView(pollDefinition(groups), answers, locale, frame, previous?.errors);
}

/** Opens the date-poll form for the groups the actor may call meetings of. */
export async function openPollForm(deps: MeetingsDeps, actor: Actor, reply: Reply, preferredGroupId?: string): Promise<void> {
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  // The group the conversation decides comes first, so the form starts on it.
  const groups = (await groupsActorMayCall(deps, actor)).sort((a, b) => Number(b.id === preferredGroupId) - Number(a.id === preferredGroupId));
  if (groups.length === 0) return reply.whisper(textMessage(t("call.notAllowed")));
  await reply.openForm(pollForm(groups, t, actor.locale, localDateOf(deps.clock.now(), actor.partnership.timeZone)));
}

/**
 * The proposed times the engine read, checked as the meeting would be (a weekend or day off, gone by, after the
 * period, proposed twice), and the last day to answer (after today at 09.00, before the first time): errors per field.
 */
function readPollTimes(group: MeetingGroup, answers: Answers, now: Date, t: T): { times: Date[]; deadline: DateTime; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const times: Date[] = [];
  for (let n = 1; n <= POLL_MAX_TIMES; n++) {
    const [date, time] = [answers[`date${n}`], answers[`time${n}`]];
    // The engine leaves a slot either empty or whole.
    if (typeof date !== "string" || typeof time !== "string") continue;
    const read = readMeetingTime(group, date, time, now, t);
    if (!read.ok) {
      for (const [field, message] of Object.entries(read.errors)) errors[`${field}${n}`] = message;
    } else if (times.some((x) => x.getTime() === read.startsAt.getTime())) errors[`date${n}`] = t("poll.duplicate");
    else times.push(read.startsAt);
  }
  const deadline = DateTime.fromISO(String(answers.deadline), { zone: group.timeZone }).set(NOTICE_TIME);
  const earliest = Math.min(...times.map((x) => x.getTime()));
  if (deadline.toMillis() <= now.getTime() || (times.length > 0 && deadline.toMillis() >= earliest)) errors.deadline = t("poll.badDeadline");
  return { times, deadline, errors };
}

/** The date-poll form's submission: the poll goes to the group, and the organiser gets the card to choose from. */
export function createPollForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: POLL_FORM_ID,
    submit: async (ctx: FormContext): Promise<FormResult> => {
      const { actor, event } = ctx;
      const read = await readCallForm(deps, ctx, POLL_FORM_ID, pollDefinition);
      if (!read.ok) return read.result;
      const { t, groups, reading } = read;
      const now = deps.clock.now();
      const refuse = (answers: Answers, errors: Record<string, string>): FormResult => ({
        ok: false,
        errors,
        form: pollForm(groups, t, actor.locale, localDateOf(now, actor.partnership.timeZone), { answers, errors }),
      });
      if (!reading.ok) return refuse(reading.answers, reading.errors);
      const group = read.groupOf(reading.answers);
      if (group === undefined) return { ok: false, errors: { "": t("call.notAllowed") } };
      const { times, deadline, errors } = readPollTimes(group, reading.answers, now, t);
      if (Object.keys(errors).length > 0) return refuse(reading.answers, errors);
      const ordered = [...times].sort((a, b) => a.getTime() - b.getTime());
      await startPoll(deps, group, actor.member.id, { times: ordered, ...meetingDetails(reading.answers), deadlineAt: deadline.toJSDate() }, event.delivery);
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
