import fc from "fast-check";
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { planCadence, type CadencePlan, type CadencePlanInput } from "../../../src/meetings/cadence-plan.ts";
import type { MeetingSettings } from "../../../src/meetings/meeting-settings.ts";
import { termWindows } from "../../../src/meetings/term-plan.ts";

const ZONE = "Europe/Stockholm";
const julyAndChristmas = [
  { from: "07-01", to: "07-31", label: "juli" },
  { from: "12-21", to: "01-06", label: "jul och nyår" },
];

function settings(overrides: Partial<Omit<MeetingSettings, "pattern">> & { pattern?: Partial<MeetingSettings["pattern"]> } = {}): MeetingSettings {
  return {
    terms: [{ from: "01-15", to: "06-10" }],
    blackouts: [],
    inviteDaysBefore: 14,
    agendaRequestDaysBefore: 10,
    agendaSendDaysBefore: 3,
    ...overrides,
    pattern: { weekday: "tuesday", week: 2, time: "13:00", durationMinutes: 120, everyMonths: 2, ...overrides.pattern },
  };
}

// Independent of the code under test: date-holidays' public days plus the three de facto days off by their rule.
const holidays = new Holidays("SE");
const dayOffCache = new Map<string, boolean>();
function isDayOff(date: string): boolean {
  if (!dayOffCache.has(date)) dayOffCache.set(date, computeDayOff(date));
  return dayOffCache.get(date)!;
}
function computeDayOff(date: string): boolean {
  const md = date.slice(5);
  if (md === "12-24" || md === "12-31") return true;
  const d = new Date(`${date}T12:00:00Z`);
  if (d.getUTCDay() === 5 && md >= "06-19" && md <= "06-25") return true; // midsommarafton
  const found = holidays.isHoliday(d);
  return Array.isArray(found) && found.some((h) => h.type === "public");
}

function inBlackout(date: string, blackouts: MeetingSettings["blackouts"]): boolean {
  const md = date.slice(5);
  return blackouts.some((b) => (b.from <= b.to ? md >= b.from && md <= b.to : md >= b.from || md <= b.to));
}

// EU rule: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
function expectedStockholmOffset(at: Date): string {
  const year = at.getUTCFullYear();
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d;
  };
  return at >= lastSunday(2) && at < lastSunday(9) ? "GMT+02:00" : "GMT+01:00";
}

const localFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "longOffset",
});

