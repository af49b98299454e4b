import { z } from "zod";
import type { ForecastSource, PointForecast, Position } from "../../src/alerts/forecast/forecast-source.ts";
import { SamverkaError } from "../../src/shared/errors.ts";

/** SMHI's marker for a missing value in open-data forecasts. */
const MISSING = 9999;

// Only what Samverka reads is checked; SNOW1g carries many more parameters per step.
const snow1gSchema = z.object({
  createdTime: z.iso.datetime(),
  timeSeries: z.array(
    z.object({
      time: z.iso.datetime(),
      data: z.looseObject({ air_temperature: z.number().optional(), wind_speed: z.number().optional() }),
    }),
  ),
});

/** How to reach SMHI's SNOW1g point forecast API. */
export interface SmhiClientOptions {
  /** e.g. https://opendata-download-metfcst.smhi.se/api/category/snow1g/version/1 */
  baseUrl: string;
  timeoutMs?: number;
}

/** The forecast port over SMHI open data (SNOW1g v1); every failure becomes a retryable `external_unavailable`. */
export function createSmhiClient(options: SmhiClientOptions): ForecastSource {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async pointForecast(position: Position): Promise<PointForecast> {
      const url = `${base}/geotype/point/lon/${coordinate(position.longitude)}/lat/${coordinate(position.latitude)}/data.json`;
      let body: unknown;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(`SMHI answered HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        throw new SamverkaError("external_unavailable", `The SMHI forecast could not be fetched from ${url}.`, { cause: error, retryable: true });
      }
      return readSnow1g(body);
    },
  };
}

/** Reads a SNOW1g point forecast response: its issue time, and each step's air temperature and wind (missing values dropped). */
export function readSnow1g(body: unknown): PointForecast {
  const parsed = snow1gSchema.safeParse(body);
  if (!parsed.success) {
    throw new SamverkaError("external_unavailable", `SMHI sent a forecast Samverka cannot read: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
      retryable: true,
    });
  }
  return {
    createdAt: new Date(parsed.data.createdTime),
    temperatures: parsed.data.timeSeries.flatMap((step) => {
      const t = step.data.air_temperature;
      const wind = step.data.wind_speed;
      if (t === undefined || t === MISSING) return [];
      return [{ at: new Date(step.time), airTemperatureC: t, ...(wind === undefined || wind === MISSING ? {} : { windSpeedMs: wind }) }];
    }),
  };
}

// SMHI refuses coordinates with more than six decimals.
function coordinate(value: number): string {
  return String(Number(value.toFixed(6)));
}
