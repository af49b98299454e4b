import { DateTime } from "luxon";
import type { CadencePlan, CadencePlanInput, PlanTools, PlannedMeeting, PlanWarning } from "./cadence-plan.ts";
import { yieldDate } from "./cadence-months.ts";
import { monthIndexOf, weekdayOf } from "./local-dates.ts";
import { addDays, type LocalDate } from "./working-days.ts";

/** One school term in one year. */
export interface TermWindow {
  from: LocalDate;
  to: LocalDate;
}

/** The group's terms as dated windows overlapping `from`–`until`, in order; a term may run over the new year. */
export function termWindows(terms: CadencePlanInput["settings"]["terms"], from: LocalDate, until: LocalDate): TermWindow[] {
  const windows: TermWindow[] = [];
  const firstYear = DateTime.fromISO(from, { zone: "utc" }).year - 1;
  const lastYear = DateTime.fromISO(until, { zone: "utc" }).year;
  for (let year = firstYear; year <= lastYear; year++) {
    for (const term of terms) {
      const start = `${year}-${term.from}`;
      const end = `${term.to < term.from ? year + 1 : year}-${term.to}`;
      if (end >= from && start <= until) windows.push({ from: start, to: end });
    }
  }
  return windows.sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * One meeting per term: the first pattern date in the term, else the first suitable day, else (a blackout over the
 * whole term) the working day nearest the blackout's edge; warns when the term has no working day left at all.
 */
export function planTermMeetings(input: CadencePlanInput, tools: PlanTools): Omit<CadencePlan, "exemptions"> {
  const meetings: PlannedMeeting[] = [];
  const warnings: PlanWarning[] = [];
  let previous = input.previous;
  for (const term of termWindows(input.settings.terms, input.from, input.until)) {
    if (previous !== undefined && previous >= term.from) continue;
    const lowest = term.from > input.from ? term.from : input.from;
    const date = findTermDate(lowest, term.to, tools);
    // A blackout covering the whole term yields: the term still gets its meeting, nearest the blackout's edge.
    const yielded = date === undefined ? yieldDate(tools.days, lowest, term.to, tools.patternDate(monthIndexOf(lowest))) : undefined;
    const chosen = date ?? yielded;
    if (chosen === undefined) {
      warnings.push({ kind: "term-without-meeting", termFrom: term.from, termTo: term.to });
      continue;
    }
    if (chosen > input.until) break;
    meetings.push(tools.meetingOn(chosen, date === undefined ? "yielded" : "none"));
    previous = chosen;
  }
  return { meetings, warnings };
}

function findTermDate(lowest: LocalDate, end: LocalDate, tools: PlanTools): LocalDate | undefined {
  for (let month = monthIndexOf(lowest); month <= monthIndexOf(end); month++) {
    const candidate = tools.patternDate(month);
    if (candidate < lowest) continue;
    const resolved = tools.nextSuitable(candidate, end);
    if (resolved !== undefined) return resolved;
  }
  let anyWeekday: LocalDate | undefined;
  for (let d = lowest; d <= end; d = addDays(d, 1)) {
    if (!tools.days.isSuitable(d)) continue;
    if (weekdayOf(d) === tools.weekday) return d;
    anyWeekday ??= d;
  }
  return anyWeekday;
}
