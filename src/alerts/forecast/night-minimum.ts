import { DateTime } from "luxon";
import type { PointForecast, TemperaturePoint } from "./forecast-source.ts";
import { feelsLikeC } from "./wind-chill.ts";

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

/** A night's coldest forecast point by the measure the trigger compares: air, or feels-like (air and wind). */
export interface NightCold {
  night: string;
  at: Date;
  airC: number;
  feelsLikeC: number;
  /** What is compared with the threshold: `feelsLikeC` or `airC`. */
  valueC: number;
}

/** The coldest point of one night by the trigger's measure, or undefined when the forecast has no point in it. */
export function nightCold(forecast: PointForecast, night: string, timeZone: string, useFeelsLike: boolean): NightCold | undefined {
  const { from, to } = nightWindow(night, timeZone);
  let coldest: NightCold | undefined;
  for (const point of forecast.temperatures) {
    if (point.at < from || point.at > to) continue;
    const feels = feelsLikeC(point.airTemperatureC, point.windSpeedMs);
    const value = useFeelsLike ? feels : point.airTemperatureC;
    if (coldest === undefined || value < coldest.valueC) coldest = { night, at: point.at, airC: point.airTemperatureC, feelsLikeC: feels, valueC: value };
  }
  return coldest;
}

/**
 * Each night from `firstNight` on that the forecast covers: the first needs a point in it, each later one the
 * forecast reaching its end (SNOW1g thins to 6- and 12-hourly steps, so a night's cold hours may fall between them;
 * a night it stops short of is not judged).
 */
export function nightsAhead(forecast: PointForecast, firstNight: string, timeZone: string, useFeelsLike: boolean): NightCold[] {
  const last = forecast.temperatures.reduce<Date | undefined>((latest, p) => (latest === undefined || p.at > latest ? p.at : latest), undefined);
  const nights: NightCold[] = [];
  for (let night = firstNight; last !== undefined; night = DateTime.fromISO(night).plus({ days: 1 }).toISODate()!) {
    if (nights.length > 0 && last < nightWindow(night, timeZone).to) break;
    const cold = nightCold(forecast, night, timeZone, useFeelsLike);
    if (cold === undefined) break;
    nights.push(cold);
  }
  return nights;
}
