import { z } from "zod";
import { LOCALES } from "../shared/i18n.ts";
import { because, isoDateSchema, monthDaySchema, slugSchema, timeZoneSchema, wholeNumber } from "./file-formats.schema.ts";
import { groupSchema } from "./group-settings.schema.ts";
import { cityUnitSchema, memberSchema, organisationSchema } from "./member.schema.ts";
import { activitySchema, channelSchema } from "./operations.schema.ts";
import { checkReferences } from "./partnership-file.references.ts";
import type { PartnershipSection } from "./partnership-section.ts";

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
});
/** The partnership's own part of the file (people, groups, channels, activities), each entry valid on its own. */
export type PartnershipFileShape = z.infer<typeof shape>;

/**
 * A partnership file (YAML, camelCase keys): the whole configuration of one partnership. The capabilities' sections
 * (`coldNights`, `reports`…) sit beside the partnership's own keys; their owners know their types.
 */
export type PartnershipFile = PartnershipFileShape & { readonly [section: string]: unknown };

/**
 * The file's schema with `sections` (in that order) beside the partnership's own keys, and every reference checked.
 * Throws on a section key that is taken: two owners of one key is a wiring mistake, not a file problem.
 */
export function composePartnershipFileSchema(sections: readonly PartnershipSection[]): z.ZodType<PartnershipFile> {
  const taken = new Set(Object.keys(shape.shape));
  for (const section of sections) {
    if (taken.has(section.key)) throw new Error(`Two owners of the partnership file key "${section.key}"`);
    taken.add(section.key);
  }
  // Each section's type is its owner's business: to partnerships/ the composed file is its own shape plus unknown keys.
  const composed = shape.extend(Object.fromEntries(sections.map((s) => [s.key, s.schema]))) as unknown as z.ZodType<PartnershipFile>;
  return composed.superRefine((file, ctx) => checkReferences(file, ctx, sections));
}
