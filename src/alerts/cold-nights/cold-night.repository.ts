import type { Db } from "../../db/database.ts";
import type { NightShelter } from "../alerts.directory.ts";
import type { ColdNightAlert, ColdNightAnswer } from "./cold-night.ts";

/**
 * Inserts the alert with one pending row per shelter; when the night already has one, returns that instead. Run it
 * in the declaration's transaction: a concurrent declaration of the same night waits on the unique night and then
 * finds this one.
 */
export async function insertAlert(
  tx: Db,
  values: {
    partnershipId: string;
    night: string;
    temperatureC: number | null;
    declaredBy: string | null;
    declaredRequest: string | undefined;
    declaredAt: Date;
    closesAt: Date;
  },
  shelters: readonly NightShelter[],
): Promise<{ alertId: string; created: boolean; sameRequest: boolean }> {
  const inserted = await tx
    .insertInto("cold_night_alerts")
    .values({
      partnership_id: values.partnershipId,
      night: values.night,
      temperature_c: values.temperatureC,
      declared_by: values.declaredBy,
      declared_request: values.declaredRequest ?? null,
      declared_at: values.declaredAt,
      closes_at: values.closesAt,
    })
    .onConflict((oc) => oc.constraint("cold_night_alerts_night").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted === undefined) {
    const existing = await tx
      .selectFrom("cold_night_alerts")
      .where("partnership_id", "=", values.partnershipId)
      .where("night", "=", values.night)
      .select(["id", "declared_request"])
      .executeTakeFirstOrThrow();
    const sameRequest = values.declaredRequest !== undefined && existing.declared_request === values.declaredRequest;
    return { alertId: existing.id, created: false, sameRequest };
  }
  if (shelters.length > 0) {
    await tx
      .insertInto("cold_night_responses")
      .values(shelters.map((s) => ({ alert_id: inserted.id, activity_id: s.id, organisation_id: s.organisationId, ladder_base_at: values.declaredAt })))
      .execute();
  }
  return { alertId: inserted.id, created: true, sameRequest: false };
}

export async function findAlertIdByNight(db: Db, partnershipId: string, night: string): Promise<string | undefined> {
  const row = await db.selectFrom("cold_night_alerts").where("partnership_id", "=", partnershipId).where("night", "=", night).select("id").executeTakeFirst();
  return row?.id;
}

/** The partnership's open alerts, earliest night first. */
export async function findOpenAlerts(db: Db, partnershipId: string): Promise<{ id: string; night: string }[]> {
  return db
    .selectFrom("cold_night_alerts")
    .where("partnership_id", "=", partnershipId)
    .where("status", "=", "open")
    .select(["id", "night"])
    .orderBy("night")
    .execute();
}

