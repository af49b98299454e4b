import type { Insertable } from "kysely";
import type { PartnershipTable } from "../../src/db/core-tables.ts";
import type { Db } from "../../src/db/database.ts";

/** Writes one partnership row: Stockholm, Swedish, the 2026 calendar year, no extension, unless `row` says otherwise. */
export async function insertPartnership(db: Db, row: { id: string } & Partial<Insertable<PartnershipTable>>): Promise<void> {
  await db
    .insertInto("partnerships")
    .values({
      name: `Partnerskap ${row.id}`,
      city: "Stockholm",
      time_zone: "Europe/Stockholm",
      locale: "sv",
      period_start: "2026-01-01",
      period_end: "2026-12-31",
      extension_step_months: null,
      extension_until: null,
      extension_deadline: null,
      updated_at: new Date(),
      ...row,
    })
    .execute();
}

/** A minimal partnership for tests below the partnership-file importer. */
export async function seedPartnership(
  db: Db,
  id: string,
  members: { key: string; name: string; roles?: string[]; slack?: string; teams?: string; locale?: "sv" | "en" }[],
  channels: { platform: "slack" | "teams"; conversation: string }[] = [],
  period: { start: string; end: string } = { start: "2026-01-01", end: "2026-12-31" },
): Promise<Record<string, string>> {
  await insertPartnership(db, { id, period_start: period.start, period_end: period.end });
  const ids: Record<string, string> = {};
  for (const m of members) {
    const row = await db
      .insertInto("members")
      .values({
        partnership_id: id,
        key: m.key,
        display_name: m.name,
        organisation_id: null,
        city_unit_id: null,
        locale: m.locale ?? "sv",
        roles: m.roles ?? [],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[m.key] = row.id;
    const identities = [
      m.slack && { platform: "slack" as const, platform_user_id: m.slack },
      m.teams && { platform: "teams" as const, platform_user_id: m.teams },
    ].filter((x): x is { platform: "slack" | "teams"; platform_user_id: string } => Boolean(x));
    for (const [position, identity] of identities.entries()) {
      await db
        .insertInto("member_identities")
        .values({ partnership_id: id, member_id: row.id, position, ...identity })
        .execute();
    }
  }
  for (const c of channels)
    await db
      .insertInto("channels")
      .values({ partnership_id: id, purpose: "partnership", group_id: null, ...c })
      .execute();
  return ids;
}

/** Writes one incident as a shelter would report a minor threat: no one hurt, no police, nothing followed up yet. */
export async function insertIncident(
  db: Db,
  incident: { partnershipId: string; organisationId: string; occurredAt: Date | string; reportedAt?: Date | string },
): Promise<void> {
  await db
    .insertInto("incidents")
    .values({
      partnership_id: incident.partnershipId,
      reported_by: null,
      organisation_id: incident.organisationId,
      activity_id: null,
      occurred_at: incident.occurredAt,
      reported_at: incident.reportedAt ?? incident.occurredAt,
      kind: "threat",
      severity: "minor",
      injuries: "none",
      police: "none",
      support_needed: false,
      description: null,
      acknowledged_by: null,
      acknowledged_at: null,
      escalated_at: null,
      debrief_done_at: null,
      authority_reported_at: null,
      police_reported_at: null,
      purged_at: null,
    })
    .execute();
}
