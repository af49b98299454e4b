import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/** One organisation's share of a period's extra cold nights. */
export interface OrganisationColdNightFigures {
  organisationId: string;
  organisationName: string;
  /** Nights on which it opened extra places. */
  nightsOpened: number;
  extraPlacesOffered: number;
  extraPlacesUsed: number;
  turnedAway: number;
}

/** Extra cold nights of a period, for reports and the samverkansgrupp agenda. */
export interface ColdNightFigures {
  /** Nights declared (alerts), whatever the shelters answered. */
  nights: number;
  extraPlacesOffered: number;
  extraPlacesUsed: number;
  turnedAway: number;
  /** Shelter answers with no morning figures yet; the used/turned-away totals are incomplete while it is above 0. */
  followUpsMissing: number;
  byOrganisation: OrganisationColdNightFigures[];
}

/**
 * How many extra cold nights were declared from `since` on: an ISO date counts nights from that evening, an
 * instant (e.g. the last meeting's start) counts nights from its local date in the partnership's time zone.
 */
export async function countColdNightsSince(db: Db, partnershipId: string, since: Date | string): Promise<number> {
  const from = typeof since === "string" ? sql<string>`${since}::date` : sql<string>`(${since}::timestamptz at time zone p.time_zone)::date`;
  const row = await db
    .selectFrom("cold_night_alerts as a")
    .innerJoin("partnerships as p", "p.id", "a.partnership_id")
    .where("a.partnership_id", "=", partnershipId)
    .where(sql<boolean>`a.night >= ${from}`)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The figures of the nights `from`–`to` (ISO dates, inclusive), in total and per organisation. */
export async function coldNightFiguresForPeriod(db: Db, partnershipId: string, from: string, to: string): Promise<ColdNightFigures> {
  const nights = await db
    .selectFrom("cold_night_alerts")
    .where("partnership_id", "=", partnershipId)
    .where("night", ">=", from)
    .where("night", "<=", to)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("cold_night_responses as r")
    .innerJoin("cold_night_alerts as a", "a.id", "r.alert_id")
    .innerJoin("organisations as o", "o.id", "r.organisation_id")
    .where("a.partnership_id", "=", partnershipId)
    .where("a.night", ">=", from)
    .where("a.night", "<=", to)
    .groupBy(["r.organisation_id", "o.name"])
    .select([
      "r.organisation_id as organisationId",
      "o.name as organisationName",
      sql<number>`count(distinct a.night) filter (where r.answer = 'opening')`.as("nightsOpened"),
      sql<number>`coalesce(sum(r.extra_places), 0)`.as("extraPlacesOffered"),
      sql<number>`coalesce(sum(r.places_used), 0)`.as("extraPlacesUsed"),
      sql<number>`coalesce(sum(r.turned_away), 0)`.as("turnedAway"),
      sql<number>`count(*) filter (where r.answer <> 'pending' and r.followup_at is null)`.as("followUpsMissing"),
    ])
    .orderBy("o.name")
    .execute();
  const byOrganisation = rows.map((r) => ({
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    nightsOpened: Number(r.nightsOpened),
    extraPlacesOffered: Number(r.extraPlacesOffered),
    extraPlacesUsed: Number(r.extraPlacesUsed),
    turnedAway: Number(r.turnedAway),
  }));
  const sum = (key: "extraPlacesOffered" | "extraPlacesUsed" | "turnedAway") => byOrganisation.reduce((s, o) => s + o[key], 0);
  return {
    nights: Number(nights.n),
    extraPlacesOffered: sum("extraPlacesOffered"),
    extraPlacesUsed: sum("extraPlacesUsed"),
    turnedAway: sum("turnedAway"),
    followUpsMissing: rows.reduce((s, r) => s + Number(r.followUpsMissing), 0),
    byOrganisation,
  };
}
