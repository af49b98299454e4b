import type { Db } from "../db/database.ts";
import type { Reminders } from "../reminders/reminder.ts";
import { exemptMonthsWithout, type PlanExemption } from "./cadence-months.ts";
import { findCadenceConflict, type CadenceConflict } from "./cadence-conflicts.ts";
import { planCadence, type PlanWarning } from "./cadence-plan.ts";
import { localDateOf } from "./local-dates.ts";
import { insertPlannedMeetings, latestMeeting, listMeetings, withGroupLock, type Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { scheduleMeetingReminders } from "./reminder-times.ts";
import { addDays, type LocalDate } from "./working-days.ts";

/** One group's meetings in the planning window. */
export interface GroupPlan {
  group: MeetingGroup;
  /** Stored meetings in the window (cancelled ones included), oldest first; new ones are flagged in `created`. */
  meetings: Meeting[];
  created: Set<string>;
  /** Proposals not stored (a dry run). */
  proposals: { startsAt: Date; endsAt: Date }[];
  warnings: PlanWarning[];
  /** Where the group's blackouts and cadence collide in the window, so a blackout yields; said once per plan. */
  conflict?: CadenceConflict;
  /** Exempt months of the window without a meeting, with the file's reason. */
  exemptions: PlanExemption[];
}

/** The planning window, as local dates. */
export interface PlanWindow {
  from: LocalDate;
  until: LocalDate;
}

/**
 * Plans a group forward from its latest live meeting up to `window.until` (never past the agreement period's end)
 * and stores the new meetings (under the group's lock, so concurrent planners never double-plan). Existing
 * meetings are never changed.
 */
export async function planGroupMeetings(
  db: Db,
  group: MeetingGroup,
  window: PlanWindow,
  now: Date,
  options: { dryRun?: boolean; reminders?: Reminders } = {},
): Promise<GroupPlan> {
  // Nothing is planned after the agreement period ends; recording an extension moves the end and planning goes on.
  const until = window.until < group.periodEnd ? window.until : group.periodEnd;
  const { created, proposals, warnings } = await withGroupLock(db, group.id, async (trx) => {
    const latest = await latestMeeting(trx, group.id);
    const previous = latest === undefined ? undefined : localDateOf(latest.startsAt, group.timeZone);
    const from = previous !== undefined && previous >= window.from ? addDays(previous, 1) : window.from;
    if (from > until) return { created: [], proposals: [], warnings: [] };
    const plan = planCadence({ settings: group.meetings, cadence: group.cadence, timeZone: group.timeZone, from, until, previous });
    if (options.dryRun === true) return { created: [], proposals: plan.meetings, warnings: plan.warnings };
    return { created: await insertPlannedMeetings(trx, group, plan.meetings, now), proposals: [], warnings: plan.warnings };
  });
  if (options.reminders !== undefined) {
    for (const meeting of created) await scheduleMeetingReminders(options.reminders, meeting, group, now);
  }
  const start = new Date(`${window.from}T00:00:00Z`);
  const end = new Date(`${addDays(window.until, 2)}T00:00:00Z`);
  const meetings = await listMeetings(db, group.id, new Date(start.getTime() - 86_400_000), end, ["planned", "invited", "moved", "held", "cancelled"]);
  const inWindow = meetings.filter((m) => {
    const date = localDateOf(m.startsAt, group.timeZone);
    return date >= window.from && date <= window.until;
  });
  const conflict = window.from > until ? undefined : findCadenceConflict(group.meetings, group.cadence, window.from, until);
  const dates = [...inWindow.filter((m) => m.status !== "cancelled").map((m) => m.startsAt), ...proposals.map((p) => p.startsAt)].map((d) =>
    localDateOf(d, group.timeZone),
  );
  return {
    group,
    meetings: inWindow,
    created: new Set(created.map((m) => m.id)),
    proposals,
    warnings,
    ...(conflict === undefined ? {} : { conflict }),
    exemptions: group.cadence.kind === "months" && window.from <= until ? exemptMonthsWithout(group.meetings.exemptMonths, window.from, until, dates) : [],
  };
}
