import { describe, expect, it } from "vitest";
import { parseColdNightArgs } from "../../../src/alerts/cold-nights/cold-night-args.ts";
import { closingTime, currentNight, totalExtraPlaces } from "../../../src/alerts/cold-nights/cold-night.ts";
import { nightName } from "../../../src/alerts/cold-nights/night-name.ts";

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

  it("asks which night is meant between 00.00 and 06.00, where kallnatt and i kväll could mean either", () => {
    // 03.30 on Friday 4 December: the night under way began on Thursday evening; "i kväll" could be Friday's.
    const smallHours = new Date("2026-12-04T02:30:00Z");
    expect(parseColdNightArgs("", smallHours, tz, "09:00")).toEqual({ kind: "ask", nights: ["2026-12-03", "2026-12-04"], temperatureC: undefined });
    expect(parseColdNightArgs("i kväll -12", smallHours, tz, "09:00")).toEqual({ kind: "ask", nights: ["2026-12-03", "2026-12-04"], temperatureC: -12 });
    // Said plainly, no question: i natt is the night under way, a date is that date.
    expect(parseColdNightArgs("i natt", smallHours, tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-12-03" });
    expect(parseColdNightArgs("2026-12-04", smallHours, tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-12-04" });
  });

  it("asks from 00.00 up to 06.00 and not a minute after", () => {
    expect(parseColdNightArgs("", new Date("2026-12-03T23:00:00Z"), tz, "09:00")).toMatchObject({ kind: "ask" });
    expect(parseColdNightArgs("", new Date("2026-12-04T04:59:00Z"), tz, "09:00")).toMatchObject({ kind: "ask" });
    expect(parseColdNightArgs("", new Date("2026-12-04T05:00:00Z"), tz, "09:00")).toEqual({ kind: "declare", night: "2026-12-04", temperatureC: undefined });
    expect(parseColdNightArgs("", new Date("2026-12-03T22:59:00Z"), tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-12-03" });
  });

  it("reads kallnatt and i kväll in the morning as this evening's night, i natt as the one under way", () => {
    // Sunday 08.02 in Stockholm, before the 09.00 close of Saturday's night.
    const sundayMorning = new Date("2026-11-22T07:02:00Z");
    expect(parseColdNightArgs("", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-22" });
    expect(parseColdNightArgs("i natt", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-21" });
    expect(parseColdNightArgs("i kväll", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-22" });
    expect(parseColdNightArgs("i morgon -9", sundayMorning, tz, "09:00")).toEqual({ kind: "declare", night: "2026-11-23", temperatureC: -9 });
    expect(parseColdNightArgs("tomorrow", sundayMorning, tz, "09:00")).toMatchObject({ night: "2026-11-23" });
  });

  it("reads i morgon in the small hours as the coming evening", () => {
    expect(parseColdNightArgs("i morgon", new Date("2026-11-22T01:30:00Z"), tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-11-22" });
  });

  it("asks across the night the clocks go forward (29 March 2026: 02.00 becomes 03.00)", () => {
    expect(parseColdNightArgs("", new Date("2026-03-29T00:30:00Z"), tz, "09:00")).toMatchObject({ kind: "ask", nights: ["2026-03-28", "2026-03-29"] });
    expect(parseColdNightArgs("", new Date("2026-03-29T01:30:00Z"), tz, "09:00")).toMatchObject({ kind: "ask", nights: ["2026-03-28", "2026-03-29"] });
    // 06.00 summer time is 04.00 UTC, an hour earlier than in winter.
    expect(parseColdNightArgs("", new Date("2026-03-29T03:59:00Z"), tz, "09:00")).toMatchObject({ kind: "ask" });
    expect(parseColdNightArgs("", new Date("2026-03-29T04:00:00Z"), tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-03-29" });
  });

  it("asks through both 02.30s of the night the clocks go back (25 October 2026: 03.00 becomes 02.00)", () => {
    for (const at of ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T04:59:00Z"]) {
      expect(parseColdNightArgs("i kväll", new Date(at), tz, "09:00")).toMatchObject({ kind: "ask", nights: ["2026-10-24", "2026-10-25"] });
    }
    expect(parseColdNightArgs("i kväll", new Date("2026-10-25T05:00:00Z"), tz, "09:00")).toMatchObject({ kind: "declare", night: "2026-10-25" });
  });

  it("reads a close request", () => {
    // Without a date: the open alert the person means, whichever night it is.
    expect(parseColdNightArgs("stäng", afternoon, tz, "09:00")).toEqual({ kind: "close", night: undefined });
    expect(parseColdNightArgs("kvittera", afternoon, tz, "09:00")).toEqual({ kind: "acknowledge", night: undefined });
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

  it("closes at the configured time the morning the clocks go back", () => {
    expect(closingTime("2026-10-24", "09:00", tz)).toEqual(new Date("2026-10-25T08:00:00Z"));
    expect(currentNight(new Date("2026-10-25T07:59:00Z"), tz, "09:00")).toBe("2026-10-24");
    expect(currentNight(new Date("2026-10-25T08:00:00Z"), tz, "09:00")).toBe("2026-10-25");
  });

  it("names a night by its weekday and date, the Swedish way by the morning it ends in", () => {
    expect(nightName("2026-11-24", "sv")).toBe("natten mot onsdag 25 november");
    expect(nightName("2026-12-31", "sv")).toBe("natten mot fredag 1 januari");
    expect(nightName("2026-03-28", "sv")).toBe("natten mot söndag 29 mars");
    expect(nightName("2026-11-24", "en")).toBe("the night of Tuesday 24 November");
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