/** Sets the forecast temperature of an open alert; false when it is closed. */
export async function updateTemperature(db: Db, alertId: string, temperatureC: number): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_alerts")
    .set({ temperature_c: temperatureC })
    .where("id", "=", alertId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The alert with every shelter's answer, or undefined. `lock` holds the row until the transaction ends. */
export async function loadAlert(db: Db, alertId: string, options: { lock?: boolean } = {}): Promise<ColdNightAlert | undefined> {
  let query = db.selectFrom("cold_night_alerts").where("id", "=", alertId).selectAll();
  if (options.lock === true) query = query.forUpdate();
  const a = await query.executeTakeFirst();
  if (a === undefined) return undefined;
  const responses = await db
    .selectFrom("cold_night_responses as r")
    .innerJoin("activities as s", "s.id", "r.activity_id")
    .innerJoin("organisations as o", "o.id", "r.organisation_id")
    .where("r.alert_id", "=", alertId)
    .select([
      "r.activity_id as activityId",
      "s.name as shelterName",
      "r.organisation_id as organisationId",
      "o.name as organisationName",
      "r.answer",
      "r.extra_places as extraPlaces",
      "r.extra_places_women as extraPlacesWomen",
      "r.answered_by as answeredBy",
      "r.answered_at as answeredAt",
      "r.escalation_step as escalationStep",
      "r.ladder_run as ladderRun",
      "r.ladder_from as ladderFrom",
      "r.ladder_base_at",
      "r.restarted_at as restartedAt",
      "r.places_used as placesUsed",
      "r.turned_away as turnedAway",
    ])
    .orderBy("s.name")
    .execute();
  return {
    id: a.id,
    partnershipId: a.partnership_id,
    night: a.night,
    temperatureC: a.temperature_c,
    status: a.status,
    declaredBy: a.declared_by,
    declaredAt: a.declared_at,
    closesAt: a.closes_at,
    closedBy: a.closed_by,
    closedAt: a.closed_at,
    acknowledgedBy: a.acknowledged_by,
    acknowledgedAt: a.acknowledged_at,
    responses: responses.map(({ ladder_base_at, ...r }) => ({ ...r, ladderBaseAt: ladder_base_at ?? a.declared_at })),
  };
}

/** Records a shelter's answer while the alert is open; returns false when it is closed (or unknown). */
export async function recordAnswer(
  db: Db,
  answer: {
    alertId: string;
    activityId: string;
    answer: Exclude<ColdNightAnswer, "pending">;
    extraPlaces: number;
    extraPlacesWomen: number;
    by: string;
    at: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_responses")
    .set({
      answer: answer.answer,
      extra_places: answer.extraPlaces,
      extra_places_women: answer.extraPlacesWomen,
      answered_by: answer.by,
      answered_at: answer.at,
    })
    .where("alert_id", "=", answer.alertId)
    .where("activity_id", "=", answer.activityId)
    .where((eb) => eb.exists(eb.selectFrom("cold_night_alerts").where("id", "=", answer.alertId).where("status", "=", "open").select("id")))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves a still-unanswered shelter of run `run` to ladder position `position`; false when it answered, moved on or the alert closed. */
export async function advanceEscalation(db: Db, step: { alertId: string; activityId: string; run: number; position: number }): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_responses")
    .set({ escalation_step: step.position })
    .where("alert_id", "=", step.alertId)
    .where("activity_id", "=", step.activityId)
    .where("answer", "=", "pending")
    .where("ladder_run", "=", step.run)
    .where("escalation_step", "<", step.position)
    .where((eb) => eb.exists(eb.selectFrom("cold_night_alerts").where("id", "=", step.alertId).where("status", "=", "open").select("id")))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Acknowledges an open alert as a whole; false when it was already acknowledged or is closed. */
export async function markAcknowledged(db: Db, alertId: string, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_alerts")
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where("id", "=", alertId)
    .where("status", "=", "open")
    .where("acknowledged_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Starts a new run of a still-unanswered shelter's ladder at position `from`; returns the run, or undefined. */
export async function restartRun(db: Db, restart: { alertId: string; activityId: string; from: number; baseAt: Date; at: Date }): Promise<number | undefined> {
  const row = await db
    .updateTable("cold_night_responses")
    .set((eb) => ({
      ladder_run: eb("ladder_run", "+", 1),
      ladder_from: restart.from,
      ladder_base_at: restart.baseAt,
      restarted_at: restart.at,
      escalation_step: restart.from - 1,
    }))
    .where("alert_id", "=", restart.alertId)
    .where("activity_id", "=", restart.activityId)
    .where("answer", "=", "pending")
    .where((eb) => eb.exists(eb.selectFrom("cold_night_alerts").where("id", "=", restart.alertId).where("status", "=", "open").select("id")))
    .returning("ladder_run")
    .executeTakeFirst();
  return row?.ladder_run;
}

/** Closes an open alert; returns false when it was already closed. */
export async function markClosed(db: Db, alertId: string, by: string | null, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_alerts")
    .set({ status: "closed", closed_by: by, closed_at: at })
    .where("id", "=", alertId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Saves the morning figures of one shelter (a correction overwrites). */
export async function recordFollowUp(
  db: Db,
  figures: { alertId: string; activityId: string; placesUsed: number; turnedAway: number; by: string; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_responses")
    .set({ places_used: figures.placesUsed, turned_away: figures.turnedAway, followup_by: figures.by, followup_at: figures.at })
    .where("alert_id", "=", figures.alertId)
    .where("activity_id", "=", figures.activityId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A question a shelter has been asked and can still answer: its extra places tonight, or last night's figures. */
export interface OpenQuestion {
  alertId: string;
  activityId: string;
  kind: "places" | "followUp";
}

/**
 * The open questions of these shelters at `now`: the places of every open alert (a later answer replaces the first),
 * and the figures of alerts closed and asked about since `askedSince` that are not reported yet. Earliest night first.
 */
export async function findOpenQuestions(db: Db, activityIds: readonly string[], now: Date, askedSince: Date): Promise<OpenQuestion[]> {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom("cold_night_responses as r")
    .innerJoin("cold_night_alerts as a", "a.id", "r.alert_id")
    .where("r.activity_id", "in", activityIds)
    .where((eb) =>
      eb.or([
        eb("a.status", "=", "open"),
        eb.and([eb("a.status", "=", "closed"), eb("r.places_used", "is", null), eb("a.closes_at", "<=", now), eb("a.closes_at", ">", askedSince)]),
      ]),
    )
    .select(["r.alert_id as alertId", "r.activity_id as activityId", "a.status"])
    .orderBy("a.night")
    .orderBy("r.activity_id")
    .execute();
  return rows.map((r) => ({ alertId: r.alertId, activityId: r.activityId, kind: r.status === "open" ? "places" : "followUp" }));
}
