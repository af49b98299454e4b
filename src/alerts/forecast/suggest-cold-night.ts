import { DateTime } from "luxon";
import type { RecurringTask } from "../../app/feature.ts";
import { toSamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import type { ForecastSource } from "./forecast-source.ts";
import type { Work } from "../../app/unit-of-work.ts";
import { firstColdRun } from "./cold-run.ts";
import {
  claimForecastAttempt,
  decideForecast,
  findForecastSubjects,
  markSuggested,
  nightsTaken,
  recordForecastError,
  type ForecastSubject,
} from "./forecast.repository.ts";
import { FORECAST_NOTICE_KIND, forecastNoticeKey } from "./forecast.jobs.ts";
import { inSeason, nightsAhead, type NightCold } from "./night-minimum.ts";

/** Attempts per night before samordning is told the forecast is unavailable; ticks are 15 minutes apart. */
const FORECAST_MAX_ATTEMPTS = 3;

/** The tick of the forecast check: every 15 minutes, each partnership is checked once its forecast time has come. */
export function createForecastTask(deps: AlertsDeps, source: ForecastSource): RecurringTask {
  return {
    name: "alerts.cold-night-forecast",
    cron: "*/15 * * * *",
    async run(now) {
      for (const subject of await findForecastSubjects(deps.db)) {
        try {
          await checkForecast(deps, source, subject, now);
        } catch (error) {
          deps.logger.error({ err: error, partnershipId: subject.partnershipId }, "the forecast check failed; the next tick tries again");
        }
      }
    },
  };
}

/** Whether the partnership's daily check is due at `now`: in season, and at or after its forecast time today. */
function isForecastDue(subject: ForecastSubject, now: Date): boolean {
  if (!inSeason(now, subject.timeZone, subject.seasonFrom, subject.seasonTo)) return false;
  return DateTime.fromJSDate(now, { zone: subject.timeZone }).toFormat("HH:mm") >= subject.forecastTime;
}

/**
 * Checks the forecast for one partnership once a day: every night SNOW1g reaches, by air or feels-like temperature as
 * the partnership chose. The first run of cold nights not yet suggested or declared is suggested once, as one notice
 * with a button per night; tonight's row records the day's decision (or, after three failed attempts, that the
 * forecast was unavailable).
 */
async function checkForecast(deps: AlertsDeps, source: ForecastSource, subject: ForecastSubject, now: Date): Promise<void> {
  const { db } = deps;
  if (!isForecastDue(subject, now)) return;
  const tonight = DateTime.fromJSDate(now, { zone: subject.timeZone }).toISODate()!;
  const attempt = await claimForecastAttempt(db, subject.partnershipId, tonight, FORECAST_MAX_ATTEMPTS);
  if (attempt === undefined) return;

  let nights: NightCold[];
  let createdAt: Date;
  try {
    const forecast = await source.pointForecast({ latitude: subject.latitude, longitude: subject.longitude });
    createdAt = forecast.createdAt;
    nights = nightsAhead(forecast, tonight, subject.timeZone, subject.useFeelsLike);
    if (nights.length === 0) throw new Error(`the forecast made ${forecast.createdAt.toISOString()} does not reach the night of ${tonight}`);
  } catch (error) {
    const message = toSamverkaError(error).message;
    deps.logger.warn({ err: error, partnershipId: subject.partnershipId, night: tonight, attempt }, "could not get tonight's forecast");
    if (attempt < FORECAST_MAX_ATTEMPTS) return recordForecastError(db, subject.partnershipId, tonight, message);
    await deps.transact(async (w) => {
      // A night already suggested yesterday needs no "unavailable" notice: samordning has its suggestion.
      if (
        (await decideForecast(w.db, subject.partnershipId, tonight, { outcome: "unavailable", at: now, thresholdC: subject.thresholdC, error: message })) ===
        "decided"
      ) {
        await scheduleNotice(w, subject.partnershipId, tonight, "unavailable", now);
      }
    });
    return;
  }
  const run = firstColdRun(nights, subject.thresholdC, await nightsTaken(db, subject.partnershipId, tonight));
  const runStart = run[0]?.night;
  const decision = (n: NightCold, outcome: "suggested" | "not_cold") => ({
    outcome,
    at: now,
    minimumC: n.valueC,
    minimumAt: n.at,
    airC: n.airC,
    feelsLikeC: n.feelsLikeC,
    thresholdC: subject.thresholdC,
    forecastCreatedAt: createdAt,
    ...(outcome === "suggested" && runStart !== undefined ? { runStart } : {}),
  });
  // Tonight's decision, the run's nights and the notice are one unit: all of them or none.
  await deps.transact(async (w) => {
    const tonightInRun = run.some((n) => n.night === tonight);
    if ((await decideForecast(w.db, subject.partnershipId, tonight, decision(nights[0]!, tonightInRun ? "suggested" : "not_cold"))) === undefined) return;
    if (runStart === undefined) return;
    for (const night of run) if (night.night !== tonight) await markSuggested(w.db, subject.partnershipId, night.night, decision(night, "suggested"));
    await scheduleNotice(w, subject.partnershipId, runStart, "run", now);
  });
}

// Telling samordning is a reminder, so a platform outage is retried; its key names the run (or tonight's outage).
async function scheduleNotice(w: Pick<Work, "reminders">, partnershipId: string, night: string, kind: "run" | "unavailable", now: Date): Promise<void> {
  const key = kind === "run" ? `${forecastNoticeKey(partnershipId, night)}:run` : forecastNoticeKey(partnershipId, night);
  await w.reminders.schedule({ key, kind: FORECAST_NOTICE_KIND, partnershipId, dueAt: now, payload: { partnershipId, night, kind } });
}
