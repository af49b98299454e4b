import type { Cadence } from "../partnerships/index.ts";
import { cadenceDeadline, exemptionOf, exemptMonthsWithout, yieldDate, type PlanExemption } from "./cadence-months.ts";
import { isoWeekdayOf, type MeetingSettings } from "./meeting-settings.ts";
import { firstDayOfMonth, lastDayOfMonth, monthIndexOf, nthWeekdayOfMonth, weekdayOf, zonedInstant } from "./local-dates.ts";
import { planTermMeetings } from "./term-plan.ts";
import { addDays, createWorkingDays, type LocalDate, type WorkingDays } from "./working-days.ts";

/** One meeting the plan proposes. */
export interface PlannedMeeting {
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
  /**
   * How the date differs from the pattern: moved to a later or earlier day past a holiday or blackout (or to keep
   * the cadence), or put on a blackout day because the blackout would otherwise empty a month the cadence needs.
   */
  adjustment: "none" | "moved-forward" | "pulled-earlier" | "yielded";
}

/** A place where the rules cannot all hold; the plan still proposes the nearest possible date. */
export type PlanWarning =
  { kind: "gap-too-long"; after: LocalDate; date: LocalDate; limitMonths: number } | { kind: "term-without-meeting"; termFrom: LocalDate; termTo: LocalDate };

/** What the planner needs: the rules, the horizon, and the group's latest meeting (the gap counts from it). */
export interface CadencePlanInput {
  settings: MeetingSettings;
  cadence: Cadence;
  timeZone: string;
  from: LocalDate;
  until: LocalDate;
  previous?: LocalDate;
}

export interface CadencePlan {
  meetings: PlannedMeeting[];
  warnings: PlanWarning[];
  exemptions: PlanExemption[];
}

/** The tools the month and term planners share. */
export interface PlanTools {
  days: WorkingDays;
  weekday: number;
  patternDate(monthIndex: number): LocalDate;
  nextSuitable(date: LocalDate, limit: LocalDate): LocalDate | undefined;
  meetingOn(date: LocalDate, adjustment: PlannedMeeting["adjustment"]): PlannedMeeting;
}

/**
 * Plans a group's meetings from its pattern. "At least every N months" means no N consecutive calendar months
 * without a meeting, exempt months not counted; without a meeting before the window, the window's first month
 * counts as the first month without one. Blackouts move a meeting within its month, and yield when they would
 * empty a month the cadence needs.
 */
export function planCadence(input: CadencePlanInput): CadencePlan {
  const tools = createPlanTools(input);
  if (input.cadence.kind === "term") return { ...planTermMeetings(input, tools), exemptions: [] };
  const plan = planMonthlyMeetings(input, input.cadence.months, tools);
  return {
    ...plan,
    exemptions: exemptMonthsWithout(
      input.settings.exemptMonths,
      input.from,
      input.until,
      plan.meetings.map((m) => m.date),
    ),
  };
}

function createPlanTools({ settings, timeZone }: CadencePlanInput): PlanTools {
  const days = createWorkingDays(settings.blackouts);
  const { time, durationMinutes, week } = settings.pattern;
  const weekday = isoWeekdayOf(settings.pattern.weekday);
  return {
    days,
    weekday,
    patternDate: (index) => nthWeekdayOfMonth(index, weekday, week),
    nextSuitable: (date, limit) => {
      for (let d = date; d <= limit; d = addDays(d, 1)) if (days.isSuitable(d)) return d;
      return undefined;
    },
    meetingOn: (date, adjustment) => {
      const startsAt = zonedInstant(date, time, timeZone);
      return { date, startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000), adjustment };
    },
  };
}

function planMonthlyMeetings(input: CadencePlanInput, limitMonths: number, tools: PlanTools): Omit<CadencePlan, "exemptions"> {
  const exempt = input.settings.exemptMonths;
  const step = Math.min(input.settings.pattern.everyMonths ?? limitMonths, limitMonths);
  const untilMonth = monthIndexOf(input.until);
  const meetings: PlannedMeeting[] = [];
  const warnings: PlanWarning[] = [];
  let previous = input.previous;
  // Without a meeting before the window its first month counts as one without a meeting, unless no working day of
  // it is left on or after `from`: then the cadence starts counting at the next month, so that month gets its meeting.
  const firstMonth = monthIndexOf(input.from);
  const firstMonthOpen = hasWorkingDay(tools.days, input.from, lastDayOfMonth(firstMonth));
  let anchor = previous === undefined ? (firstMonthOpen ? firstMonth - 1 : firstMonth) : monthIndexOf(previous);
  let target = previous === undefined ? anchor + 1 : Math.max(anchor + step, monthIndexOf(input.from));
  while (target <= untilMonth) {
    const lowest = previous === undefined || previous < input.from ? input.from : addDays(previous, 1);
    const deadline = cadenceDeadline(anchor, limitMonths, exempt);
    const chosen = chooseInWindow({ target, deadline: Math.max(deadline, target), anchor, lowest }, exempt, tools);
    if (chosen === undefined || chosen.date > input.until) break;
    if (previous !== undefined && monthIndexOf(chosen.date) > deadline) {
      warnings.push({ kind: "gap-too-long", after: previous, date: chosen.date, limitMonths });
    }
    meetings.push(chosen);
    previous = chosen.date;
    anchor = monthIndexOf(chosen.date);
    target = anchor + step;
  }
  return { meetings, warnings };
}

