import { DateTime } from "luxon";
import type { FormContext, FormHandler } from "../app/feature.ts";
import type { FormResult, FormView } from "../chat/index.ts";
import { readAndWarn, readFormValues, renderFormView, typedAnswers, type Answers } from "../forms/index.ts";
import { addAgendaItem, upcomingMeetingsOf } from "./add-agenda-item.ts";
import { pastError } from "./call-meeting.ts";
import { checkCadence, moveMeeting } from "./change-meeting.ts";
import { zonedInstant } from "./local-dates.ts";
import { blockedText, breachText, canChangeMeetings, loadOpenMeeting, meetingFormFrame, notAllowedText, type OpenMeeting } from "./meeting-access.ts";
import { agendaForm } from "./meeting.commands.ts";
import { AGENDA_FORM_ID, agendaDefinition, MINUTES_FORM_ID, MOVE_FORM_ID, moveDefinition, RSVP_COMMENT_FORM_ID } from "./meeting-form-definitions.ts";
import { replyText } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { canWriteMinutes, minutesDefinitionFor, minutesForm, readMinutes } from "./record-minutes.ts";
import { submitRsvpComment } from "./rsvp-comment.ts";
import { saveMinutes } from "./save-minutes.ts";

/** The move form, prefilled with the meeting's current date and time, or what was typed in a refused submission. */
export function moveForm(o: OpenMeeting, locale: "sv" | "en", previous?: { answers: Answers; errors: Record<string, string> }): FormView {
  const local = DateTime.fromJSDate(o.meeting.startsAt, { zone: o.group.timeZone });
  const frame = meetingFormFrame(o, MOVE_FORM_ID, { title: "move.form.title", submit: "move.form.submit", intro: "move.form.intro" });
  const answers = previous?.answers ?? { date: local.toISODate()!, time: local.toFormat("HH.mm") };
  return renderFormView(moveDefinition(), answers, locale, frame, previous?.errors);
}

type Submit = (deps: MeetingsDeps, ctx: FormContext) => Promise<FormResult>;

const gone = (ctx: FormContext, key: Parameters<typeof replyText>[2]): FormResult => ({
  ok: false,
  errors: { "": replyText(ctx.actor.locale, ctx.actor.partnership.timeZone, key).text },
});

// The engine reads the date and the time; a blocked day or a time gone is refused on its field; a move that breaks
// the cadence asks for confirmation first.
const submitMove: Submit = async (deps, ctx) => {
  const o = await loadOpenMeeting(deps, ctx.actor, ctx.event.state);
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!canChangeMeetings(ctx.actor.member, o.group, o.seats)) return { ok: false, errors: { "": notAllowedText(o.t, ctx.actor.locale, o.group) } };
  const { locale } = ctx.actor;
  const reading = readFormValues(moveDefinition(), ctx.event.values, locale);
  const refuse = (errors: Record<string, string>): FormResult => ({
    ok: false,
    errors,
    form: moveForm(o, locale, { answers: typedAnswers(ctx.event.values, reading), errors }),
  });
  if (!reading.ok) return refuse(reading.errors);
  const [date, time] = [String(reading.answers.date), String(reading.answers.time)];
  const blocked = blockedText(o, date);
  if (blocked !== undefined) return refuse({ date: blocked });
  const newStart = zonedInstant(date, time, o.group.timeZone);
  const past = pastError(date, newStart, deps.clock.now(), o.group.timeZone, o.t);
  if (past !== undefined) return refuse(past);
  const breach = await checkCadence(deps.db, o.group, o.meeting, newStart);
  if (breach !== undefined) {
    const question = o.t("move.confirm", { group: o.group.name, at: newStart });
    await ctx.reply.whisper({
      text: question,
      blocks: [
        { type: "text", text: breachText(o, breach) },
        { type: "text", text: question },
        {
          type: "buttons",
          buttons: [
            { actionId: "meeting.move-confirm", label: o.t("button.moveAnyway"), value: `${o.meeting.id}|${newStart.toISOString()}`, style: "danger" },
            { actionId: "meeting.keep", label: o.t("button.keep"), value: o.meeting.id },
          ],
        },
      ],
    });
    return { ok: true };
  }
  const moved = await moveMeeting(deps, o.group, o.meeting, newStart);
  return { ok: true, message: replyText(locale, o.group.timeZone, "move.done", { group: o.group.name, at: moved.startsAt }) };
};

