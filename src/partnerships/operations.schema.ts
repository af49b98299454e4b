import { z } from "zod";
import { MEMBER_ROLES } from "./partnership.ts";
import { templateOverrideSchema } from "../reports/report-settings.ts";
import { because, clockTimeSchema, increasingNumbers, keySchema, monthDaySchema, wholeNumber } from "./file-formats.schema.ts";

export const PLATFORMS = ["slack", "teams"] as const;
export const CHANNEL_PURPOSES = ["partnership", "group", "alerts"] as const;

/** A chat channel the bot posts to; `group` names the group for purpose `group`. */
export const channelSchema = z
  .strictObject({
    platform: z.enum(PLATFORMS),
    conversation: z.string().trim().min(1),
    purpose: z.enum(CHANNEL_PURPOSES),
    group: keySchema.optional(),
  })
  .refine((c) => c.platform !== "slack" || /^[CG][A-Z0-9]{2,}$/.test(c.conversation), {
    ...because("slack_conversation"),
    path: ["conversation"],
  })
  .refine((c) => c.platform !== "teams" || /^19:\S+$/.test(c.conversation), { ...because("teams_conversation"), path: ["conversation"] })
  .refine((c) => (c.purpose === "group") === (c.group !== undefined), { ...because("channel_group"), path: ["group"] });
export type ChannelInFile = z.infer<typeof channelSchema>;

/** A night shelter or day centre run by one organisation, with its places and grant rules. */
export const activitySchema = z
  .strictObject({
    key: keySchema,
    name: z.string().trim().min(1),
    organisation: keySchema,
    kind: z.enum(["night", "day"]),
    places: wholeNumber(0, 10_000),
    placesWomen: wholeNumber(0, 10_000).default(0),
    nightsPerGrant: wholeNumber(1, 366).optional(),
    nightsPerGrantWomen: wholeNumber(1, 366).optional(),
    karenstidNights: wholeNumber(0, 366).optional(),
    staff: z.array(keySchema).default([]),
  })
  .refine((a) => a.placesWomen <= a.places, { ...because("women_places"), path: ["placesWomen"] });
export type ActivityInFile = z.infer<typeof activitySchema>;

/**
 * Extra cold nights: when the forecast suggests opening extra places, who may declare it, and the escalation ladder.
 * The ladder's steps go to the shelter's staff, its organisation's coordinators, then samordning and Socialjouren at
 * `escalationMinutes`; after the last it repeats from step `escalationRepeat.fromStep` every `everyMinutes`.
 */
export const coldNightsSchema = z
  .strictObject({
    thresholdC: z.number().min(-60).max(20),
    /** Compare the feels-like temperature (air and wind, SMHI's wind chill) with the threshold, not the air temperature. */
    useFeelsLike: z.boolean().default(false),
    season: z.strictObject({ from: monthDaySchema, to: monthDaySchema }),
    coordinates: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
    forecastTime: clockTimeSchema.default("14:00"),
    escalationMinutes: increasingNumbers(1, 24 * 60)
      .min(1)
      .default([15, 30, 45]),
    escalationRepeat: z
      .strictObject({ fromStep: wholeNumber(1, 20).default(1), everyMinutes: wholeNumber(1, 24 * 60).default(30) })
      .default({ fromStep: 1, everyMinutes: 30 }),
    declarerRoles: z.array(z.enum(MEMBER_ROLES)).min(1).default(["samordning"]),
    closeTime: clockTimeSchema.default("09:00"),
    /** Who gets the bed board every night without asking (members with `roles`, or of `cityUnits`), and every change after `from`. */
    bedBoard: z
      .strictObject({
        from: clockTimeSchema.default("21:00"),
        roles: z.array(z.enum(MEMBER_ROLES)).default(["socialjouren"]),
        cityUnits: z.array(keySchema).default([]),
      })
      .default({ from: "21:00", roles: ["socialjouren"], cityUnits: [] }),
  })
  .refine((c) => c.escalationRepeat.fromStep <= c.escalationMinutes.length, { ...because("repeat_step"), path: ["escalationRepeat", "fromStep"] });
export type ColdNightSettings = z.infer<typeof coldNightsSchema>;

/** Threats-and-violence reporting: acknowledgement deadline, channel notice, retention. */
export const incidentsSchema = z.strictObject({
  ackMinutes: wholeNumber(1, 1440).default(30),
  channelNotice: z.boolean().default(true),
  retentionDays: wholeNumber(30, 3650).default(730),
});
export type IncidentSettings = z.infer<typeof incidentsSchema>;

/** One recurring report: which form, over which period, when it opens and when it is due. */
export const reportCycleSchema = z.looseObject({
  form: keySchema,
  period: z.enum(["month", "quarter", "half-year", "year", "contract-year"]),
  opensDaysBeforeEnd: wholeNumber(0, 366),
  deadlineDaysAfterEnd: wholeNumber(0, 366),
});

/** Follow-up reporting; stored as is in `report_settings.settings`, unknown fields kept for the reports capability. */
export const reportSettingsSchema = z.looseObject({
  coordinator: keySchema,
  reminderOffsetsDays: increasingNumbers(-366, 366).default([-7, -1, 0, 2]),
  cycles: z.array(reportCycleSchema).default([]),
  extensionReminderDaysBefore: z.array(wholeNumber(1, 366)).default([60, 30, 7]),
  /** Per form, the partnership's changes to the report template (checked here so mistakes show at import). */
  templates: z.record(keySchema, templateOverrideSchema).optional(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;
