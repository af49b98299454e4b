import { describe, expect, it } from "vitest";
import { nextOpening } from "../../../src/reports/report-early.ts";
import { reportSettingsSchema } from "../../../src/reports/report-settings.ts";
import { isRequestCommand } from "../../../src/reports/report-request.ts";

const partnership = {
  id: "eu",
  name: "EU",
  timeZone: "Europe/Stockholm",
  locale: "sv" as const,
  periodStart: "2019-05-01",
  periodEnd: "2027-04-30",
  extensionUntil: null,
  extensionDeadline: null,
};
const settings = reportSettingsSchema.parse({
  coordinator: "c",
  cycles: [
    { form: "uppfoljning", period: "half-year", opensDaysBeforeEnd: 14, deadlineDaysAfterEnd: 30 },
    { form: "ekonomi", period: "contract-year", opensDaysBeforeEnd: 30, deadlineDaysAfterEnd: 0 },
    { form: "manadsrapport", period: "month", opensDaysBeforeEnd: 3, deadlineDaysAfterEnd: 10 },
  ],
});
const next = (at: string, only?: string) => {
  const found = nextOpening(only === undefined ? settings : { ...settings, cycles: settings.cycles.filter((c) => c.form === only) }, partnership, new Date(at));
  return (
    found && {
      form: found.cycle.form,
      period: found.period.label,
      opensAt: found.times.opensAt.toISOString(),
      deadlineAt: found.times.deadlineAt.toISOString(),
    }
  );
};

describe("the report that opens next", () => {
  it("on 24 November is the monthly report three days before the month ends, before the half-year's on 17 December", () => {
    expect(next("2026-11-24T09:00:00Z")).toEqual({
      form: "manadsrapport",
      period: "2026-11",
      opensAt: "2026-11-27T07:00:00.000Z",
      deadlineAt: "2026-12-10T22:59:00.000Z",
    });
    expect(next("2026-11-24T09:00:00Z", "uppfoljning")).toEqual({
      form: "uppfoljning",
      period: "2026H2",
      opensAt: "2026-12-17T07:00:00.000Z",
      deadlineAt: "2027-01-30T22:59:00.000Z",
    });
  });

  it("moves to the following period once this one has opened, across the daylight-saving change", () => {
    expect(next("2026-12-17T07:00:00Z", "uppfoljning")?.period).toBe("2027H1");
    // 16 June 2027 08.00 is 06.00 UTC in summer time.
    expect(next("2026-12-17T07:00:00Z", "uppfoljning")?.opensAt).toBe("2027-06-16T06:00:00.000Z");
    // The contract year runs from 1 May: 2026/27 opens 30 days before 30 April.
    expect(next("2027-02-01T09:00:00Z", "ekonomi")).toMatchObject({ period: "2026/27", opensAt: "2027-03-31T06:00:00.000Z" });
  });

  it("is nothing for a partnership without cycles", () => {
    expect(nextOpening({ ...settings, cycles: [] }, partnership, new Date("2026-11-24T09:00:00Z"))).toBeUndefined();
  });
});

describe("telling a request from an answer", () => {
  it("takes `begär rapport` and `request report`, and leaves other text to the conversation", () => {
    for (const text of ["begär rapport uppfoljning 2026H2", "Request report manadsrapport 2026-11 by 2026-12-10", "begar rapport"])
      expect(isRequestCommand(text), text).toBe(true);
    for (const text of ["begär mer tid", "request a meeting", "12"]) expect(isRequestCommand(text), text).toBe(false);
  });
});
