import type { CadenceExemption } from "../partnerships/index.ts";
import { firstDayOfMonth, lastDayOfMonth, monthIndexOf } from "./local-dates.ts";
import { addDays, type LocalDate, type WorkingDays } from "./working-days.ts";

/** `2027-07` for a month index. */
export function yearMonthOf(index: number): string {
  return firstDayOfMonth(index).slice(0, 7);
}

/** The exemption that covers month `index` (by month of the year or by `YYYY-MM`), if any. */
export function exemptionOf(exemptions: readonly CadenceExemption[] | undefined, index: number): CadenceExemption | undefined {
  if (exemptions === undefined || exemptions.length === 0) return undefined;
  const yearMonth = yearMonthOf(index);
  const month = (index % 12) + 1;
  return exemptions.find((e) => e.month === month || e.month === yearMonth);
}

/**
 * The last month the next meeting may fall in after one in month `index`: "at least every N months" means no N
 * consecutive months without a meeting, and exempt months do not count. Infinity when every month is exempt.
 */
export function cadenceDeadline(index: number, months: number, exemptions: readonly CadenceExemption[] | undefined): number {
  let counted = 0;
  // Two years of months is more than any run of exemptions that still leaves a month to count.
  for (let m = index + 1; m <= index + months + 24; m++) {
    if (exemptionOf(exemptions, m) === undefined) counted++;
    if (counted === months) return m;
  }
  return Infinity;
}

/** Whether month `index` has no day a meeting can be planned on because blackouts take every working day. */
export function emptiedByBlackouts(days: WorkingDays, index: number): boolean {
  let working = false;
  for (let d = firstDayOfMonth(index); d <= lastDayOfMonth(index); d = addDays(d, 1)) {
    if (!days.isWorkingDay(d)) continue;
    if (!days.inBlackout(d)) return false;
    working = true;
  }
  return working;
}

/**
 * Where a blackout yields: the working day in `from`–`to` nearest the edge of the blackout it lies in (the first
 * or last day people are back), ties going to the day nearest `near`, then the earlier one.
 */
export function yieldDate(days: WorkingDays, from: LocalDate, to: LocalDate, near: LocalDate): LocalDate | undefined {
  const range: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) range.push(d);
  const edges = edgeDistances(days, range);
  let best: { date: LocalDate; edge: number; distance: number } | undefined;
  range.forEach((d, i) => {
    if (!days.isWorkingDay(d)) return;
    const distance = Math.abs(Date.parse(d) - Date.parse(near));
    const edge = edges[i]!;
    if (best === undefined || edge < best.edge || (edge === best.edge && distance < best.distance)) best = { date: d, edge, distance };
  });
  return best?.date;
}

// For each day of `range`, the days to the nearest day outside every blackout, either way (0 outside them).
function edgeDistances(days: WorkingDays, range: LocalDate[]): number[] {
  if (range.length === 0) return [];
  const stepsOut = (start: LocalDate, direction: 1 | -1) => {
    let k = 0;
    for (let d = start; days.inBlackout(d) && k <= 366; d = addDays(d, direction)) k++;
    return k;
  };
  const outside = range.map((d) => !days.inBlackout(d));
  const left: number[] = [];
  outside.forEach((out, i) => left.push(out ? 0 : i === 0 ? stepsOut(range[0]!, -1) : left[i - 1]! + 1));
  const result = [...left];
  let right = 0;
  for (let i = range.length - 1; i >= 0; i--) {
    right = outside[i] ? 0 : i === range.length - 1 ? stepsOut(range[i]!, 1) : right + 1;
    result[i] = Math.min(left[i]!, right);
  }
  return result;
}

/** A month the partnership file exempts from the cadence, and that has no meeting. */
export interface PlanExemption {
  /** `2027-07` */
  month: string;
  reason: string;
}

/** The exempt months in `from`–`until` with none of `dates` in them. */
export function exemptMonthsWithout(
  exemptions: readonly CadenceExemption[] | undefined,
  from: LocalDate,
  until: LocalDate,
  dates: LocalDate[],
): PlanExemption[] {
  const taken = new Set(dates.map(monthIndexOf));
  const result: PlanExemption[] = [];
  for (let m = monthIndexOf(from); m <= monthIndexOf(until); m++) {
    const exemption = exemptionOf(exemptions, m);
    if (exemption !== undefined && !taken.has(m)) result.push({ month: yearMonthOf(m), reason: exemption.reason });
  }
  return result;
}
