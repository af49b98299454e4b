import { readFormValues, type Field, type FormDefinition, type LocalizedText } from "../forms/index.ts";
import { createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import type { AgendaItem } from "./agenda.repository.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { GroupSeat, MeetingGroup } from "./meeting-group.repository.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";

/** The form ids the views carry (stable: a form opened before a release is still answered after it). */
export const AGENDA_FORM_ID = "meeting.agenda";
export const MOVE_FORM_ID = "meeting.move";
export const MINUTES_FORM_ID = "meeting.minutes";
export const RSVP_COMMENT_FORM_ID = "meeting.rsvp-comment";

/** The longest agenda item accepted (the column allows the same). */
export const AGENDA_ITEM_MAX = 500;
export const DECISIONS_MAX = 4000;
const ACTION_MAX = 500;
/** How many action items one minutes form takes (the minutes are submitted once). */
export const ACTION_SLOTS = 5;
/** A comment to an answer is a line (who comes instead, arriving late), not a letter; the column allows the same. */
export const RSVP_COMMENT_MAX = 200;

type Params = Record<string, string | number | Date>;
const inBoth = (text: (t: Translate<MeetingMessageKey>) => string, timeZone?: string): LocalizedText => ({
  sv: text(createTranslator(meetingMessages, "sv", timeZone)),
  en: text(createTranslator(meetingMessages, "en", timeZone)),
});
const both = (key: MeetingMessageKey, params: Params = {}): LocalizedText => inBoth((t) => t(key, params));

/**
 * An agenda item; with several meetings taking items, which one. With none or one, the item only: the view carries
 * the meeting, and `agenda <text>` in the conversation reads its text with the same field.
 */
export function agendaDefinition(choices: readonly { meeting: Meeting; group: MeetingGroup }[] = [], timeZone?: string): FormDefinition {
  const meeting: Field[] =
    choices.length < 2
      ? []
      : [
          {
            id: "meeting",
            label: both("agenda.form.meeting"),
            type: "choice",
            required: true,
            choices: choices.map((c) => ({
              value: c.meeting.id,
              label: inBoth((t) => t("list.line", { group: c.group.name, at: c.meeting.startsAt, status: t(`status.${c.meeting.status}`) }), timeZone),
            })),
          },
        ];
  return {
    id: "meeting-agenda",
    title: both("agenda.form.title"),
    fields: [
      ...meeting,
      {
        id: "text",
        label: both("agenda.form.text"),
        help: both("agenda.form.help"),
        type: "text",
        required: true,
        maxLength: AGENDA_ITEM_MAX,
        multiline: false,
      },
    ],
    checks: [],
  };
}

/** A meeting's new date and start time; whether the day is free and the cadence holds is the meeting's to say. */
export function moveDefinition(): FormDefinition {
  return {
    id: "meeting-move",
    title: both("move.form.title"),
    fields: [
      { id: "date", label: both("move.form.date"), type: "date", required: true },
      { id: "time", label: both("move.form.time"), type: "time", required: true },
    ],
    checks: [],
  };
}

/**
 * The minutes: decisions one per line, the agenda items covered (the others carry over), and action items whose
 * text, owner and due date go together. The owner is one of the group's members.
 */
export function minutesDefinition(items: readonly AgendaItem[], seats: readonly GroupSeat[]): FormDefinition {
  const fields: Field[] = [
    { id: "decisions", label: both("minutes.form.decisions"), type: "text", required: false, maxLength: DECISIONS_MAX, multiline: true },
  ];
  if (items.length > 0) {
    fields.push({
      id: "covered",
      label: both("minutes.form.covered"),
      type: "multichoice",
      required: false,
      minSelected: 0,
      choices: items.map((i) => ({ value: i.id, label: { sv: i.text.slice(0, 75), en: (i.textEn ?? i.text).slice(0, 75) } })),
    });
  }
  const owners = seats.map((s) => ({ value: s.memberId, label: { sv: s.displayName, en: s.displayName } }));
  for (let n = 1; n <= ACTION_SLOTS; n++) {
    fields.push(
      { id: `action${n}`, label: both("minutes.form.actionText", { n }), type: "text", required: false, maxLength: ACTION_MAX, multiline: false },
      {
        id: `owner${n}`,
        label: both("minutes.form.actionOwner", { n }),
        short: both("minutes.form.actionOwnerShort", { n }),
        type: "choice",
        required: false,
        choices: owners,
      },
      { id: `due${n}`, label: both("minutes.form.actionDue", { n }), short: both("minutes.form.actionDueShort", { n }), type: "date", required: false },
    );
  }
  const checks = Array.from({ length: ACTION_SLOTS }, (_, i) => ({ kind: "allOrNone" as const, fields: [`action${i + 1}`, `owner${i + 1}`, `due${i + 1}`] }));
  return { id: "meeting-minutes", title: both("minutes.form.title"), fields, checks };
}

/** A short comment to one's answer to an invitation, for the chair, the secretary and the organisers. */
export function rsvpCommentDefinition(): FormDefinition {
  return {
    id: "meeting-rsvp-comment",
    title: both("rsvp.comment.title"),
    fields: [
      {
        id: "comment",
        label: both("rsvp.comment.label"),
        help: both("rsvp.comment.help"),
        type: "text",
        required: true,
        maxLength: RSVP_COMMENT_MAX,
        multiline: false,
      },
    ],
    checks: [],
  };
}

/** Reads text written in the conversation (`agenda …`, `kommentar …`) with a view's field: the same refusals as the view. */
export function readWritten(
  definition: FormDefinition,
  fieldId: string,
  text: string,
  locale: Locale,
): { ok: true; text: string } | { ok: false; error: string } {
  const reading = readFormValues(definition, { [fieldId]: text }, locale);
  return reading.ok ? { ok: true, text: String(reading.answers[fieldId]) } : { ok: false, error: reading.errors[fieldId] ?? Object.values(reading.errors)[0]! };
}
