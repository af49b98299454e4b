import { WEEKDAYS, type Weekday } from "../partnerships/index.ts";
import type { Cadence } from "../partnerships/partnership.ts";

export { loadMeetingSettings, type MeetingSettings } from "../partnerships/index.ts";

/** ISO weekday number (Monday = 1) of a pattern weekday. */
export function isoWeekdayOf(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

/** The cadence stored on a group row. */
export function cadenceOf(row: { cadence_kind: "months" | "term"; cadence_months: number | null }): Cadence {
  return row.cadence_kind === "term" ? { kind: "term" } : { kind: "months", months: row.cadence_months ?? 1 };
}
