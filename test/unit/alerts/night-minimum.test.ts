import { describe, expect, it } from "vitest";
import { inSeason, nightMinimum, nightWindow } from "../../../src/alerts/forecast/night-minimum.ts";

const tz = "Europe/Stockholm";

describe("the night window", () => {
  it("runs from 18.00 to 08.00 local time in winter (CET)", () => {
    expect(nightWindow("2026-12-03", tz)).toEqual({ from: new Date("2026-12-03T17:00:00Z"), to: new Date("2026-12-04T07:00:00Z") });
  });

  it("keeps local hours across the switch to summer time (night of 28 March 2026)", () => {
    expect(nightWindow("2026-03-28", tz)).toEqual({ from: new Date("2026-03-28T17:00:00Z"), to: new Date("2026-03-29T06:00:00Z") });
  });

  it("keeps local hours across the switch back to winter time (night of 24 October 2026)", () => {
    expect(nightWindow("2026-10-24", tz)).toEqual({ from: new Date("2026-10-24T16:00:00Z"), to: new Date("2026-10-25T07:00:00Z") });
  });
});

describe("the night minimum", () => {
  const at = (iso: string, c: number) => ({ at: new Date(iso), airTemperatureC: c });
  const forecast = {
    createdAt: new Date("2026-12-03T10:00:00Z"),
    temperatures: [
      at("2026-12-03T16:00:00Z", -12),
      at("2026-12-03T17:00:00Z", -5),
      at("2026-12-04T03:00:00Z", -8.4),
      at("2026-12-04T07:00:00Z", -6),
      at("2026-12-04T08:00:00Z", -15),
    ],
  };

  it("takes the coldest point between 18.00 and 08.00, ignoring colder afternoon and morning hours", () => {
    expect(nightMinimum(forecast, "2026-12-03", tz)).toEqual(at("2026-12-04T03:00:00Z", -8.4));
  });

  it("is undefined when the forecast does not reach the night", () => {
    expect(nightMinimum(forecast, "2026-12-05", tz)).toBeUndefined();
  });
});

describe("the season", () => {
  it("wraps the new year (1 November to 31 March)", () => {
    expect(inSeason(new Date("2026-11-01T00:30:00+01:00"), tz, "11-01", "03-31")).toBe(true);
    expect(inSeason(new Date("2027-01-15T12:00:00Z"), tz, "11-01", "03-31")).toBe(true);
    expect(inSeason(new Date("2027-03-31T22:30:00Z"), tz, "11-01", "03-31")).toBe(false);
    expect(inSeason(new Date("2026-10-31T22:59:00Z"), tz, "11-01", "03-31")).toBe(false);
    expect(inSeason(new Date("2026-10-31T23:00:00Z"), tz, "11-01", "03-31")).toBe(true);
  });

  it("works within one year too", () => {
    expect(inSeason(new Date("2026-06-15T12:00:00Z"), tz, "06-01", "08-31")).toBe(true);
    expect(inSeason(new Date("2026-09-01T12:00:00Z"), tz, "06-01", "08-31")).toBe(false);
  });
});
