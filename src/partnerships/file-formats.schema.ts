import { z } from "zod";

/** Why a partnership file was refused, beyond zod's own checks; each has a message in the catalogue. */
export type FileIssueReason =
  | "slug"
  | "key"
  | "time_zone"
  | "iso_date"
  | "month_day"
  | "year_month"
  | "clock_time"
  | "org_number_format"
  | "org_number_check_digit"
  | "period_order"
  | "extension_before_end"
  | "cadence_one_of"
  | "pattern_exceeds_cadence"
  | "notice_order"
  | "organisation_or_city_unit"
  | "slack_user"
  | "teams_user"
  | "slack_conversation"
  | "teams_conversation"
  | "channel_group"
  | "women_places"
  | "increasing"
  | "duplicate"
  | "unknown_reference"
  | "identity_taken";

/** The params every custom issue carries, so the message can be rendered in the reader's language. */
export type FileIssueParams = { reason: FileIssueReason } & Record<string, string | number>;

/** Refinement options for a custom issue with `reason`. */
export function because(reason: FileIssueReason, extra: Record<string, string | number> = {}) {
  return { params: { reason, ...extra } satisfies FileIssueParams, abort: true };
}

/** A string that must match `pattern`, refused with `reason`. */
function matching(pattern: RegExp, reason: FileIssueReason) {
  return z.string().refine((v) => pattern.test(v), because(reason));
}

/** A key that other entries of the file refer to (`ny-gemenskap`, `anna`). */
export const keySchema = matching(/^[a-z0-9][a-z0-9_-]{0,62}$/, "key");

/** The partnership id: a lower-case slug. */
export const slugSchema = matching(/^[a-z0-9][a-z0-9-]{1,62}$/, "slug");

/** A calendar date `2019-05-01`. */
export const isoDateSchema = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), because("iso_date"));

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day of the year without the year, `02-01` (29 February allowed). */
export const monthDaySchema = z.string().refine((v) => {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (m === null) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}, because("month_day"));

/** A local time of day `13:00`. */
export const clockTimeSchema = matching(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "clock_time");

/** An IANA time zone the runtime knows (`Europe/Stockholm`). */
export const timeZoneSchema = z.string().refine((v) => {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: v }).resolvedOptions().timeZone.length > 0 && v.includes("/");
  } catch {
    return false;
  }
}, because("time_zone"));

/** A whole number within `min`–`max`. */
export function wholeNumber(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

/** A list of whole numbers, each larger than the one before. */
export function increasingNumbers(min: number, max: number) {
  return z.array(wholeNumber(min, max)).refine((xs) => xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? x)), because("increasing"));
}
