import type { Db } from "../../db/database.ts";
import type { BedBoard } from "./bed-board.ts";

/** The partnership's active night shelters with tonight's reports and the cold night's extra places, ordered by name. */
export async function loadBedBoard(db: Db, partnershipId: string, night: string): Promise<BedBoard> {
  const rows = await db
    .selectFrom("activities as a")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .leftJoin("shelter_nights as n", (j) => j.onRef("n.activity_id", "=", "a.id").on("n.night", "=", night))
    .leftJoin("cold_night_alerts as c", (j) => j.onRef("c.partnership_id", "=", "a.partnership_id").on("c.night", "=", night))
    .leftJoin("cold_night_responses as r", (j) => j.onRef("r.alert_id", "=", "c.id").onRef("r.activity_id", "=", "a.id").on("r.answer", "=", "opening"))
    .where("a.partnership_id", "=", partnershipId)
    .where("a.kind", "=", "night")
    .where("a.active", "=", true)
    .select([
      "a.id as activityId",
      "a.name as shelterName",
      "a.organisation_id as organisationId",
      "o.name as organisationName",
      "a.places",
      "a.places_women as placesWomen",
      "n.free_places as free",
      "n.free_women as freeWomen",
      "n.turned_away as turnedAway",
      "n.updated_at as updatedAt",
      "r.extra_places as extra",
      "r.extra_places_women as extraWomen",
    ])
    .orderBy("a.name")
    .execute();
  return {
    partnershipId,
    night,
    shelters: rows.map((r) => ({ ...r, turnedAway: r.turnedAway ?? 0, updatedAt: r.updatedAt ?? null, extra: r.extra ?? 0, extraWomen: r.extraWomen ?? 0 })),
  };
}

/** What a report changes; a field left out keeps what was reported before. */
export interface BedReport {
  partnershipId: string;
  activityId: string;
  night: string;
  free?: number;
  freeWomen?: number;
  turnedAway?: number;
  by: string;
  at: Date;
}

/** Records a shelter's counts for the night (a later report replaces the fields it gives). */
export async function recordBeds(db: Db, report: BedReport): Promise<void> {
  const changes = {
    ...(report.free === undefined ? {} : { free_places: report.free }),
    ...(report.freeWomen === undefined ? {} : { free_women: report.freeWomen }),
    ...(report.turnedAway === undefined ? {} : { turned_away: report.turnedAway }),
    updated_by: report.by,
    updated_at: report.at,
  };
  await db
    .insertInto("shelter_nights")
    .values({ activity_id: report.activityId, night: report.night, partnership_id: report.partnershipId, ...changes })
    .onConflict((oc) => oc.columns(["activity_id", "night"]).doUpdateSet(changes))
    .execute();
}

/** Members who get the board without asking: holders of `roles`, and members of the city units with keys `cityUnits`. */
export async function findBoardRecipients(db: Db, partnershipId: string, roles: readonly string[], cityUnits: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom("members as m")
    .leftJoin("city_units as u", "u.id", "m.city_unit_id")
    .where("m.partnership_id", "=", partnershipId)
    .where("m.active", "=", true)
    .where((eb) => {
      const either = [];
      if (roles.length > 0) either.push(eb("m.roles", "&&", eb.val([...roles])));
      if (cityUnits.length > 0) either.push(eb("u.key", "in", [...cityUnits]));
      return either.length === 0 ? eb.val(false) : eb.or(either);
    })
    .select("m.id")
    .orderBy("m.display_name")
    .execute();
  return rows.map((r) => r.id);
}
