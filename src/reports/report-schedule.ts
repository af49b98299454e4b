import { addDays, localInstant, type ReportPeriod } from "./report-period.ts";
import type { ReportCycle } from "./report-settings.ts";

/** Forms open in the morning; reminders come at nine, when coordinators start their day. */
const OPENS_AT = "08:00";
const REMINDS_AT = "09:00";
// The deadline is the whole of its last day.
const DEADLINE_AT = "23:59";

/** When a period's form opens and when it is due, in the partnership's time zone. */
export interface ReportTimes {
  opensAt: Date;
  deadlineDate: string;
  deadlineAt: Date;
}

/** Opening and deadline of `cycle` for `period`. */
export function reportTimes(period: ReportPeriod, cycle: ReportCycle, timeZone: string): ReportTimes {
  const deadlineDate = addDays(period.end, cycle.deadlineDaysAfterEnd);
  return {
    opensAt: localInstant(addDays(period.end, -cycle.opensDaysBeforeEnd), OPENS_AT, timeZone),
    deadlineDate,
    deadlineAt: localInstant(deadlineDate, DEADLINE_AT, timeZone),
  };
}

/** When the reminder at `offsetDays` from the deadline day goes out (negative: before; positive: overdue). */
export function reminderTime(deadlineDate: string, offsetDays: number, timeZone: string): Date {
  return localInstant(addDays(deadlineDate, offsetDays), REMINDS_AT, timeZone);
}

/** Nine o'clock on the next local day, for "påminn i morgon". */
export function tomorrowMorning(today: string, timeZone: string): Date {
  return localInstant(addDays(today, 1), REMINDS_AT, timeZone);
}

/** The deterministic key of a report's reminder rows: `report:<form>:<period>:<orgId>:<step>`. */
export function reportReminderKey(form: string, period: string, organisationId: string, step: string): string {
  return `report:${form}:${period}:${organisationId}:${step}`;
}

/** The step name of an offset: offset-7, offset0, offset+2. */
export function offsetStep(offsetDays: number): string {
  return `offset${offsetDays > 0 ? "+" : ""}${offsetDays}`;
}
