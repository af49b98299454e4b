import { describe, expect, it } from "vitest";
import { createFormatters } from "../../../src/shared/i18n.ts";

const sv = createFormatters("sv", "Europe/Stockholm");

describe("week numbers in messages", () => {
  it("numbers weeks as ISO 8601 does across the turn of the year", () => {
    expect(sv.week(new Date("2026-12-31T12:00:00Z"))).toBe("v. 53");
    expect(sv.week(new Date("2027-01-03T12:00:00Z"))).toBe("v. 53");
    expect(sv.week(new Date("2027-01-04T12:00:00Z"))).toBe("v. 1");
    expect(sv.week(new Date("2024-12-30T12:00:00Z"))).toBe("v. 1");
  });

  it("takes the week of the date in the partnership's time zone, not in UTC", () => {
    // Sunday 23:30 UTC is already Monday in Stockholm.
    expect(sv.week(new Date("2026-12-27T23:30:00Z"))).toBe("v. 53");
    expect(createFormatters("sv", "UTC").week(new Date("2026-12-27T23:30:00Z"))).toBe("v. 52");
  });

  it("writes the week in the member's language", () => {
    expect(createFormatters("en", "Europe/Stockholm").week(new Date("2026-03-10T12:00:00Z"))).toBe("wk 11");
  });
});

describe("formatters", () => {
  it("are built once per locale and time zone, each pair with its own", () => {
    expect(createFormatters("sv", "Europe/Stockholm")).toBe(sv);
    expect(createFormatters("en", "Europe/Stockholm")).not.toBe(sv);
    const utc = createFormatters("sv", "UTC");
    expect(utc).not.toBe(sv);
    expect(utc.time(new Date("2026-12-02T12:00:00Z"))).toBe("kl. 12.00");
    expect(sv.time(new Date("2026-12-02T12:00:00Z"))).toBe("kl. 13.00");
  });
});
