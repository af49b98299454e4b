import type { Db } from "../../db/database.ts";
import { listPartnerships } from "../../partnerships/index.ts";
import { loadColdNightSettings } from "../cold-nights/cold-night-settings.ts";

/** A partnership with cold-night settings, as the daily forecast check needs it. */
export interface ForecastSubject {
  partnershipId: string;
  timeZone: string;
  thresholdC: number;
  useFeelsLike: boolean;
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
      useFeelsLike: settings.useFeelsLike,
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
 * Claims one more attempt at the night's daily check: returns the attempt number, or undefined when the night was
 * already checked today or has used up `maxAttempts`. A night suggested the day before, in a run, is still checked.
 */
export async function claimForecastAttempt(db: Db, partnershipId: string, night: string, maxAttempts: number): Promise<number | undefined> {
  await db
    .insertInto("cold_night_forecasts")
    .values({ partnership_id: partnershipId, night })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .updateTable("cold_night_forecasts")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .where("checked_at", "is", null)
    .where("outcome", "in", ["pending", "suggested"])
    .where("attempts", "<", maxAttempts)
    .returning("attempts")
    .executeTakeFirst();
  return row?.attempts;
}

/** What the check found for one night. */
export interface NightDecision {
  outcome: "suggested" | "not_cold" | "unavailable";
  at: Date;
  minimumC?: number;
  minimumAt?: Date;
  airC?: number;
  feelsLikeC?: number;
  runStart?: string;
  thresholdC: number;
  forecastCreatedAt?: Date;
  error?: string;
}

function decisionColumns(decision: NightDecision) {
  return {
    outcome: decision.outcome,
    decided_at: decision.at,
    minimum_c: decision.minimumC ?? null,
    minimum_at: decision.minimumAt ?? null,
    air_c: decision.airC ?? null,
    feels_like_c: decision.feelsLikeC ?? null,
    run_start: decision.runStart ?? null,
    threshold_c: decision.thresholdC,
    forecast_created_at: decision.forecastCreatedAt ?? null,
    ...(decision.error === undefined ? {} : { last_error: decision.error }),
  };
}

/**
 * Decides tonight's check once: "decided" when this call decided it, "checked" when the night had been suggested the
 * day before (in a run; it keeps that suggestion), undefined when another attempt got there first.
 */
export async function decideForecast(db: Db, partnershipId: string, night: string, decision: NightDecision): Promise<"decided" | "checked" | undefined> {
  const suggestedBefore = await db
    .updateTable("cold_night_forecasts")
    .set({ checked_at: decision.at })
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .where("checked_at", "is", null)
    .where("outcome", "=", "suggested")
    .executeTakeFirst();
  if (suggestedBefore.numUpdatedRows > 0n) return "checked";
  const result = await db
    .updateTable("cold_night_forecasts")
    .set({ ...decisionColumns(decision), checked_at: decision.at })
    .where("partnership_id", "=", partnershipId)
    .where("night", "=", night)
    .where("checked_at", "is", null)
    .where("outcome", "=", "pending")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? "decided" : undefined;
}

/** Marks a later night as suggested in the run starting `runStart` (a night already suggested keeps its run). */
export async function markSuggested(db: Db, partnershipId: string, night: string, decision: NightDecision): Promise<void> {
  const columns = decisionColumns(decision);
  await db
    .insertInto("cold_night_forecasts")
    .values({ partnership_id: partnershipId, night, ...columns })
    .onConflict((oc) => oc.columns(["partnership_id", "night"]).doUpdateSet(columns).where("cold_night_forecasts.outcome", "<>", "suggested"))
    .execute();
}

/** Nights from `from` on that were already suggested or declared: a new suggestion leaves them out. */
export async function nightsTaken(db: Db, partnershipId: string, from: string): Promise<Set<string>> {
  const suggested = await db
    .selectFrom("cold_night_forecasts")
    .where("partnership_id", "=", partnershipId)
    .where("night", ">=", from)
    .where("outcome", "=", "suggested")
    .select("night")
    .execute();
  const declared = await db.selectFrom("cold_night_alerts").where("partnership_id", "=", partnershipId).where("night", ">=", from).select("night").execute();
  return new Set([...suggested, ...declared].map((r) => r.night));
}

/** One night of a suggested run, as the notice shows it. */
export interface SuggestedNight {
  night: string;
  minimumC: number;
  minimumAt: Date;
  airC: number | null;
  feelsLikeC: number | null;
  thresholdC: number;
  forecastCreatedAt: Date | null;
}

/** The nights of the run starting `runStart`, in order. */
export async function loadRun(db: Db, partnershipId: string, runStart: string): Promise<SuggestedNight[]> {
  const rows = await db
    .selectFrom("cold_night_forecasts")
    .where("partnership_id", "=", partnershipId)
    .where("run_start", "=", runStart)
    .where("outcome", "=", "suggested")
    .select(["night", "minimum_c", "minimum_at", "air_c", "feels_like_c", "threshold_c", "forecast_created_at"])
    .orderBy("night")
    .execute();
  return rows.map((r) => ({
    night: r.night,
    minimumC: r.minimum_c ?? 0,
    minimumAt: r.minimum_at ?? new Date(0),
    airC: r.air_c,
    feelsLikeC: r.feels_like_c,
    thresholdC: r.threshold_c ?? 0,
    forecastCreatedAt: r.forecast_created_at,
  }));
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
