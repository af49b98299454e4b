import { DateTime } from "luxon";
import type { PointForecast, TemperaturePoint } from "./forecast-source.ts";

/** The local hours that make up "the night" of a cold-night decision: 18.00 to 08.00 next morning. */
const NIGHT_STARTS_HOUR = 18;
const NIGHT_ENDS_HOUR = 8;

/** The instants bounding the night that starts on the evening of `night` (ISO date) in `timeZone`. */
export function nightWindow(night: string, timeZone: string): { from: Date; to: Date } {
  const evening = DateTime.fromISO(night, { zone: timeZone });
  return {
    from: evening.set({ hour: NIGHT_STARTS_HOUR }).toJSDate(),
    to: evening.plus({ days: 1 }).set({ hour: NIGHT_ENDS_HOUR }).toJSDate(),
  };
}

/** The coldest forecast point of a night. */
export type NightMinimum = TemperaturePoint;

/** The coldest forecast point within the night, or undefined when the forecast does not reach it. */
export function nightMinimum(forecast: PointForecast, night: string, timeZone: string): NightMinimum | undefined {
  const { from, to } = nightWindow(night, timeZone);
  let coldest: TemperaturePoint | undefined;
  for (const point of forecast.temperatures) {
    if (point.at < from || point.at > to) continue;
    if (coldest === undefined || point.airTemperatureC < coldest.airTemperatureC) coldest = point;
  }
  return coldest;
}

/** Whether the local date of `now` lies within the season `from`–`to` ("MM-DD", may wrap the new year). */
export function inSeason(now: Date, timeZone: string, from: string, to: string): boolean {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toFormat("MM-dd");
  return from <= to ? today >= from && today <= to : today >= from || today <= to;
}
