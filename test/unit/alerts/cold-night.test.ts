import { describe, expect, it } from "vitest";
import { parseColdNightArgs } from "../../../src/alerts/cold-nights/cold-night-args.ts";
import { closingTime, currentNight, totalExtraPlaces } from "../../../src/alerts/cold-nights/cold-night.ts";

const tz = "Europe/Stockholm";

describe("cold-night arguments", () => {
  const afternoon = new Date("2026-12-03T14:00:00Z");

  it("declares tonight when no date is given", () => {
    expect(parseColdNightArgs("", afternoon, tz, "09:00")).toEqual({ kind: "declare", night: "2026-12-03", temperatureC: undefined });
  });

  it("reads a date and a temperature in either order and with a Unicode minus", () => {
    expect(parseColdNightArgs("2026-12-05 −9", afternoon, tz, "09:00")).toEqual({ kind: "declare", night: "2026-12-05", temperatureC: -9 });
    expect(parseColdNightArgs("-7,5 °C 2026-12-05", afternoon, tz, "09:00")).toEqual({ kind: "declare", night: "2026-12-05", temperatureC: -7.5 });
  });

  it("understands i kväll and i morgon", () => {
    expect(parseColdNightArgs("i morgon -12", afternoon, tz, "09:00")).toEqual({ kind: "declare", night: "2026-12-04", temperatureC: -12 });
    expect(parseColdNightArgs("i kväll", afternoon, tz, "09:00")).toMatchObject({ night: "2026-12-03" });
  });

  it("treats the small hours as part of last evening's night", () => {
    expect(parseColdNightArgs("", new Date("2026-12-04T02:30:00Z"), tz, "09:00")).toMatchObject({ night: "2026-12-03" });
  });

  it("reads i kväll and i morgon in the morning as today's and tomorrow's evenings, not last night's", () => {
    // Sunday 08.02 in Stockholm, before the 09.00 close of Saturday's night.
    const sundayMorning = new Date("2026-11-22T07:02:00Z");
    expect(parseColdNightArgs("", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-21" });
    expect(parseColdNightArgs("i natt", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-21" });
    expect(parseColdNightArgs("i kväll", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-22" });
    expect(parseColdNightArgs("i morgon -9", sundayMorning, tz, "09:00")).toEqual({ kind: "declare", night: "2026-11-23", temperatureC: -9 });
    expect(parseColdNightArgs("tomorrow", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-23" });
  });

  it("keeps i kväll on the night under way in the small hours", () => {
    const sundayNight = new Date("2026-11-22T01:30:00Z");
    expect(parseColdNightArgs("i kväll", sundayNight, tz, "09:00")).toMatchObject({ night: "2026-11-21" });
    expect(parseColdNightArgs("i morgon", sundayNight, tz, "09:00")).toMatchObject({ night: "2026-11-22" });
  });

  it("reads a close request", () => {
    expect(parseColdNightArgs("stäng", afternoon, tz, "09:00")).toEqual({ kind: "close", night: "2026-12-03" });
    expect(parseColdNightArgs("close 2026-12-02", afternoon, tz, "09:00")).toEqual({ kind: "close", night: "2026-12-02" });
  });

  it("names the word it does not understand", () => {
    expect(parseColdNightArgs("2026-12-05 kallt", afternoon, tz, "09:00")).toEqual({ kind: "invalid", token: "kallt" });
    expect(parseColdNightArgs("2026-02-30", afternoon, tz, "09:00")).toEqual({ kind: "invalid", token: "2026-02-30" });
  });
});

describe("cold-night timing", () => {
  it("closes at the configured time the next morning, across the switch to summer time", () => {
    expect(closingTime("2026-12-03", "09:00", tz)).toEqual(new Date("2026-12-04T08:00:00Z"));
    expect(closingTime("2026-03-28", "09:00", tz)).toEqual(new Date("2026-03-29T07:00:00Z"));
  });

  it("moves to the next night at the close time", () => {
    expect(currentNight(new Date("2026-12-04T07:59:00Z"), tz, "09:00")).toBe("2026-12-03");
    expect(currentNight(new Date("2026-12-04T08:00:00Z"), tz, "09:00")).toBe("2026-12-04");
  });

  it("adds up only the shelters that are opening", () => {
    expect(
      totalExtraPlaces([
        { answer: "opening", extraPlaces: 10 },
        { answer: "full", extraPlaces: 0 },
        { answer: "opening", extraPlaces: 25 },
        { answer: "pending", extraPlaces: 0 },
      ]),
    ).toBe(35);
  });
});
