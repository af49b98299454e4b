import { bothLanguages, readFormValues, type Field, type FormDefinition } from "../forms/index.ts";
import type { Locale } from "../shared/i18n.ts";
import type { AgendaItem } from "./agenda.repository.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { GroupSeat, MeetingGroup } from "./meeting-group.repository.ts";
import { meetingMessages } from "./meetings.messages.ts";

/** The form ids the views carry (stable: a form opened before a release is still answered after it). */
export const AGENDA_FORM_ID = "meeting.agenda";
export const MOVE_FORM_ID = "meeting.move";
export const MINUTES_FORM_ID = "meeting.minutes";
export const RSVP_COMMENT_FORM_ID = "meeting.rsvp-comment";
export const NEW_MEETING_FORM_ID = "meeting.new";
export const POLL_FORM_ID = "meeting.poll";
export const AMEND_FORM_ID = "meeting.amend";

/** The longest agenda item accepted (the column allows the same). */
export const AGENDA_ITEM_MAX = 500;
export const DECISIONS_MAX = 4000;
const ACTION_MAX = 500;
/** How many action items one minutes form takes (the minutes are submitted once). */
export const ACTION_SLOTS = 5;
/** A comment to an answer is a line (who comes instead, arriving late), not a letter; the column allows the same. */
export const RSVP_COMMENT_MAX = 200;
/** The longest place or link, and the longest reason (the columns allow the same). */
export const LOCATION_MAX = 300;
export const REASON_MAX = 500;
const AMEND_NOTE_MAX = 500;
/** A poll proposes two to five times. */
export const POLL_MIN_TIMES = 2;
export const POLL_MAX_TIMES = 5;

const { both, inBoth } = bothLanguages(meetingMessages);

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

/** Which group, asked only of a member who may call meetings of several: with one, the view carries it. */
function groupField(groups: readonly MeetingGroup[]): Field[] {
  if (groups.length < 2) return [];
  const choices = groups.map((g) => ({ value: g.id, label: { sv: g.name, en: g.name } }));
  return [{ id: "group", label: both("call.form.group"), type: "choice", required: true, choices }];
}

/** What every way of calling a meeting asks the same: its length (15 minutes to 8 hours), place or link, reason. */
function meetingDetailFields(): Field[] {
  return [
    { id: "duration", label: both("call.form.duration"), type: "integer", required: true, min: 15, max: 480, total: "sum" },
    {
      id: "location",
      label: both("call.form.location"),
      help: both("call.form.locationHelp"),
      type: "text",
      required: false,
      maxLength: LOCATION_MAX,
      multiline: false,
    },
    { id: "reason", label: both("call.form.reason"), help: both("agenda.form.help"), type: "text", required: false, maxLength: REASON_MAX, multiline: true },
  ];
}

/** An extra meeting: (which group,) date and start time, length, place or link, reason. The day and the period are the meeting's to judge. */
export function newMeetingDefinition(groups: readonly MeetingGroup[] = []): FormDefinition {
  return {
    id: "meeting-new",
    title: both("call.form.title"),
    fields: [
      ...groupField(groups),
      { id: "date", label: both("move.form.date"), type: "date", required: true },
      { id: "time", label: both("move.form.time"), type: "time", required: true },
      ...meetingDetailFields(),
    ],
    checks: [],
  };
}

/**
 * A date poll: (which group,) two to five dates with start times (a third to fifth date and its time go together),
 * the last day to answer, and the details of the meeting it becomes.
 */
export function pollDefinition(groups: readonly MeetingGroup[] = []): FormDefinition {
  const times: Field[] = [];
  for (let n = 1; n <= POLL_MAX_TIMES; n++) {
    const required = n <= POLL_MIN_TIMES;
    times.push(
      { id: `date${n}`, label: both("poll.form.date", { n }), type: "date", required },
      { id: `time${n}`, label: both("poll.form.time", { n }), short: both("poll.form.timeShort", { n }), type: "time", required },
    );
  }
  const checks = Array.from({ length: POLL_MAX_TIMES - POLL_MIN_TIMES }, (_, i) => ({
    kind: "allOrNone" as const,
    fields: [`date${POLL_MIN_TIMES + i + 1}`, `time${POLL_MIN_TIMES + i + 1}`],
  }));
  return {
    id: "meeting-poll",
    title: both("poll.form.title"),
    fields: [...groupField(groups), ...times, { id: "deadline", label: both("poll.form.deadline"), type: "date", required: true }, ...meetingDetailFields()],
    checks,
  };
}

/** An amendment to the minutes: the decisions as they should read, and what changed and why. */
export function amendDefinition(): FormDefinition {
  return {
    id: "meeting-amend",
    title: both("minutes.amend.title"),
    fields: [
      { id: "decisions", label: both("minutes.form.decisions"), type: "text", required: false, maxLength: DECISIONS_MAX, multiline: true },
      {
        id: "note",
        label: both("minutes.amend.note"),
        help: both("agenda.form.help"),
        type: "text",
        required: true,
        maxLength: AMEND_NOTE_MAX,
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
