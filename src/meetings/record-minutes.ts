import type { FormField, FormValues, FormView } from "../chat/index.ts";
import { DateTime } from "luxon";
import { hasAnyRole, type Member } from "../partnerships/index.ts";
import type { Translate } from "../shared/i18n.ts";
import { containsPersonnummer } from "../shared/personnummer.ts";
import { openAgendaItems, type AgendaItem } from "./agenda.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { type Meeting } from "./meeting.repository.ts";
import { listSeats, type GroupSeat, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";

/** How many action items one minutes form takes (the minutes are submitted once). */
const ACTION_SLOTS = 5;
export const DECISIONS_MAX = 4000;
const ACTION_MAX = 500;

/** The minutes as validated from the form. */
export interface Minutes {
  decisions: string[];
  coveredItemIds: string[];
  actions: { text: string; ownerMemberId: string; dueDate: string }[];
}

/** The secretary or chair of the group, or a coordinator of the partnership, writes the minutes. */
export function canWriteMinutes(member: Member, seats: GroupSeat[]): boolean {
  const seat = seats.find((s) => s.memberId === member.id);
  return seat?.role === "secretary" || seat?.role === "chair" || hasAnyRole(member, ["coordinator", "admin"]);
}

/** Who is asked for the minutes: the secretary, else the chair, else the group's coordinators. */
export function minuteTakers(seats: GroupSeat[]): GroupSeat[] {
  for (const pick of [(s: GroupSeat) => s.role === "secretary", (s: GroupSeat) => s.role === "chair", (s: GroupSeat) => s.roles.includes("coordinator")]) {
    const found = seats.filter(pick);
    if (found.length > 0) return found;
  }
  return seats.slice(0, 1);
}

/** The minutes form: decisions, the agenda items covered, and action items with owner and due date. */
export async function minutesForm(
  deps: MeetingsDeps,
  group: MeetingGroup,
  meeting: Meeting,
  t: Translate<MeetingMessageKey>,
  previous?: { values: FormValues; errors: Record<string, string> },
): Promise<FormView> {
  const items = await openAgendaItems(deps.db, group.id, meeting);
  const seats = await listSeats(deps.db, group.id);
  const owners = seats.map((s) => ({ value: s.memberId, label: s.displayName }));
  const initial = (id: string, fallback?: string | string[]) => previous?.values[id] ?? fallback;
  const fields: FormField[] = [
    { id: "decisions", label: t("minutes.form.decisions"), kind: "multiline", required: false, maxLength: DECISIONS_MAX, ...opt(initial("decisions")) },
    ...(items.length === 0
      ? []
      : [
          {
            id: "covered",
            label: t("minutes.form.covered"),
            kind: "multichoice" as const,
            required: false,
            choices: items.map((i: AgendaItem) => ({ value: i.id, label: i.text.slice(0, 75) })),
            ...opt(
              initial(
                "covered",
                items.map((i) => i.id),
              ),
            ),
          },
        ]),
  ];
  for (let n = 1; n <= ACTION_SLOTS; n++) {
    fields.push(
      { id: `action${n}`, label: t("minutes.form.actionText", { n }), kind: "text", required: false, maxLength: ACTION_MAX, ...opt(initial(`action${n}`)) },
      { id: `owner${n}`, label: t("minutes.form.actionOwner", { n }), kind: "choice", required: false, choices: owners, ...opt(initial(`owner${n}`)) },
      { id: `due${n}`, label: t("minutes.form.actionDue", { n }), kind: "date", required: false, ...opt(initial(`due${n}`)) },
    );
  }
  return {
    formId: "meeting.minutes",
    title: t("minutes.form.title"),
    submitLabel: t("minutes.form.submit"),
    state: meeting.id,
    intro: t("minutesRequest.title", { group: group.name, at: meeting.startsAt }),
    fields,
    ...(previous === undefined ? {} : { errors: previous.errors }),
  };
}

function opt(value: string | string[] | undefined): { initial?: string | string[] } {
  return value === undefined ? {} : { initial: value };
}

/** Validates the submitted minutes; errors are message keys by field id. */
export function parseMinutes(
  values: FormValues,
  meeting: Meeting,
  group: MeetingGroup,
  seats: GroupSeat[],
): { ok: true; minutes: Minutes } | { ok: false; errors: Record<string, MeetingMessageKey> } {
  const errors: Record<string, MeetingMessageKey> = {};
  const text = (id: string) => {
    const v = values[id];
    return typeof v === "string" ? v.trim() : "";
  };
  const decisionsText = text("decisions");
  if (decisionsText.length > DECISIONS_MAX) errors.decisions = "minutes.tooLong";
  else if (containsPersonnummer(decisionsText)) errors.decisions = "minutes.personnummer";
  const decisions = decisionLines(decisionsText);
  const covered = values.covered;
  const coveredItemIds = Array.isArray(covered) ? covered : typeof covered === "string" && covered !== "" ? covered.split(",") : [];
  const meetingDate = localDateOf(meeting.startsAt, group.timeZone);
  const actions: Minutes["actions"] = [];
  for (let n = 1; n <= ACTION_SLOTS; n++) {
    const [what, owner, due] = [text(`action${n}`), text(`owner${n}`), text(`due${n}`)];
    if (what === "" && owner === "" && due === "") continue;
    if (what === "") errors[`action${n}`] = "minutes.textRequired";
    else if (what.length > ACTION_MAX) errors[`action${n}`] = "minutes.tooLong";
    else if (containsPersonnummer(what)) errors[`action${n}`] = "minutes.personnummer";
    if (!seats.some((s) => s.memberId === owner)) errors[`owner${n}`] = "minutes.ownerRequired";
    if (!DateTime.fromISO(due).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(due)) errors[`due${n}`] = "minutes.dueRequired";
    else if (due < meetingDate) errors[`due${n}`] = "minutes.dueBeforeMeeting";
    actions.push({ text: what, ownerMemberId: owner, dueDate: due });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, minutes: { decisions, coveredItemIds, actions } };
}

/** The decisions written one per line, list marks (-, •, *) taken off, empty lines left out. */
export function decisionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[-•*]\s*/, "").trim())
    .filter((l) => l.length > 0);
}
