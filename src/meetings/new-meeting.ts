import type { ActionContext, Actor, FormContext, FormHandler } from "../app/feature.ts";
import { type FormResult, type FormView, textMessage } from "../chat/index.ts";
import { readAndWarn, renderFormView, type Answers, type FormDefinition, type FormReading } from "../forms/index.ts";
import type { Locale, Translate } from "../shared/i18n.ts";
import { callMeeting, groupsActorMayCall, readMeetingTime } from "./call-meeting.ts";
import { NEW_MEETING_FORM_ID, newMeetingDefinition } from "./meeting-form-definitions.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";

type T = Translate<MeetingMessageKey>;

/** What the form starts from: a group and a date (the watchdog's button names the gap), or what was typed in a refused submission. */
interface Prefill {
  groupId?: string;
  date?: string;
  previous?: { answers: Answers; errors: Record<string, string> };
}

/** A group's usual start time, the engine's way (13.00). */
export function usualTime(group: MeetingGroup): string {
  return group.meetings.pattern.time.replace(":", ".");
}

/**
 * The frame of a form that calls a meeting: with one group the view carries it (and does not ask), with several
 * the member picks one.
 */
export function callFormFrame(
  groups: readonly MeetingGroup[],
  t: T,
  formId: string,
  keys: { title: MeetingMessageKey; submit: MeetingMessageKey; intro: MeetingMessageKey },
) {
  return { formId, title: t(keys.title), submitLabel: t(keys.submit), state: groups.length === 1 ? groups[0]!.id : "", intro: t(keys.intro) };
}

/** The extra-meeting form: (group,) date and time, length, place or link, reason. */
export function newMeetingForm(groups: readonly MeetingGroup[], t: T, locale: Locale, prefill: Prefill = {}): FormView {
  const group = groups.find((g) => g.id === prefill.groupId) ?? groups[0]!;
  const answers = prefill.previous?.answers ?? {
    group: group.id,
    ...(prefill.date === undefined ? {} : { date: prefill.date }),
    time: usualTime(group),
    duration: group.meetings.pattern.durationMinutes,
  };
  const frame = callFormFrame(groups, t, NEW_MEETING_FORM_ID, { title: "call.form.title", submit: "call.form.submit", intro: "call.form.intro" });
  return renderFormView(newMeetingDefinition(groups), answers, locale, frame, prefill.previous?.errors);
}

/** Opens the extra-meeting form for the groups the actor may call meetings of, or says they may call none. */
export async function openNewMeetingForm(
  deps: MeetingsDeps,
  actor: Actor,
  reply: ActionContext["reply"],
  prefill: Omit<Prefill, "previous"> = {},
): Promise<void> {
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  const groups = await groupsActorMayCall(deps, actor);
  if (groups.length === 0) return reply.whisper(textMessage(t("call.notAllowed")));
  await reply.openForm(newMeetingForm(groups, t, actor.locale, prefill));
}

/** What a submitted call form was read with: the groups it offered (one when the view carried it) and the reading. */
type CallReading =
  { ok: false; result: FormResult } | { ok: true; t: T; groups: MeetingGroup[]; reading: FormReading; groupOf: (answers: Answers) => MeetingGroup | undefined };

/**
 * Reads a submitted call form (extra meeting, date poll) with the engine, for the groups the actor may call meetings
 * of: the one the view carried, or those it offered; refused outright when the actor may call none of them.
 */
export async function readCallForm(
  deps: MeetingsDeps,
  ctx: FormContext,
  formId: string,
  definitionFor: (groups: readonly MeetingGroup[]) => FormDefinition,
): Promise<CallReading> {
  const { actor, event } = ctx;
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  const callable = await groupsActorMayCall(deps, actor);
  const groups = event.state === "" ? callable : callable.filter((g) => g.id === event.state);
  if (groups.length === 0) return { ok: false, result: { ok: false, errors: { "": t("call.notAllowed") } } };
  const place = { memberId: actor.member.id, formId };
  const reading = await readAndWarn(deps.db, place, definitionFor(groups), event.values, actor.locale, deps.clock.now());
  // A view that asked names the group in its answers (or, asking no more, in what it sent); one that carried it, in its state.
  const groupOf = (answers: Answers) => groups.find((g) => g.id === (event.state !== "" ? event.state : (answers.group ?? event.values.group)));
  return { ok: true, t, groups, reading, groupOf };
}

/** The details every call form reads the same: length, place or link, reason (blank ones none). */
export function meetingDetails(answers: Answers): { durationMinutes: number; location: string | null; reason: string | null } {
  const text = (id: string) => {
    const value = answers[id];
    return typeof value === "string" ? value : null;
  };
  return { durationMinutes: Number(answers.duration), location: text("location"), reason: text("reason") };
}

/** The extra-meeting form's submission: a meeting like any other, invited now when its invitation is due. */
export function createNewMeetingForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: NEW_MEETING_FORM_ID,
    submit: async (ctx: FormContext): Promise<FormResult> => {
      const { actor, event } = ctx;
      const read = await readCallForm(deps, ctx, NEW_MEETING_FORM_ID, newMeetingDefinition);
      if (!read.ok) return read.result;
      const { t, groups, reading } = read;
      const refuse = (answers: Answers, errors: Record<string, string>): FormResult => ({
        ok: false,
        errors,
        form: newMeetingForm(groups, t, actor.locale, { previous: { answers, errors } }),
      });
      if (!reading.ok) return refuse(reading.answers, reading.errors);
      const group = read.groupOf(reading.answers);
      if (group === undefined) return { ok: false, errors: { "": t("call.notAllowed") } };
      const time = readMeetingTime(group, String(reading.answers.date), String(reading.answers.time), deps.clock.now(), t);
      if (!time.ok) return refuse(reading.answers, time.errors);
      const called = await callMeeting(deps, group, {
        startsAt: time.startsAt,
        ...meetingDetails(reading.answers),
        origin: "extra",
        calledBy: actor.member.id,
        ...(event.delivery === undefined ? {} : { request: event.delivery }),
      });
      const done = t("call.done", { group: group.name, at: called.meeting.startsAt });
      const when = called.invitedNow ? t("call.invitedNow") : t("call.inviteLater", { inviteAt: called.inviteAt });
      return { ok: true, message: textMessage(done, when) };
    },
  };
}
