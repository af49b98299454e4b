import { z } from "zod";
import type { Db } from "../../db/database.ts";
import { syncSettingsRow, wholeNumber, type PartnershipSection } from "../../partnerships/index.ts";

/** Threats-and-violence reporting: acknowledgement deadline, channel notice, retention. */
export const incidentsSchema = z.strictObject({
  ackMinutes: wholeNumber(1, 1440).default(30),
  channelNotice: z.boolean().default(true),
  retentionDays: wholeNumber(30, 3650).default(730),
});
export type IncidentSettings = z.infer<typeof incidentsSchema>;

/** The incident settings; the defaults when the partnership's file has not been imported with them. */
export async function loadIncidentSettings(db: Db, partnershipId: string): Promise<IncidentSettings> {
  return (await storedIncidentSettings(db, partnershipId)) ?? incidentsSchema.parse({});
}

async function storedIncidentSettings(db: Db, partnershipId: string): Promise<IncidentSettings | undefined> {
  const row = await db.selectFrom("incident_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  return row === undefined ? undefined : { ackMinutes: row.ack_minutes, channelNotice: row.channel_notice, retentionDays: row.retention_days };
}

/** `incidents:` in the partnership file; every partnership has it, with the defaults when the file leaves it out. */
export const incidentSection: PartnershipSection<IncidentSettings> = {
  key: "incidents",
  schema: incidentsSchema.prefault({}),
  sync: (trx, partnershipId, incidents, counts) =>
    syncSettingsRow(
      trx,
      "incident_settings",
      partnershipId,
      { ack_minutes: incidents.ackMinutes, channel_notice: incidents.channelNotice, retention_days: incidents.retentionDays },
      counts,
    ),
  // Only what was imported: a partnership whose settings were never imported exports without the section.
  export: storedIncidentSettings,
};
