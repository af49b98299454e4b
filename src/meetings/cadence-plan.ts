import type { Cadence } from "../partnerships/partnership.ts";
import { isoWeekdayOf, type MeetingSettings } from "./meeting-settings.ts";
import { firstDayOfMonth, lastDayOfMonth, monthIndexOf, nthWeekdayOfMonth, weekdayOf, zonedInstant } from "./local-dates.ts";
import { planTermMeetings } from "./term-plan.ts";
import { addDays, createWorkingDays, type LocalDate, type WorkingDays } from "./working-days.ts";

/** One meeting the plan proposes. */
export interface PlannedMeeting {
  date: LocalDate;
  startsAt: Date;
  endsAt: Date;
  /** How the date differs from the pattern: moved past a holiday/blackout, or pulled earlier to keep the cadence. */
  adjustment: "none" | "moved-forward" | "pulled-earlier";
}

/** A place where the rules cannot all hold; the plan still proposes the nearest possible date. */
export type PlanWarning =
  | { kind: "gap-too-long"; after: LocalDate; date: LocalDate; limitMonths: number }
  | { kind: "term-without-meeting"; termFrom: LocalDate; termTo: LocalDate };

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
 * without a meeting (the month of the next meeting is at most N after the month of the previous one).
 */
export function planCadence(input: CadencePlanInput): CadencePlan {
  const tools = createPlanTools(input);
  if (input.cadence.kind === "term") return planTermMeetings(input, tools);
  return planMonthlyMeetings(input, input.cadence.months, tools);
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

function planMonthlyMeetings(input: CadencePlanInput, limitMonths: number, tools: PlanTools): CadencePlan {
  const step = Math.min(input.settings.pattern.everyMonths ?? limitMonths, limitMonths);
  const fromMonth = monthIndexOf(input.from);
  const meetings: PlannedMeeting[] = [];
  const warnings: PlanWarning[] = [];
  let previous = input.previous;
  let target = previous === undefined ? fromMonth : Math.max(monthIndexOf(previous) + step, fromMonth);
  while (firstDayOfMonth(target) <= input.until) {
    const candidate = tools.patternDate(target);
    if (candidate < input.from) {
      target += 1;
      continue;
    }
    const forward = tools.nextSuitable(candidate, addDays(candidate, 366));
    const deadline = previous === undefined ? Infinity : monthIndexOf(previous) + limitMonths;
    let chosen: PlannedMeeting | undefined;
    if (forward !== undefined && monthIndexOf(forward) <= deadline) {
      chosen = tools.meetingOn(forward, forward === candidate ? "none" : "moved-forward");
    } else if (previous !== undefined) {
      const earlier = findEarlierDate(previous, deadline, input.from, tools);
      if (earlier !== undefined) chosen = tools.meetingOn(earlier, "pulled-earlier");
      else if (forward !== undefined) {
        warnings.push({ kind: "gap-too-long", after: previous, date: forward, limitMonths });
        chosen = tools.meetingOn(forward, "moved-forward");
      }
    }
    if (chosen === undefined || chosen.date > input.until) break;
    meetings.push(chosen);
    previous = chosen.date;
    target = monthIndexOf(chosen.date) + step;
  }
  return { meetings, warnings };
}

// The latest date that keeps the gap: first the pattern date of the latest month that has a suitable one,
// then the latest suitable day on the pattern weekday, then any suitable day, all in a month after `previous`.
function findEarlierDate(previous: LocalDate, deadline: number, from: LocalDate, tools: PlanTools): LocalDate | undefined {
  const firstMonth = monthIndexOf(previous) + 1;
  const lowest = [addDays(previous, 1), from, firstDayOfMonth(firstMonth)].reduce((a, b) => (a > b ? a : b));
  for (let month = deadline; month >= firstMonth; month--) {
    const candidate = tools.patternDate(month);
    if (candidate < lowest) continue;
    const resolved = tools.nextSuitable(candidate, lastDayOfMonth(month));
    if (resolved !== undefined) return resolved;
  }
  let anyWeekday: LocalDate | undefined;
  for (let d = lastDayOfMonth(deadline); d >= lowest; d = addDays(d, -1)) {
    if (!tools.days.isSuitable(d)) continue;
    if (weekdayOf(d) === tools.weekday) return d;
    anyWeekday ??= d;
  }
  return anyWeekday;
}
