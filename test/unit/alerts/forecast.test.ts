import { describe, expect, it } from "vitest";
import { readSnow1g } from "../../../adapters/weather/smhi-client.ts";
import { firstColdRun } from "../../../src/alerts/forecast/cold-run.ts";
import { nightsAhead } from "../../../src/alerts/forecast/night-minimum.ts";
import { feelsLikeC } from "../../../src/alerts/forecast/wind-chill.ts";
import { readFixtureText } from "../../helpers/fixtures.ts";

const tz = "Europe/Stockholm";
// The recorded SNOW1g response for Stockholm, issued 2026-02-06 21.31 UTC: hourly to 48 h, then 3-, 6- and 12-hourly.
const recorded = readSnow1g(JSON.parse(readFixtureText("smhi-snow1g-magicmirror-stockholm.json")));

describe("the feels-like temperature (wind chill, JAG/TI as SMHI uses it)", () => {
  it("matches published table values, wind in m/s at 10 m", () => {
    // Tables print whole degrees; the function keeps a tenth (what each table's value rounds from is noted).
    // SMHI / Fjällsäkerhetsrådet: −10 °C in 2 m/s feels like −14; −20 °C in 10 m/s like −34 (−44 by the old Siple formula).
    expect(feelsLikeC(-10, 2)).toBe(-14.1);
    expect(feelsLikeC(-20, 10)).toBe(-33.6);
    // yr.no (MET Norway): −10 °C in 12 m/s feels like −21; −15 °C in 3 m/s like −22 (−21.54).
    expect(feelsLikeC(-10, 12)).toBe(-21.1);
    expect(feelsLikeC(-15, 3)).toBe(-21.5);
    // Environment Canada's table in km/h: −10 °C at 20 km/h → −18.
    expect(feelsLikeC(-10, 20 / 3.6)).toBe(-17.9);
  });

  it("is the air temperature in calm air (below walking speed, 1.3 m/s), above 10 °C, or with no wind given", () => {
    expect(feelsLikeC(-8, 1.2)).toBe(-8);
    expect(feelsLikeC(12, 10)).toBe(12);
    expect(feelsLikeC(-8, undefined)).toBe(-8);
  });
});

describe("the nights ahead in a recorded SNOW1g response", () => {
  it("reads every night the forecast reaches, each by its coldest hour between 18.00 and 08.00", () => {
    const nights = nightsAhead(recorded, "2026-02-07", tz, false);
    expect(nights.map((n) => [n.night, n.airC])).toEqual([
      ["2026-02-07", -6.8],
      ["2026-02-08", -8.3],
      ["2026-02-09", -10.3],
      ["2026-02-10", -13.1],
      ["2026-02-11", -6.6],
      ["2026-02-12", -7.9],
      ["2026-02-13", -10],
      ["2026-02-14", -11.4],
      ["2026-02-15", -9.4],
    ]);
    // Saturday's coldest hour is 22.00 local, in a 4.2 m/s wind: it feels like −12.8 °C.
    expect(nights[0]).toMatchObject({ at: new Date("2026-02-07T21:00:00Z"), feelsLikeC: -12.8, valueC: -6.8 });
  });

  it("suggests three nights in a row below −7 °C from Sunday, by air temperature", () => {
    const run = firstColdRun(nightsAhead(recorded, "2026-02-07", tz, false), -7, new Set());
    expect(run.map((n) => n.night)).toEqual(["2026-02-08", "2026-02-09", "2026-02-10"]);
  });

  it("starts the run tonight when the trigger is the feels-like temperature, and runs while it stays cold", () => {
    const nights = nightsAhead(recorded, "2026-02-07", tz, true);
    const run = firstColdRun(nights, -7, new Set());
    expect(run[0]).toMatchObject({ night: "2026-02-07", valueC: -12.8 });
    expect(run.map((n) => n.night)).toEqual(
      nights
        .filter((n) => n.valueC <= -7)
        .map((n) => n.night)
        .slice(0, run.length),
    );
    expect(run.length).toBeGreaterThan(3);
  });

  it("leaves out nights already suggested or declared, so each is suggested once", () => {
    const nights = nightsAhead(recorded, "2026-02-07", tz, false);
    expect(firstColdRun(nights, -7, new Set(["2026-02-08", "2026-02-09", "2026-02-10"])).map((n) => n.night)).toEqual([
      "2026-02-12",
      "2026-02-13",
      "2026-02-14",
      "2026-02-15",
    ]);
    expect(firstColdRun(nights, -20, new Set())).toEqual([]);
  });
});