function hasWorkingDay(days: WorkingDays, from: LocalDate, to: LocalDate): boolean {
  for (let d = from; d <= to; d = addDays(d, 1)) if (days.isWorkingDay(d)) return true;
  return false;
}

interface Window {
  /** The month the pattern puts the next meeting in. */
  target: number;
  /** The last month the cadence allows for it. */
  deadline: number;
  /** The month of the previous meeting (or the month before the window). */
  anchor: number;
  /** The earliest day the meeting may fall on. */
  lowest: LocalDate;
}

// In order: the pattern's month; a later month the cadence allows; an earlier month; any suitable day on the
// pattern weekday (else any); a blackout day nearest the blackout's edge; past the deadline as a last resort.
function chooseInWindow({ target, deadline, anchor, lowest }: Window, exempt: MeetingSettings["exemptMonths"], tools: PlanTools): PlannedMeeting | undefined {
  const horizon = Number.isFinite(deadline) ? deadline : target + 12;
  const floor = Math.max(anchor + 1, monthIndexOf(lowest));
  // A second meeting in the previous meeting's month does nothing for the cadence.
  const start = firstDayOfMonth(floor) > lowest ? firstDayOfMonth(floor) : lowest;
  const inTarget = resolveInMonth(target, lowest, tools);
  if (inTarget !== undefined) return inTarget;
  for (let m = target + 1; m <= horizon; m++) {
    const found = resolveInMonth(m, lowest, tools);
    if (found !== undefined) return tools.meetingOn(found.date, "moved-forward");
  }
  for (let m = target - 1; m >= floor; m--) {
    const found = resolveInMonth(m, lowest, tools);
    if (found !== undefined) return tools.meetingOn(found.date, "pulled-earlier");
  }
  const last = Number.isFinite(deadline) ? lastDayOfMonth(deadline) : lastDayOfMonth(horizon);
  const any = latestSuitable(start, last, tools);
  if (any !== undefined) return tools.meetingOn(any, any < tools.patternDate(target) ? "pulled-earlier" : "moved-forward");
  if (Number.isFinite(deadline)) {
    for (let m = deadline; m >= floor; m--) {
      if (exemptionOf(exempt, m) !== undefined) continue;
      const from = firstDayOfMonth(m) > lowest ? firstDayOfMonth(m) : lowest;
      const yielded = yieldDate(tools.days, from, lastDayOfMonth(m), tools.patternDate(m));
      if (yielded !== undefined) return tools.meetingOn(yielded, "yielded");
    }
  }
  const forward = tools.nextSuitable(start > firstDayOfMonth(horizon + 1) ? start : firstDayOfMonth(horizon + 1), addDays(start, 800));
  return forward === undefined ? undefined : tools.meetingOn(forward, "moved-forward");
}

// The pattern date of month `index`, or the suitable day in the same month nearest after it, else the latest one
// before it (on the pattern weekday if there is one).
function resolveInMonth(index: number, lowest: LocalDate, tools: PlanTools): PlannedMeeting | undefined {
  const candidate = tools.patternDate(index);
  if (candidate < lowest) return undefined;
  if (tools.days.isSuitable(candidate)) return tools.meetingOn(candidate, "none");
  const later = tools.nextSuitable(candidate, lastDayOfMonth(index));
  if (later !== undefined) return tools.meetingOn(later, "moved-forward");
  const floor = firstDayOfMonth(index) > lowest ? firstDayOfMonth(index) : lowest;
  const earlier = latestSuitable(floor, addDays(candidate, -1), tools);
  return earlier === undefined ? undefined : tools.meetingOn(earlier, "pulled-earlier");
}

// The latest suitable day up to `last` on the pattern weekday, else the latest suitable day at all.
function latestSuitable(lowest: LocalDate, last: LocalDate, tools: PlanTools): LocalDate | undefined {
  let anyWeekday: LocalDate | undefined;
  for (let d = last; d >= lowest; d = addDays(d, -1)) {
    if (!tools.days.isSuitable(d)) continue;
    if (weekdayOf(d) === tools.weekday) return d;
    anyWeekday ??= d;
  }
  return anyWeekday;
}