// With one meeting the form carries it; with several the member picked one of those that take items now.
const submitAgenda: Submit = async (deps, ctx) => {
  const { actor } = ctx;
  const zone = actor.partnership.timeZone;
  const carried = ctx.event.state === "" ? undefined : await loadOpenMeeting(deps, actor, ctx.event.state);
  if (ctx.event.state !== "" && carried === undefined) return gone(ctx, "meeting.gone");
  const choices = carried === undefined ? await upcomingMeetingsOf(deps.db, actor.member.id, deps.clock.now()) : [carried];
  const place = { memberId: actor.member.id, formId: AGENDA_FORM_ID };
  const reading = await readAndWarn(deps.db, place, agendaDefinition(choices, zone), ctx.event.values, actor.locale, deps.clock.now());
  if (!reading.ok) return { ok: false, errors: reading.errors, form: agendaForm(choices, actor.locale, zone, reading.answers, reading.errors) };
  const o = carried ?? (await loadOpenMeeting(deps, actor, String(reading.answers.meeting)));
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!o.seats.some((s) => s.memberId === actor.member.id)) return gone(ctx, "notInGroup");
  await addAgendaItem(deps, o.group, o.meeting, actor.member.id, String(reading.answers.text));
  return { ok: true, message: replyText(actor.locale, o.group.timeZone, "agenda.added", { group: o.group.name, at: o.meeting.startsAt }) };
};

const submitMinutes: Submit = async (deps, ctx) => {
  const o = await loadOpenMeeting(deps, ctx.actor, ctx.event.state, { allowHeld: true });
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!canWriteMinutes(ctx.actor.member, o.seats)) return gone(ctx, "minutes.notAllowed");
  if (o.meeting.minutesAt !== null) return gone(ctx, "minutes.already");
  const { locale } = ctx.actor;
  const place = { memberId: ctx.actor.member.id, formId: MINUTES_FORM_ID };
  const definition = await minutesDefinitionFor(deps, o.group, o.meeting);
  const reading = await readAndWarn(deps.db, place, definition, ctx.event.values, locale, deps.clock.now());
  const refuse = async (answers: Answers, errors: Record<string, string>): Promise<FormResult> => ({
    ok: false,
    errors,
    form: await minutesForm(deps, o.group, o.meeting, o.t, locale, { answers, errors }),
  });
  if (!reading.ok) return refuse(reading.answers, reading.errors);
  const read = readMinutes(reading.answers, o.meeting, o.group, o.t);
  if (!read.ok) return refuse(reading.answers, read.errors);
  const saved = await saveMinutes(deps, o.group, o.meeting, read.minutes, ctx.actor.member.id);
  if (!saved) return gone(ctx, "minutes.already");
  return { ok: true, message: replyText(locale, o.group.timeZone, "minutes.saved") };
};

const SUBMITS: Record<string, Submit> = {
  [MOVE_FORM_ID]: submitMove,
  [AGENDA_FORM_ID]: submitAgenda,
  [MINUTES_FORM_ID]: submitMinutes,
  [RSVP_COMMENT_FORM_ID]: submitRsvpComment,
};

/** Every `meeting.` form. */
export function createMeetingForms(deps: MeetingsDeps): FormHandler {
  return {
    prefix: "meeting.",
    submit: async (ctx) => {
      const submit = SUBMITS[ctx.event.formId];
      if (submit === undefined) {
        deps.logger.warn({ formId: ctx.event.formId }, "unknown meetings form");
        return { ok: true };
      }
      return submit(deps, ctx);
    },
  };
}
