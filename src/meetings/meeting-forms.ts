import { DateTime } from "luxon";
import type { FormContext, FormHandler } from "../app/feature.ts";
import type { FormResult, FormView } from "../chat/index.ts";
import { warnOnceAboutPersonalDetails } from "../forms/index.ts";
import { addAgendaItem, AGENDA_TEXT_SCOPE, checkAgendaText } from "./add-agenda-item.ts";
import { checkCadence, moveMeeting } from "./change-meeting.ts";
import { blockedText, breachText, canChangeMeetings, loadOpenMeeting, notAllowedText, type OpenMeeting } from "./meeting-access.ts";
import { replyText } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { canWriteMinutes, minutesForm, parseMinutes } from "./record-minutes.ts";
import { saveMinutes } from "./save-minutes.ts";

/** The move form, prefilled with the meeting's current date and time. */
export function moveForm(o: OpenMeeting, previous?: { date: string; time: string; errors: Record<string, string> }): FormView {
  const local = DateTime.fromJSDate(o.meeting.startsAt, { zone: o.group.timeZone });
  return {
    formId: "meeting.move",
    title: o.t("move.form.title"),
    submitLabel: o.t("move.form.submit"),
    state: o.meeting.id,
    intro: o.t("move.form.intro", { group: o.group.name, at: o.meeting.startsAt }),
    fields: [
      { id: "date", label: o.t("move.form.date"), kind: "date", required: true, initial: previous?.date ?? local.toISODate()! },
      { id: "time", label: o.t("move.form.time"), kind: "text", required: true, maxLength: 5, initial: previous?.time ?? local.toFormat("HH:mm") },
    ],
    ...(previous === undefined ? {} : { errors: previous.errors }),
  };
}

type Submit = (deps: MeetingsDeps, ctx: FormContext) => Promise<FormResult>;

const gone = (ctx: FormContext, key: Parameters<typeof replyText>[2]): FormResult => ({
  ok: false,
  errors: { "": replyText(ctx.actor.locale, ctx.actor.partnership.timeZone, key).text },
});

const value = (ctx: FormContext, id: string): string => {
  const v = ctx.event.values[id];
  return typeof v === "string" ? v.trim() : "";
};

// A move on a blocked day is refused on the form; one that breaks the cadence asks for confirmation first.
const submitMove: Submit = async (deps, ctx) => {
  const o = await loadOpenMeeting(deps, ctx.actor, ctx.event.state);
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!canChangeMeetings(ctx.actor.member, o.group, o.seats)) return { ok: false, errors: { "": notAllowedText(o.t, ctx.actor.locale, o.group) } };
  const [date, time] = [value(ctx, "date"), value(ctx, "time").replace(".", ":")];
  const errors: Record<string, string> = {};
  const day = DateTime.fromISO(date, { zone: o.group.timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) errors.date = o.t("move.badDate");
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) errors.time = o.t("move.badTime");
  const blocked = errors.date === undefined ? blockedText(o, date) : undefined;
  if (blocked !== undefined) errors.date = blocked;
  const newStart = DateTime.fromISO(`${date}T${time.padStart(5, "0")}`, { zone: o.group.timeZone }).toJSDate();
  if (Object.keys(errors).length === 0 && newStart <= deps.clock.now()) errors.date = o.t("move.past");
  if (Object.keys(errors).length > 0) return { ok: false, errors, form: moveForm(o, { date, time, errors }) };
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
  return { ok: true, message: replyText(ctx.actor.locale, o.group.timeZone, "move.done", { group: o.group.name, at: moved.startsAt }) };
};

const submitAgenda: Submit = async (deps, ctx) => {
  const meetingId = ctx.event.state !== "" ? ctx.event.state : value(ctx, "meeting");
  const o = await loadOpenMeeting(deps, ctx.actor, meetingId);
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!o.seats.some((s) => s.memberId === ctx.actor.member.id)) return gone(ctx, "notInGroup");
  const text = value(ctx, "text");
  const problem = checkAgendaText(text);
  if (problem !== undefined) return { ok: false, errors: { text: o.t(problem) } };
  const warning = await warnOnceAboutPersonalDetails(
    deps.db,
    { memberId: ctx.actor.member.id, scope: AGENDA_TEXT_SCOPE },
    text,
    ctx.actor.locale,
    deps.clock.now(),
  );
  if (warning !== undefined) return { ok: false, errors: { text: warning } };
  await addAgendaItem(deps, o.group, o.meeting, ctx.actor.member.id, text);
  return { ok: true, message: replyText(ctx.actor.locale, o.group.timeZone, "agenda.added", { group: o.group.name, at: o.meeting.startsAt }) };
};

const submitMinutes: Submit = async (deps, ctx) => {
  const o = await loadOpenMeeting(deps, ctx.actor, ctx.event.state, { allowHeld: true });
  if (o === undefined) return gone(ctx, "meeting.gone");
  if (!canWriteMinutes(ctx.actor.member, o.seats)) return gone(ctx, "minutes.notAllowed");
  if (o.meeting.minutesAt !== null) return gone(ctx, "minutes.already");
  const parsed = parseMinutes(ctx.event.values, o.meeting, o.group, o.seats);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, o.t(key, { max: 500 })]));
    return { ok: false, errors, form: await minutesForm(deps, o.group, o.meeting, o.t, { values: ctx.event.values, errors }) };
  }
  const saved = await saveMinutes(deps, o.group, o.meeting, parsed.minutes, ctx.actor.member.id);
  if (!saved) return gone(ctx, "minutes.already");
  return { ok: true, message: replyText(ctx.actor.locale, o.group.timeZone, "minutes.saved") };
};

const SUBMITS: Record<string, Submit> = { "meeting.move": submitMove, "meeting.agenda": submitAgenda, "meeting.minutes": submitMinutes };

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
