import { DateTime } from "luxon";
import type { RecurringTask } from "../../app/feature.ts";
import { toSamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import type { ForecastSource } from "./forecast-source.ts";
import { claimForecastAttempt, decideForecast, findForecastSubjects, isNightDeclared, recordForecastError, type ForecastSubject } from "./forecast.repository.ts";
import { FORECAST_NOTICE_KIND, forecastNoticeKey } from "./forecast.jobs.ts";
import { inSeason, nightMinimum, type NightMinimum } from "./night-minimum.ts";

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

/** Checks tonight's forecast for one partnership: at most one suggestion, or one "unavailable" notice, per night. */
async function checkForecast(deps: AlertsDeps, source: ForecastSource, subject: ForecastSubject, now: Date): Promise<void> {
  const { db } = deps;
  if (!isForecastDue(subject, now)) return;
  const night = DateTime.fromJSDate(now, { zone: subject.timeZone }).toISODate()!;
  if (await isNightDeclared(db, subject.partnershipId, night)) return;
  const attempt = await claimForecastAttempt(db, subject.partnershipId, night, FORECAST_MAX_ATTEMPTS);
  if (attempt === undefined) return;

  let minimum: NightMinimum | undefined;
  let createdAt: Date;
  try {
    const forecast = await source.pointForecast({ latitude: subject.latitude, longitude: subject.longitude });
    createdAt = forecast.createdAt;
    minimum = nightMinimum(forecast, night, subject.timeZone);
    if (minimum === undefined) throw new Error(`the forecast made ${forecast.createdAt.toISOString()} does not reach the night of ${night}`);
  } catch (error) {
    const message = toSamverkaError(error).message;
    deps.logger.warn({ err: error, partnershipId: subject.partnershipId, night, attempt }, "could not get tonight's forecast");
    if (attempt < FORECAST_MAX_ATTEMPTS) return recordForecastError(db, subject.partnershipId, night, message);
    if (await decideForecast(db, subject.partnershipId, night, { outcome: "unavailable", at: now, thresholdC: subject.thresholdC, error: message })) {
      await scheduleNotice(deps, subject.partnershipId, night, now);
    }
    return;
  }
  const cold = minimum.airTemperatureC <= subject.thresholdC;
  const decided = await decideForecast(db, subject.partnershipId, night, {
    outcome: cold ? "suggested" : "not_cold",
    at: now,
    minimumC: minimum.airTemperatureC,
    minimumAt: minimum.at,
    thresholdC: subject.thresholdC,
    forecastCreatedAt: createdAt,
  });
  if (decided && cold) await scheduleNotice(deps, subject.partnershipId, night, now);
}

// The decision row is written once; telling samordning is a reminder, so a platform outage is retried.
async function scheduleNotice(deps: AlertsDeps, partnershipId: string, night: string, now: Date): Promise<void> {
  await deps.reminders.schedule({ key: forecastNoticeKey(partnershipId, night), kind: FORECAST_NOTICE_KIND, partnershipId, dueAt: now, payload: { partnershipId, night } });
}
