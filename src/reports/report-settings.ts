import { z } from "zod";
import type { Db } from "../db/database.ts";
import { crossCheckSchema, fieldSchema, localizedTextSchema } from "../forms/form-definition.ts";
import { increasingNumbers, keySchema, syncSettingsRow, wholeNumber, type PartnershipSection } from "../partnerships/index.ts";
import { PERIOD_KINDS } from "./report-period.ts";

const formKey = z.string().regex(/^[a-z][a-z0-9_-]{0,47}$/);

/** One recurring report: which form, over which period, when it opens and when it is due. */
const reportCycleSchema = z.object({
  form: formKey,
  period: z.enum(PERIOD_KINDS),
  opensDaysBeforeEnd: z.number().int().min(0).max(366),
  deadlineDaysAfterEnd: z.number().int().min(0).max(366),
});
export type ReportCycle = z.infer<typeof reportCycleSchema>;

/** A partnership's change to a template: drop figures, add its own, or replace the fields entirely. */
export const templateOverrideSchema = z.strictObject({
  title: localizedTextSchema.optional(),
  omit: z.array(z.string()).default([]),
  add: z.array(fieldSchema).default([]),
  fields: z.array(fieldSchema).min(1).optional(),
  checks: z.array(crossCheckSchema).optional(),
});

/** The `reports:` section of a partnership file as the reports capability reads it. */
export const reportSettingsSchema = z.object({
  coordinator: z.string(),
  reminderOffsetsDays: z.array(z.number().int().min(-366).max(366)).default([-7, -1, 0, 2]),
  cycles: z.array(reportCycleSchema).default([]),
  extensionReminderDaysBefore: z.array(z.number().int().min(1).max(366)).default([60, 30, 7]),
  templates: z.record(formKey, templateOverrideSchema).default({}),
  /** Whether a report started before it opens may be submitted at once; otherwise it is submitted when it opens. */
  earlySubmission: z.boolean().default(false),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

/** Report settings per partnership that has any; a partnership whose settings no longer parse is reported, not fatal. */
export async function loadReportSettings(
  db: Db,
  partnershipId?: string,
): Promise<{ settings: Map<string, ReportSettings>; invalid: { partnershipId: string; error: string }[] }> {
  let query = db.selectFrom("report_settings").select(["partnership_id", "settings"]);
  if (partnershipId !== undefined) query = query.where("partnership_id", "=", partnershipId);
  const settings = new Map<string, ReportSettings>();
  const invalid: { partnershipId: string; error: string }[] = [];
  for (const row of await query.execute()) {
    const parsed = reportSettingsSchema.safeParse(row.settings);
    if (parsed.success) settings.set(row.partnership_id, parsed.data);
    else invalid.push({ partnershipId: row.partnership_id, error: z.prettifyError(parsed.error) });
  }
  return { settings, invalid };
}

/**
 * The `reports:` section as the partnership file is checked (with the file's messages): stored as written, unknown
 * fields kept, so a re-import compares what the file said; `reportSettingsSchema` reads it with every default.
 */
export const reportsFileSchema = z.looseObject({
  coordinator: keySchema,
  reminderOffsetsDays: increasingNumbers(-366, 366).default([-7, -1, 0, 2]),
  cycles: z
    .array(
      z.looseObject({
        form: keySchema,
        period: z.enum(PERIOD_KINDS),
        opensDaysBeforeEnd: wholeNumber(0, 366),
        deadlineDaysAfterEnd: wholeNumber(0, 366),
      }),
    )
    .default([]),
  extensionReminderDaysBefore: z.array(wholeNumber(1, 366)).default([60, 30, 7]),
  /** Per form, the partnership's changes to the report template (checked here so mistakes show at import). */
  templates: z.record(keySchema, templateOverrideSchema).optional(),
});
type ReportsInFile = z.infer<typeof reportsFileSchema>;

/** `reports:` in the partnership file (stored in `report_settings.settings`); a partnership without it has no reporting. */
export const reportSection: PartnershipSection<ReportsInFile | undefined> = {
  key: "reports",
  schema: reportsFileSchema.optional(),
  checkReferences: (reports, refs) => refs.resolve("members", reports.coordinator, ["coordinator"]),
  // Compared with the stored jsonb as objects, written as JSON text.
  sync: (trx, partnershipId, reports, counts) =>
    syncSettingsRow(trx, "report_settings", partnershipId, reports === undefined ? undefined : { settings: reports }, counts, ({ settings }) => ({
      settings: JSON.stringify(settings),
    })),
  async export(db, partnershipId) {
    const row = await db.selectFrom("report_settings").select("settings").where("partnership_id", "=", partnershipId).executeTakeFirst();
    return row?.settings;
  },
};
