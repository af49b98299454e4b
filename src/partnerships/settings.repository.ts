import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import { incidentsSchema, reportSettingsSchema, type ColdNightSettings, type IncidentSettings, type ReportSettings } from "./operations.schema.ts";

/** A night shelter or day centre, with the members who staff it. */
export interface Activity {
  id: string;
  partnershipId: string;
  organisationId: string;
  key: string;
  name: string;
  kind: "night" | "day";
  places: number;
  placesWomen: number;
  nightsPerGrant: number | null;
  nightsPerGrantWomen: number | null;
  karenstidNights: number | null;
  /** Active members on the activity's staff. */
  staffMemberIds: string[];
}

/** The active activities of a partnership, by key. */
export async function activitiesOf(db: Db, partnershipId: string, kind?: Activity["kind"]): Promise<Activity[]> {
  let query = db.selectFrom("activities").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true);
  if (kind !== undefined) query = query.where("kind", "=", kind);
  const rows = await query.orderBy("key").execute();
  if (rows.length === 0) return [];
  const staff = await db
    .selectFrom("activity_staff")
    .innerJoin("members", "members.id", "activity_staff.member_id")
    .select(["activity_staff.activity_id", "activity_staff.member_id"])
    .where(
      "activity_staff.activity_id",
      "in",
      rows.map((r) => r.id),
    )
    .where("members.active", "=", true)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    organisationId: r.organisation_id,
    key: r.key,
    name: r.name,
    kind: r.kind,
    places: r.places,
    placesWomen: r.places_women,
    nightsPerGrant: r.nights_per_grant,
    nightsPerGrantWomen: r.nights_per_grant_women,
    karenstidNights: r.karenstid_nights,
    staffMemberIds: staff.filter((s) => s.activity_id === r.id).map((s) => s.member_id),
  }));
}

/** The cold-night settings, or undefined for a partnership without extra cold nights. */
export async function loadColdNightSettings(db: Db, partnershipId: string): Promise<ColdNightSettings | undefined> {
  const row = await db.selectFrom("cold_night_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    thresholdC: row.threshold_c,
    useFeelsLike: row.use_feels_like,
    season: { from: row.season_from, to: row.season_to },
    coordinates: { lat: row.latitude, lon: row.longitude },
    forecastTime: row.forecast_time,
    escalationMinutes: row.escalation_minutes,
    escalationRepeat: { fromStep: row.escalation_repeat_from, everyMinutes: row.escalation_repeat_minutes },
    declarerRoles: row.declarer_roles as ColdNightSettings["declarerRoles"],
    closeTime: row.close_time,
    bedBoard: { from: row.bed_board_from, roles: row.bed_board_roles as ColdNightSettings["declarerRoles"], cityUnits: row.bed_board_city_units },
  };
}

/** The incident settings; the defaults when the partnership's file has not been imported with them. */
export async function loadIncidentSettings(db: Db, partnershipId: string): Promise<IncidentSettings> {
  const row = await db.selectFrom("incident_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (row === undefined) return incidentsSchema.parse({});
  return { ackMinutes: row.ack_minutes, channelNotice: row.channel_notice, retentionDays: row.retention_days };
}

/** The report settings (unknown fields kept), or undefined for a partnership without reporting. */
export async function loadReportSettings(db: Db, partnershipId: string): Promise<ReportSettings | undefined> {
  const row = await db.selectFrom("report_settings").select("settings").where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (row === undefined) return undefined;
  const parsed = reportSettingsSchema.safeParse(row.settings);
  if (!parsed.success) {
    throw new SamverkaError("internal", `Report settings of ${partnershipId} no longer validate; re-import its partnership file.`, { cause: parsed.error });
  }
  return parsed.data;
}
