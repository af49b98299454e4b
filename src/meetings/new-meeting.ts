import type { ActionContext, Actor, FormContext, FormHandler } from "../app/feature.ts";
import { type FormField, type FormResult, type FormValues, type FormView, textMessage } from "../chat/index.ts";
import type { Translate } from "../shared/i18n.ts";
import { callMeeting, checkFreeText, groupsActorMayCall, LOCATION_MAX, readMeetingTime, REASON_MAX } from "./call-meeting.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";

type T = Translate<MeetingMessageKey>;

/** What the form starts from: a group and a date (the watchdog's button names the gap), or earlier answers. */
interface Prefill {
  groupId?: string;
  date?: string;
  values?: FormValues;
  errors?: Record<string, string>;
}

/** Reads one submitted value as trimmed text. */
export function textValue(values: FormValues, id: string): string {
  const v = values[id];
  return typeof v === "string" ? v.trim() : "";
}

type Initial = (id: string, fallback?: string) => { initial?: string | string[] };

/** A field's starting value: the earlier answer when there is one, else the fallback, else none. */
export function initialFrom(values: FormValues | undefined): Initial {
  return (id, fallback) => {
    const v = values?.[id] ?? fallback;
    return v === undefined || v === "" ? {} : { initial: v };
  };
}

/** The choice of group, starting on `group`. */
export function groupField(groups: readonly MeetingGroup[], group: MeetingGroup, t: T): FormField {
  return {
    id: "group",
    label: t("call.form.group"),
    kind: "choice",
    required: true,
    choices: groups.map((g) => ({ value: g.id, label: g.name })),
    initial: group.id,
  };
}

/** The fields every way of calling a meeting asks the same: its length (the group's usual by default), place or link, reason. */
export function meetingDetailFields(t: T, group: MeetingGroup, initial: Initial): FormField[] {
  return [
    {
      id: "duration",
      label: t("call.form.duration"),
      kind: "number",
      required: true,
      ...initial("duration", String(group.meetings.pattern.durationMinutes)),
    },
    {
      id: "location",
      label: t("call.form.location"),
      kind: "text",
      required: false,
      maxLength: LOCATION_MAX,
      help: t("call.form.locationHelp"),
      ...initial("location"),
    },
    {
      id: "reason",
      label: t("call.form.reason"),
      kind: "multiline",
      required: false,
      maxLength: REASON_MAX,
      help: t("agenda.form.help"),
      ...initial("reason"),
    },
  ];
}

/** The extra-meeting form: group, date and time, length, place or link, reason. */
export function newMeetingForm(groups: readonly MeetingGroup[], t: T, prefill: Prefill = {}): FormView {
  const group = groups.find((g) => g.id === (prefill.values?.group ?? prefill.groupId)) ?? groups[0]!;
  const initial = initialFrom(prefill.values);
  return {
    formId: "meeting.new",
    title: t("call.form.title"),
    submitLabel: t("call.form.submit"),
    state: "",
    intro: t("call.form.intro"),
    fields: [
      groupField(groups, group, t),
      { id: "date", label: t("move.form.date"), kind: "date", required: true, ...initial("date", prefill.date) },
      { id: "time", label: t("move.form.time"), kind: "text", required: true, maxLength: 5, ...initial("time", group.meetings.pattern.time) },
      ...meetingDetailFields(t, group, initial),
    ],
    ...(prefill.errors === undefined ? {} : { errors: prefill.errors }),
  };
}

/** Opens the extra-meeting form for the groups the actor may call meetings of, or says they may call none. */
export async function openNewMeetingForm(deps: MeetingsDeps, actor: Actor, reply: ActionContext["reply"], prefill: Prefill = {}): Promise<void> {
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  const groups = await groupsActorMayCall(deps, actor);
  if (groups.length === 0) return reply.whisper(textMessage(t("call.notAllowed")));
  await reply.openForm(newMeetingForm(groups, t, prefill));
}

/** The group a submitted form names, when the actor may call meetings of it, with the groups to draw the form again. */
export async function chosenGroup(deps: MeetingsDeps, actor: Actor, values: FormValues): Promise<{ t: T; groups: MeetingGroup[]; group?: MeetingGroup }> {
  const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
  const groups = await groupsActorMayCall(deps, actor);
  const group = groups.find((g) => g.id === textValue(values, "group"));
  return group === undefined ? { t, groups } : { t, groups, group };
}

/** Reads the length of a meeting in minutes (15 minutes to 8 hours). */
function readDuration(value: string): number | undefined {
  const minutes = Number(value);
  return Number.isInteger(minutes) && minutes >= 15 && minutes <= 480 ? minutes : undefined;
}

/** What the fields of `meetingDetailFields` say once read. */
export interface MeetingDetails {
  durationMinutes: number;
  location: string | null;
  reason: string | null;
}

/** Reads the fields of `meetingDetailFields`: the details, or the problems by field id. */
export function readMeetingDetails(values: FormValues, t: T): { ok: true; details: MeetingDetails } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const duration = readDuration(textValue(values, "duration"));
  if (duration === undefined) errors.duration = t("call.badDuration");
  const [location, reason] = [textValue(values, "location"), textValue(values, "reason")];
  for (const [id, text, max] of [
    ["location", location, LOCATION_MAX],
    ["reason", reason, REASON_MAX],
  ] as const) {
    const problem = checkFreeText(text, max);
    if (problem !== undefined) errors[id] = t(problem, { max });
  }
  if (duration === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, details: { durationMinutes: duration, location: location || null, reason: reason || null } };
}

/** The extra-meeting form's submission: a meeting like any other, invited now when its invitation is due. */
export function createNewMeetingForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: "meeting.new",
    submit: async (ctx: FormContext): Promise<FormResult> => {
      const { actor, event } = ctx;
      const { t, groups, group } = await chosenGroup(deps, actor, event.values);
      if (group === undefined) return { ok: false, errors: { "": t("call.notAllowed") } };
      const now = deps.clock.now();
      const time = readMeetingTime(group, textValue(event.values, "date"), textValue(event.values, "time"), now, t);
      const details = readMeetingDetails(event.values, t);
      if (!time.ok || !details.ok) {
        const errors = { ...(time.ok ? {} : time.errors), ...(details.ok ? {} : details.errors) };
        return { ok: false, errors, form: newMeetingForm(groups, t, { values: event.values, errors }) };
      }
      const called = await callMeeting(deps, group, {
        startsAt: time.startsAt,
        ...details.details,
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