function localParts(at: Date): { date: string; time: string; offset: string } {
  const parts = localFormat.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}`, offset: get("timeZoneName") };
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

const startDate = fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const pattern = fc.record({
  weekday: fc.constantFrom("monday", "tuesday", "wednesday", "thursday", "friday" as const),
  week: fc.constantFrom(1, 2, 3, 4, "last" as const),
  time: fc.constantFrom("08:30", "09:00", "13:00", "15:30", "17:45"),
});

function plusMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function checkCommonRules(plan: CadencePlan, input: CadencePlanInput): void {
  for (const m of plan.meetings) {
    expect(isDayOff(m.date), `${m.date} is a day off`).toBe(false);
    expect(inBlackout(m.date, input.settings.blackouts), `${m.date} is in a blackout`).toBe(false);
    expect([0, 6]).not.toContain(new Date(`${m.date}T12:00:00Z`).getUTCDay());
    const local = localParts(m.startsAt);
    expect(local).toEqual({ date: m.date, time: input.settings.pattern.time, offset: expectedStockholmOffset(m.startsAt) });
    expect(m.date >= input.from && m.date <= input.until).toBe(true);
  }
}

describe("planning meetings by cadence", () => {
  it("never leaves N calendar months without a meeting, never meets on a holiday or blackout, and keeps local times across DST", () => {
    fc.assert(
      fc.property(startDate, pattern, fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 3 }), (from, p, limit, every) => {
        const input: CadencePlanInput = {
          settings: settings({ pattern: { ...p, everyMonths: every }, blackouts: julyAndChristmas }),
          cadence: { kind: "months", months: limit },
          timeZone: ZONE,
          from,
          until: plusMonths(from, 24),
        };
        const plan = planCadence(input);
        checkCommonRules(plan, input);
        expect(plan.meetings.length).toBeGreaterThan(0);
        for (let i = 1; i < plan.meetings.length; i++) {
          const [a, b] = [plan.meetings[i - 1]!.date, plan.meetings[i]!.date];
          expect(b > a).toBe(true);
          const gap = monthIndex(b) - monthIndex(a);
          // Only a monthly cadence against the July blackout is impossible, and the plan must then say so.
          const warned = plan.warnings.some((w) => w.kind === "gap-too-long" && w.after === a && w.date === b);
          if (gap > limit) expect(warned, `${a} → ${b} exceeds ${limit} months without a warning`).toBe(true);
          else expect(warned).toBe(false);
        }
        if (limit >= 2) expect(plan.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the gap from the group's previous meeting, even when the pattern lands in a blackout", () => {
    fc.assert(
      fc.property(startDate, pattern, (from, p) => {
        const previous = plusMonths(from, -1);
        const input: CadencePlanInput = {
          settings: settings({ pattern: { ...p, everyMonths: 2 }, blackouts: julyAndChristmas }),
          cadence: { kind: "months", months: 2 },
          timeZone: ZONE,
          from,
          until: plusMonths(from, 12),
          previous,
        };
        const plan = planCadence(input);
        checkCommonRules(plan, input);
        const first = plan.meetings[0]!.date;
        // Only when every suitable day left before the deadline lies before `from` may the gap run over, and then it is said.
        const warned = plan.warnings.some((w) => w.kind === "gap-too-long" && w.after === previous && w.date === first);
        expect(monthIndex(first) - monthIndex(previous) <= 2 || warned).toBe(true);
        expect(plan.warnings.filter((w) => w.kind === "gap-too-long" && w.after !== previous)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("holds one meeting in every school term", () => {
    fc.assert(
      fc.property(startDate, pattern, (from, p) => {
        const terms = [{ from: "01-15", to: "06-10" }, { from: "08-20", to: "12-15" }];
        const input: CadencePlanInput = {
          settings: settings({ pattern: p, terms, blackouts: julyAndChristmas }),
          cadence: { kind: "term" },
          timeZone: ZONE,
          from,
          until: plusMonths(from, 36),
        };
        const plan = planCadence(input);
        checkCommonRules(plan, input);
        // A term already under way when planning starts may have no suitable day left; every later one must not.
        expect(plan.warnings.filter((w) => w.kind === "term-without-meeting" && w.termFrom >= from)).toEqual([]);
        for (const term of termWindows(terms, from, input.until).filter((t) => t.from >= from && t.to <= input.until)) {
          const inside = plan.meetings.filter((m) => m.date >= term.from && m.date <= term.to);
          expect(inside, `term ${term.from}–${term.to}`).toHaveLength(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("moves a meeting on Kristi himmelsfärdsdag to the next working day", () => {
    const plan = planCadence({
      settings: settings({ pattern: { weekday: "thursday", week: 2, everyMonths: 1 } }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2026-05-01",
      until: "2026-05-31",
    });
    expect(plan.meetings.map((m) => [m.date, m.adjustment])).toEqual([["2026-05-15", "moved-forward"]]);
  });

  it("pulls the July meeting of an every-other-month group into June", () => {
    const plan = planCadence({
      settings: settings({ blackouts: julyAndChristmas }),
      cadence: { kind: "months", months: 2 },
      timeZone: ZONE,
      from: "2026-05-01",
      until: "2026-10-31",
    });
    expect(plan.meetings.map((m) => m.date)).toEqual(["2026-05-12", "2026-06-09", "2026-08-11", "2026-10-13"]);
    expect(plan.meetings[1]!.adjustment).toBe("pulled-earlier");
  });

  it("says so when a blackout makes a monthly cadence impossible", () => {
    const plan = planCadence({
      settings: settings({ pattern: { everyMonths: 1 }, blackouts: julyAndChristmas }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2026-06-01",
      until: "2026-08-31",
    });
    expect(plan.meetings.map((m) => m.date)).toEqual(["2026-06-09", "2026-08-03"]);
    expect(plan.warnings).toEqual([{ kind: "gap-too-long", after: "2026-06-09", date: "2026-08-03", limitMonths: 1 }]);
  });

  it("keeps 13.00 local on both sides of the autumn DST switch", () => {
    const plan = planCadence({
      settings: settings({ pattern: { weekday: "monday", week: "last", everyMonths: 1 } }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2026-10-01",
      until: "2026-11-30",
    });
    expect(plan.meetings.map((m) => m.startsAt.toISOString())).toEqual(["2026-10-26T12:00:00.000Z", "2026-11-30T12:00:00.000Z"]);
  });
});
