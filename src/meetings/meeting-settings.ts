import { z } from "zod";
import type { Cadence } from "../partnerships/partnership.ts";
import { SamverkaError } from "../shared/errors.ts";

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, "must be MM-DD, e.g. 07-01");
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

const schema = z.object({
  pattern: z.object({
    weekday: z.enum(WEEKDAYS),
    week: z.union([z.number().int().min(1).max(4), z.literal("last")]),
    time: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be HH:MM, e.g. 13:00"),
    durationMinutes: z.number().int().min(15).max(600),
    everyMonths: z.number().int().min(1).max(12).default(1),
  }),
  terms: z.array(z.object({ from: monthDay, to: monthDay })).default([]),
  blackouts: z.array(z.object({ from: monthDay, to: monthDay, label: z.string().optional() })).default([]),
  inviteDaysBefore: z.number().int().min(1).max(60).default(14),
  agendaRequestDaysBefore: z.number().int().min(1).max(60).default(10),
  agendaSendDaysBefore: z.number().int().min(0).max(60).default(3),
});

/** A group's meeting rules as stored in `groups.meeting_settings`. */
export type MeetingSettings = z.infer<typeof schema>;

/** Monday–Friday, as the pattern names them. */
export type PatternWeekday = (typeof WEEKDAYS)[number];

/** ISO weekday number (Monday = 1) of a pattern weekday. */
export function isoWeekdayOf(weekday: PatternWeekday): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

/** Parses stored settings; a group without usable settings cannot be planned, and the message says which group. */
export function parseMeetingSettings(raw: unknown, groupKey: string): MeetingSettings {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new SamverkaError("partnership_file_invalid", `Group ${groupKey} has no usable meeting settings (${issues}); fix groups[].meetings in the partnership file and import it again.`);
}

/** The cadence stored on a group row. */
export function cadenceOf(row: { cadence_kind: "months" | "term"; cadence_months: number | null }): Cadence {
  return row.cadence_kind === "term" ? { kind: "term" } : { kind: "months", months: row.cadence_months ?? 1 };
}
