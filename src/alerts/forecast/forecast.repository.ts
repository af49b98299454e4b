import type { Db } from "../../db/database.ts";
import { listPartnerships, loadColdNightSettings } from "../../partnerships/index.ts";

/** A partnership with cold-night settings, as the daily forecast check needs it. */
export interface ForecastSubject {
  partnershipId: string;
  timeZone: string;
  thresholdC: number;
  seasonFrom: string;
  seasonTo: string;
  latitude: number;
  longitude: number;
  forecastTime: string;
}

/** Every partnership that has cold-night settings. */
export async function findForecastSubjects(db: Db): Promise<ForecastSubject[]> {
  const subjects: ForecastSubject[] = [];
  for (const partnership of await listPartnerships(db)) {
    const settings = await loadColdNightSettings(db, partnership.id);
    if (settings === undefined) continue;
    subjects.push({
      partnershipId: partnership.id,
      timeZone: partnership.timeZone,
      thresholdC: settings.thresholdC,
      seasonFrom: settings.season.from,
      seasonTo: settings.season.to,
      latitude: settings.coordinates.lat,
      longitude: settings.coordinates.lon,
      forecastTime: settings.forecastTime,
    });
  }
  return subjects;
}

/**
 * Claims one more attempt at the night's forecast check: returns the attempt number, or undefined when the
 * night is already decided or has used up `maxAttempts`.
 */
export async function claimForecastAttempt(db: Db, partnershipId: string, night: string, maxAttempts: number): Promise<number | undefined> {
  await db.insertInto("cold_night_forecasts").values({ partnership_id: partnershipId, night }).onConflict((oc) => oc.doNothing()).execute();
  const row = await db
    .updateTable("cold_night_forecasts")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .where("outcome", "=", "pending")
    .where("attempts", "<", maxAttempts)
    .returning("attempts")
    .executeTakeFirst();
  return row?.attempts;
}

/** Decides the night once; returns false when another attempt decided it first (so only one message goes out). */
export async function decideForecast(
  db: Db,
  partnershipId: string,
  night: string,
  decision: {
    outcome: "suggested" | "not_cold" | "unavailable";
    at: Date;
    minimumC?: number;
    minimumAt?: Date;
    thresholdC: number;
    forecastCreatedAt?: Date;
    error?: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("cold_night_forecasts")
    .set({
      outcome: decision.outcome,
      decided_at: decision.at,
      minimum_c: decision.minimumC ?? null,
      minimum_at: decision.minimumAt ?? null,
      threshold_c: decision.thresholdC,
      forecast_created_at: decision.forecastCreatedAt ?? null,
      ...(decision.error === undefined ? {} : { last_error: decision.error }),
    })
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .where("outcome", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Notes a failed attempt, keeping the night pending for the next tick. */
export async function recordForecastError(db: Db, partnershipId: string, night: string, error: string): Promise<void> {
  await db.updateTable("cold_night_forecasts").set({ last_error: error }).where("partnership_id", "=", partnershipId).where("night", "=", night).execute();
}

export async function isNightDeclared(db: Db, partnershipId: string, night: string): Promise<boolean> {
  const row = await db.selectFrom("cold_night_alerts").where("partnership_id", "=", partnershipId).where("night", "=", night).select("id").executeTakeFirst();
  return row !== undefined;
}

/** The night's decided forecast check, as the notice needs it. */
export interface ForecastDecision {
  outcome: "pending" | "suggested" | "not_cold" | "unavailable";
  attempts: number;
  minimumC: number | null;
  minimumAt: Date | null;
  thresholdC: number | null;
  forecastCreatedAt: Date | null;
  lastError: string | null;
}

export async function loadForecastDecision(db: Db, partnershipId: string, night: string): Promise<ForecastDecision | undefined> {
  return db
    .selectFrom("cold_night_forecasts")
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .select([
      "outcome",
      "attempts",
      "minimum_c as minimumC",
      "minimum_at as minimumAt",
      "threshold_c as thresholdC",
      "forecast_created_at as forecastCreatedAt",
      "last_error as lastError",
    ])
    .executeTakeFirst();
}
