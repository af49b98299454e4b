import { describe, expect, it } from "vitest";
import { mustReportToAuthority, nextAuthorityReminder } from "../../../src/alerts/incidents/incident.ts";

const tz = "Europe/Stockholm";

describe("reporting to Arbetsmiljöverket", () => {
  it("is required for a serious incident or a serious injury, and only then", () => {
    expect(mustReportToAuthority({ severity: "serious_incident", injuries: "none" })).toBe(true);
    expect(mustReportToAuthority({ severity: "moderate", injuries: "serious" })).toBe(true);
    expect(mustReportToAuthority({ severity: "moderate", injuries: "minor" })).toBe(false);
  });

  it("is reminded again two hours later during the day", () => {
    expect(nextAuthorityReminder(new Date("2026-12-03T09:00:00Z"), tz)).toEqual(new Date("2026-12-03T11:00:00Z"));
  });

  it("waits for 08.00 instead of reminding at night", () => {
    expect(nextAuthorityReminder(new Date("2026-12-03T18:30:00Z"), tz)).toEqual(new Date("2026-12-04T07:00:00Z"));
    expect(nextAuthorityReminder(new Date("2026-12-04T02:00:00Z"), tz)).toEqual(new Date("2026-12-04T07:00:00Z"));
  });

  it("keeps 08.00 local across the switch to summer time", () => {
    expect(nextAuthorityReminder(new Date("2026-03-28T19:00:00Z"), tz)).toEqual(new Date("2026-03-29T06:00:00Z"));
  });
});
