import { DateTime } from "luxon";
import type { LocalDate } from "./working-days.ts";

/** Months since year 0 of a local date, so month arithmetic is plain integer arithmetic. */
export function monthIndexOf(date: LocalDate): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The first day of the month with index `index`. */
export function firstDayOfMonth(index: number): LocalDate {
  return DateTime.utc(Math.floor(index / 12), (index % 12) + 1, 1).toISODate()!;
}

/** The last day of the month with index `index`. */
export function lastDayOfMonth(index: number): LocalDate {
  return DateTime.utc(Math.floor(index / 12), (index % 12) + 1, 1)
    .endOf("month")
    .toISODate()!;
}

/** The `week`th (or last) ISO weekday `weekday` of month `index`. */
export function nthWeekdayOfMonth(index: number, weekday: number, week: number | "last"): LocalDate {
  const first = DateTime.utc(Math.floor(index / 12), (index % 12) + 1, 1);
  if (week === "last") {
    const last = first.endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 }).toISODate()!;
  }
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (week - 1) * 7 }).toISODate()!;
}

/** ISO weekday (Monday = 1) of a local date. */
export function weekdayOf(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: "utc" }).weekday;
}

/** The instant of `date` at `time` (HH:MM, or HH.mm as the form engine reads a time) on the wall clock of `timeZone`. */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time.replace(".", ":")}`, { zone: timeZone }).toJSDate();
}

/** The local calendar date of an instant in `timeZone`. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** An instant as local time with its offset, `2026-12-08T13:00:00+01:00`. */
export function formatLocalWithOffset(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
}
