import { describe, expect, it } from "vitest";
import { nextExtensionDeadline } from "../../../src/reports/extension-deadline.ts";
import { parsePeriodLabel, periodContaining, previousPeriod } from "../../../src/reports/report-period.ts";
import { offsetStep, reminderTime, reportReminderKey, reportTimes } from "../../../src/reports/report-schedule.ts";

const cycle = { form: "uppfoljning", period: "half-year" as const, opensDaysBeforeEnd: 14, deadlineDaysAfterEnd: 30 };
const zone = "Europe/Stockholm";

describe("reporting periods", () => {
  it("labels months, quarters, half-years, years and contract years", () => {
    expect(periodContaining("month", "2026-02-14")).toEqual({ kind: "month", label: "2026-02", start: "2026-02-01", end: "2026-02-28" });
    expect(periodContaining("quarter", "2026-11-30")).toMatchObject({ label: "2026Q4", start: "2026-10-01", end: "2026-12-31" });
    expect(periodContaining("half-year", "2026-07-01")).toMatchObject({ label: "2026H2", start: "2026-07-01", end: "2026-12-31" });
    expect(periodContaining("year", "2028-02-29")).toMatchObject({ label: "2028", end: "2028-12-31" });
    // The Stockholm EU-citizens agreement runs 1 May – 30 April.
    expect(periodContaining("contract-year", "2020-02-01", "05-01")).toMatchObject({ label: "2019/20", start: "2019-05-01", end: "2020-04-30" });
    expect(previousPeriod(periodContaining("half-year", "2027-01-15"))).toMatchObject({ label: "2026H2" });
  });

  it("reads period labels the way people type them, and refuses the rest", () => {
    expect(parsePeriodLabel("2026h2")?.label).toBe("2026H2");
    expect(parsePeriodLabel("2026-H1")?.end).toBe("2026-06-30");
    expect(parsePeriodLabel("2026Q1")?.end).toBe("2026-03-31");
    expect(parsePeriodLabel("2026-11")?.start).toBe("2026-11-01");
    expect(parsePeriodLabel("2019/20", "05-01")).toMatchObject({ kind: "contract-year", start: "2019-05-01" });
    expect(parsePeriodLabel("2019/21", "05-01")).toBeUndefined();
    expect(parsePeriodLabel("andra halvåret")).toBeUndefined();
  });
});

describe("report deadlines and reminders in Stockholm time", () => {
  it("opens at 08.00 and is due at the end of the deadline day, in winter time", () => {
    const times = reportTimes(periodContaining("half-year", "2026-10-01"), cycle, zone);
    expect(times.opensAt.toISOString()).toBe("2026-12-17T07:00:00.000Z");
    expect(times.deadlineDate).toBe("2027-01-30");
    expect(times.deadlineAt.toISOString()).toBe("2027-01-30T22:59:00.000Z");
  });

  it("keeps reminders at 09.00 local on both sides of the spring DST switch", () => {
    // 2026-03-29 is the switch to summer time.
    expect(reminderTime("2026-03-30", -7, zone).toISOString()).toBe("2026-03-23T08:00:00.000Z");
    expect(reminderTime("2026-03-30", -1, zone).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(reminderTime("2026-10-26", -1, zone).toISOString()).toBe("2026-10-25T08:00:00.000Z");
  });

  it("opens the first half-year's form in summer time", () => {
    expect(reportTimes(periodContaining("half-year", "2026-03-01"), cycle, zone).opensAt.toISOString()).toBe("2026-06-16T06:00:00.000Z");
  });

  it("names reminder rows deterministically", () => {
    expect(reportReminderKey("uppfoljning", "2026H2", "org-1", offsetStep(-7))).toBe("report:uppfoljning:2026H2:org-1:offset-7");
    expect(offsetStep(0)).toBe("offset0");
    expect(offsetStep(2)).toBe("offset+2");
  });
});

describe("the written-extension deadline", () => {
  const partnership = {
    id: "eu",
    name: "EU",
    timeZone: zone,
    locale: "sv" as const,
    periodStart: "2019-05-01",
    periodEnd: "2020-04-30",
    extensionUntil: "2022-04-30",
    extensionDeadline: "02-01",
  };

  it("is the next 1 February inside the current agreement period", () => {
    expect(nextExtensionDeadline(partnership, "2019-11-20")).toBe("2020-02-01");
    expect(nextExtensionDeadline(partnership, "2020-02-01")).toBe("2020-02-01");
    expect(nextExtensionDeadline(partnership, "2020-02-02")).toBeUndefined();
  });

  it("belongs to the last year of a longer period, and moves when the agreement is extended", () => {
    expect(nextExtensionDeadline({ ...partnership, periodEnd: "2021-04-30" }, "2019-11-20")).toBe("2021-02-01");
    expect(nextExtensionDeadline({ ...partnership, periodEnd: "2020-12-31" }, "2019-11-20")).toBe("2020-02-01");
  });

  it("does not exist when the agreement cannot be extended further", () => {
    expect(nextExtensionDeadline({ ...partnership, periodEnd: "2022-04-30", periodStart: "2021-05-01" }, "2021-11-20")).toBeUndefined();
    expect(nextExtensionDeadline({ ...partnership, extensionDeadline: null }, "2019-11-20")).toBeUndefined();
  });
});
