import { z } from "zod";
import { GROUP_KINDS, GROUP_ROLES, MEMBER_ROLES } from "./partnership.ts";
import { because, clockTimeSchema, keySchema, monthDaySchema, wholeNumber } from "./file-formats.schema.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "At least every N months" (1–12) or "once per school term"; exactly one of the two. */
export const cadenceSchema = z
  .strictObject({
    atLeastEveryMonths: wholeNumber(1, 12).optional(),
    perTerm: z.literal(true).optional(),
  })
  .refine((c) => (c.atLeastEveryMonths === undefined) !== (c.perTerm === undefined), because("cadence_one_of"));

/** When a regular meeting falls: the `week`-th (or last) `weekday` of the month, every `everyMonths` months. */
export const meetingPatternSchema = z.strictObject({
  weekday: z.enum(WEEKDAYS).default("tuesday"),
  week: z.union([wholeNumber(1, 4), z.literal("last")]).default(2),
  time: clockTimeSchema.default("13:00"),
  durationMinutes: wholeNumber(15, 480).default(120),
  /** Defaults to the group's cadence (every month for a per-term group). */
  everyMonths: wholeNumber(1, 12).optional(),
});

const dayRangeSchema = z.strictObject({ from: monthDaySchema, to: monthDaySchema });

/** A stretch of the year without meetings; `to` before `from` wraps over new year. */
export const blackoutSchema = dayRangeSchema.extend({ label: z.string().trim().min(1) });

/** A month of the year (1–12, every year) or one calendar month (`2027-07`). */
const exemptMonthSchema = z
  .union([z.number(), z.string()])
  .refine((v) => (typeof v === "number" ? Number.isInteger(v) && v >= 1 && v <= 12 : /^\d{4}-(0[1-9]|1[0-2])$/.test(v)), because("year_month"));

/**
 * A month the group's cadence does not require a meeting in, with the reason (a board decision, summer closure).
 * Without it a blackout that takes all of a month's working days yields to the cadence.
 */
export const cadenceExemptionSchema = z.strictObject({ month: exemptMonthSchema, reason: z.string().trim().min(1).max(300) });
export type CadenceExemption = z.infer<typeof cadenceExemptionSchema>;

/** Swedish school terms, roughly: spring and autumn. */
export const DEFAULT_TERMS = [
  { from: "01-15", to: "06-10" },
  { from: "08-20", to: "12-15" },
];

/** Summer and Christmas, when partnerships do not meet. */
export const DEFAULT_BLACKOUTS = [
  { from: "07-01", to: "07-31", label: "Sommaruppehåll" },
  { from: "12-21", to: "01-06", label: "Jul och nyår" },
];

/** How a group's meetings are planned; stored in `groups.meeting_settings`. Every field has a default. */
export const meetingSettingsSchema = z
  .strictObject({
    pattern: meetingPatternSchema.prefault({}),
    terms: z.array(dayRangeSchema).min(1).default(DEFAULT_TERMS),
    blackouts: z.array(blackoutSchema).default(DEFAULT_BLACKOUTS),
    // Optional rather than defaulted, so the settings stored before it existed still compare equal on re-import.
    exemptMonths: z.array(cadenceExemptionSchema).optional(),
    /** Who besides the group's chair organises its meetings (move, cancel, call, poll); optional for the same reason. */
    organiserRoles: z.array(z.enum(MEMBER_ROLES)).min(1).optional(),
    inviteDaysBefore: wholeNumber(1, 90).default(14),
    agendaRequestDaysBefore: wholeNumber(1, 90).default(10),
    agendaSendDaysBefore: wholeNumber(0, 90).default(3),
  })
  .refine((m) => m.inviteDaysBefore >= m.agendaRequestDaysBefore && m.agendaRequestDaysBefore > m.agendaSendDaysBefore, {
    ...because("notice_order"),
    path: ["agendaRequestDaysBefore"],
  });
/** Meeting settings as written (defaults filled in). */
export type MeetingSettingsInFile = z.infer<typeof meetingSettingsSchema>;

/** A member's seat in a group. */
export const groupMembershipSchema = z.strictObject({
  member: keySchema,
  role: z.enum(GROUP_ROLES).default("member"),
});

/** A group of the partnership (styrgrupp, samverkansgrupp …), its cadence, meetings and members. */
export const groupSchema = z
  .strictObject({
    key: keySchema,
    kind: z.enum(GROUP_KINDS),
    name: z.string().trim().min(1),
    cadence: cadenceSchema,
    meetings: meetingSettingsSchema.prefault({}),
    members: z.array(groupMembershipSchema).default([]),
  })
  .refine((g) => g.meetings.pattern.everyMonths === undefined || g.meetings.pattern.everyMonths <= (g.cadence.atLeastEveryMonths ?? 12), {
    ...because("pattern_exceeds_cadence"),
    path: ["meetings", "pattern", "everyMonths"],
  });
export type GroupInFile = z.infer<typeof groupSchema>;
