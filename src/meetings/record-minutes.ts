import type { FormView } from "../chat/index.ts";
import { renderFormView, type Answers } from "../forms/index.ts";
import { hasAnyRole, type Member } from "../partnerships/index.ts";
import type { Locale, Translate } from "../shared/i18n.ts";
import { openAgendaItems } from "./agenda.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { type Meeting } from "./meeting.repository.ts";
import { ACTION_SLOTS, MINUTES_FORM_ID, minutesDefinition } from "./meeting-form-definitions.ts";
import { listSeats, type GroupSeat, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";

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

/** The minutes' definition for this meeting: its open agenda items and the group's members as owners. */
export async function minutesDefinitionFor(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting) {
  return minutesDefinition(await openAgendaItems(deps.db, group.id, meeting), await listSeats(deps.db, group.id));
}

/**
 * The minutes form: decisions, the agenda items covered (all ticked to start with), and action items with owner and
 * due date. A refused submission is drawn again with what was typed (`answers`) and the errors on their fields.
 */
export async function minutesForm(
  deps: MeetingsDeps,
  group: MeetingGroup,
  meeting: Meeting,
  t: Translate<MeetingMessageKey>,
  locale: Locale,
  previous?: { answers: Answers; errors: Record<string, string> },
): Promise<FormView> {
  const definition = await minutesDefinitionFor(deps, group, meeting);
  const covered = definition.fields.find((f) => f.id === "covered");
  const answers = previous?.answers ?? (covered?.type === "multichoice" ? { covered: covered.choices.map((c) => c.value) } : {});
  const frame = {
    formId: MINUTES_FORM_ID,
    title: t("minutes.form.title"),
    submitLabel: t("minutes.form.submit"),
    state: meeting.id,
    intro: t("minutesRequest.title", { group: group.name, at: meeting.startsAt }),
  };
  return renderFormView(definition, answers, locale, frame, previous?.errors);
}

/**
 * Turns answers the engine accepted into minutes; refuses, on its field, an action item due before the meeting
 * (which only the meeting knows to check), in the writer's language.
 */
export function readMinutes(
  answers: Answers,
  meeting: Meeting,
  group: MeetingGroup,
  t: Translate<MeetingMessageKey>,
): { ok: true; minutes: Minutes } | { ok: false; errors: Record<string, string> } {
  const meetingDate = localDateOf(meeting.startsAt, group.timeZone);
  const errors: Record<string, string> = {};
  const actions: Minutes["actions"] = [];
  for (let n = 1; n <= ACTION_SLOTS; n++) {
    const [text, owner, due] = [answers[`action${n}`], answers[`owner${n}`], answers[`due${n}`]];
    // The engine's all-or-none check leaves a slot either empty or whole.
    if (typeof text !== "string" || typeof owner !== "string" || typeof due !== "string") continue;
    if (due < meetingDate) errors[`due${n}`] = t("minutes.dueBeforeMeeting");
    actions.push({ text, ownerMemberId: owner, dueDate: due });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const covered = answers.covered;
  return {
    ok: true,
    minutes: {
      decisions: decisionLines(typeof answers.decisions === "string" ? answers.decisions : ""),
      coveredItemIds: Array.isArray(covered) ? covered : [],
      actions,
    },
  };
}

/** The decisions written one per line, list marks (-, •, *) taken off, empty lines left out. */
export function decisionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[-•*]\s*/, "").trim())
    .filter((l) => l.length > 0);
}
