import type { Cadence } from "../partnerships/partnership.ts";
import { meetingSettingsSchema, WEEKDAYS, type MeetingSettingsInFile, type Weekday } from "../partnerships/partnership-file.schema.ts";
import { SamverkaError } from "../shared/errors.ts";

/** A group's meeting rules as stored in `groups.meeting_settings` (the partnership file's `groups[].meetings`). */
export type MeetingSettings = MeetingSettingsInFile;

/** ISO weekday number (Monday = 1) of a pattern weekday. */
export function isoWeekdayOf(weekday: Weekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

/** Parses stored settings with the partnership file's schema; the error names the group and how to fix it. */
export function parseMeetingSettings(raw: unknown, groupKey: string): MeetingSettings {
  const parsed = meetingSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => i.path.join(".") || "meetings").join(", ");
  throw new SamverkaError(
    "partnership_file_invalid",
    `Group ${groupKey} has meeting settings that cannot be used (${issues}); fix groups[].meetings in the partnership file and import it again.`,
  );
}

/** The cadence stored on a group row. */
export function cadenceOf(row: { cadence_kind: "months" | "term"; cadence_months: number | null }): Cadence {
  return row.cadence_kind === "term" ? { kind: "term" } : { kind: "months", months: row.cadence_months ?? 1 };
}
