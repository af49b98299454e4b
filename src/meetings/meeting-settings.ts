import { WEEKDAYS, type Weekday } from "../partnerships/index.ts";

export type { MeetingSettings } from "../partnerships/index.ts";

/** ISO weekday number (Monday = 1) of a pattern weekday. */
export function isoWeekdayOf(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}
