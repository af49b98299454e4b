import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmhiClient } from "../../../adapters/weather/smhi-client.ts";
import { nightMinimum } from "../../../src/alerts/forecast/night-minimum.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { readSmhiRecording, startFakeSmhi, type FakeSmhi } from "./smhi-fixture-server.ts";

let smhi: FakeSmhi;
beforeAll(async () => {
  smhi = await startFakeSmhi();
});
afterAll(async () => {
  await smhi.close();
});
beforeEach(() => {
  smhi.requests.length = 0;
  smhi.answer = () => ({ status: 200, body: readSmhiRecording() });
});

const stockholm = { latitude: 59.339222, longitude: 18.089437 };

describe("SMHI SNOW1g client", () => {
  it("reads the recorded Stockholm forecast: creation time, UTC steps, temperatures and wind", async () => {
    const forecast = await createSmhiClient({ baseUrl: smhi.baseUrl }).pointForecast(stockholm);
    expect(smhi.requests).toEqual(["/api/category/snow1g/version/1/geotype/point/lon/18.089437/lat/59.339222/data.json"]);
    expect(forecast.createdAt.toISOString()).toBe("2026-02-06T21:31:33.000Z");
    expect(forecast.temperatures).toHaveLength(76);
    expect(forecast.temperatures[0]).toEqual({ at: new Date("2026-02-06T22:00:00Z"), airTemperatureC: -5.5, windSpeedMs: 4.3 });
  });

  it("finds the night's minimum in local time (18.00-08.00 Stockholm)", async () => {
    const forecast = await createSmhiClient({ baseUrl: smhi.baseUrl }).pointForecast(stockholm);
    expect(nightMinimum(forecast, "2026-02-07", "Europe/Stockholm")).toEqual({ at: new Date("2026-02-07T21:00:00Z"), airTemperatureC: -6.8, windSpeedMs: 4.2 });
  });

  it("drops steps where SMHI marks the temperature missing (9999)", async () => {
    const body = JSON.parse(readSmhiRecording()) as { timeSeries: { data: { air_temperature: number } }[] };
    body.timeSeries[0]!.data.air_temperature = 9999;
    smhi.answer = () => ({ status: 200, body: JSON.stringify(body) });
    const forecast = await createSmhiClient({ baseUrl: smhi.baseUrl }).pointForecast(stockholm);
    expect(forecast.temperatures).toHaveLength(75);
    expect(forecast.temperatures.some((p) => p.airTemperatureC === 9999)).toBe(false);
  });

  it("turns an HTTP error into a retryable external_unavailable", async () => {
    smhi.answer = () => ({ status: 503, body: "{}" });
    const error = await createSmhiClient({ baseUrl: smhi.baseUrl })
      .pointForecast(stockholm)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SamverkaError);
    expect(error).toMatchObject({ code: "external_unavailable", retryable: true });
  });

  it("refuses a body that is not a SNOW1g forecast", async () => {
    smhi.answer = () => ({ status: 200, body: JSON.stringify({ approvedTime: "2026-02-06T21:31:33Z", timeSeries: [{ validTime: "x" }] }) });
    await expect(createSmhiClient({ baseUrl: smhi.baseUrl }).pointForecast(stockholm)).rejects.toMatchObject({ code: "external_unavailable" });
  });

  it("gives up on a server that never answers, after the timeout", async () => {
    smhi.answer = () => "hang";
    await expect(createSmhiClient({ baseUrl: smhi.baseUrl, timeoutMs: 200 }).pointForecast(stockholm)).rejects.toMatchObject({
      code: "external_unavailable",
    });
  });
});
