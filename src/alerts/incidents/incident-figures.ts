import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { INCIDENT_KINDS, INCIDENT_SEVERITIES, type IncidentKind, type IncidentSeverity } from "./incident.ts";

/** Anonymised incident counts of a period: no free text, no people, only counts. */
export interface IncidentFigures {
  total: number;
  byKind: Record<IncidentKind, number>;
  bySeverity: Record<IncidentSeverity, number>;
  /** Incidents that had to be reported to Arbetsmiljöverket (serious incident or serious injury). */
  reportableToAuthority: number;
  policeReported: number;
  byOrganisation: { organisationId: string | null; organisationName: string | null; count: number }[];
}

/** How many incidents occurred from `since` on. */
export async function countIncidentsSince(db: Db, partnershipId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom("incidents")
    .where("partnership_id", "=", partnershipId)
    .where("occurred_at", ">=", since)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts of the incidents that occurred in [`from`, `to`), by type, severity and organisation. */
export async function incidentFiguresForPeriod(db: Db, partnershipId: string, from: Date, to: Date): Promise<IncidentFigures> {
  const rows = await db
    .selectFrom("incidents as i")
    .leftJoin("organisations as o", "o.id", "i.organisation_id")
    .where("i.partnership_id", "=", partnershipId)
    .where("i.occurred_at", ">=", from)
    .where("i.occurred_at", "<", to)
    .groupBy(["i.organisation_id", "o.name", "i.kind", "i.severity"])
    .select([
      "i.organisation_id as organisationId",
      "o.name as organisationName",
      "i.kind",
      "i.severity",
      sql<number>`count(*)`.as("n"),
      sql<number>`count(*) filter (where i.severity = 'serious_incident' or i.injuries = 'serious')`.as("reportable"),
      sql<number>`count(*) filter (where i.police = 'reported')`.as("police"),
    ])
    .execute();
  const byKind = Object.fromEntries(INCIDENT_KINDS.map((k) => [k, 0])) as Record<IncidentKind, number>;
  const bySeverity = Object.fromEntries(INCIDENT_SEVERITIES.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
  const byOrganisation = new Map<string, { organisationId: string | null; organisationName: string | null; count: number }>();
  let total = 0;
  let reportableToAuthority = 0;
  let policeReported = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byKind[r.kind] += n;
    bySeverity[r.severity] += n;
    reportableToAuthority += Number(r.reportable);
    policeReported += Number(r.police);
    const key = r.organisationId ?? "";
    const entry = byOrganisation.get(key) ?? { organisationId: r.organisationId, organisationName: r.organisationName, count: 0 };
    entry.count += n;
    byOrganisation.set(key, entry);
  }
  const organisations = [...byOrganisation.values()].sort((a, b) => (a.organisationName ?? "").localeCompare(b.organisationName ?? "", "sv"));
  return { total, byKind, bySeverity, reportableToAuthority, policeReported, byOrganisation: organisations };
}
