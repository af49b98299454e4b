import { z } from "zod";
import { LOCALES } from "../shared/i18n.ts";
import { because, isoDateSchema, monthDaySchema, slugSchema, timeZoneSchema, wholeNumber } from "./file-formats.schema.ts";
import { groupSchema } from "./group-settings.schema.ts";
import { cityUnitSchema, memberSchema, organisationSchema } from "./member.schema.ts";
import { activitySchema, channelSchema, coldNightsSchema, incidentsSchema, reportSettingsSchema } from "./operations.schema.ts";
import { checkReferences } from "./partnership-file.references.ts";

export * from "./group-settings.schema.ts";
export * from "./member.schema.ts";
export * from "./operations.schema.ts";
export type { FileIssueParams, FileIssueReason } from "./file-formats.schema.ts";

/** How far and how the agreement can be extended, and by when the written extension must be agreed. */
export const extensionSchema = z.strictObject({
  stepMonths: wholeNumber(1, 60),
  until: isoDateSchema,
  agreementDeadline: monthDaySchema.optional(),
});

/** The agreement period (inclusive dates). */
export const periodSchema = z
  .strictObject({ start: isoDateSchema, end: isoDateSchema, extension: extensionSchema.optional() })
  .refine((p) => p.end >= p.start, { ...because("period_order"), path: ["end"] })
  .refine((p) => p.extension === undefined || p.extension.until >= p.end, {
    ...because("extension_before_end"),
    path: ["extension", "until"],
  });

const shape = z.strictObject({
  id: slugSchema,
  name: z.string().trim().min(1),
  city: z.string().trim().min(1),
  timeZone: timeZoneSchema.default("Europe/Stockholm"),
  locale: z.enum(LOCALES as ["sv", "en"]).default("sv"),
  period: periodSchema,
  organisations: z.array(organisationSchema).default([]),
  cityUnits: z.array(cityUnitSchema).default([]),
  groups: z.array(groupSchema).default([]),
  members: z.array(memberSchema).default([]),
  channels: z.array(channelSchema).default([]),
  activities: z.array(activitySchema).default([]),
  coldNights: coldNightsSchema.optional(),
  incidents: incidentsSchema.prefault({}),
  reports: reportSettingsSchema.optional(),
});
/** The file after each entry is valid on its own, before references are checked. */
export type PartnershipFileShape = z.infer<typeof shape>;

/** A partnership file (YAML, camelCase keys): the whole configuration of one partnership. */
export const partnershipFileSchema = shape.superRefine(checkReferences);
export type PartnershipFile = z.infer<typeof partnershipFileSchema>;
