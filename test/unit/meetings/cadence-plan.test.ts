import fc from "fast-check";
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { findCadenceConflict } from "../../../src/meetings/cadence-conflicts.ts";
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
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});

function localParts(at: Date): { date: string; time: string; offset: string } {
  const parts = localFormat.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}`, offset: get("timeZoneName") };
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

const startDate = fc
  .date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// The last days of a month are where a window can start with no working day left in it: drawn often on purpose.
const monthEnd = fc
  .record({ year: fc.integer({ min: 2026, max: 2030 }), month: fc.integer({ min: 0, max: 11 }), back: fc.integer({ min: 0, max: 3 }) })
  .map(({ year, month, back }) => new Date(Date.UTC(year, month + 1, -back)).toISOString().slice(0, 10));
const anyStart = fc.oneof(startDate, monthEnd);
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

function checkCommonRules(plan: CadencePlan, input: CadencePlanInput, options: { allowBlackout?: boolean } = {}): void {
  for (const m of plan.meetings) {
    expect(isDayOff(m.date), `${m.date} is a day off`).toBe(false);
    if (options.allowBlackout !== true) expect(inBlackout(m.date, input.settings.blackouts), `${m.date} is in a blackout`).toBe(false);
    expect([0, 6]).not.toContain(new Date(`${m.date}T12:00:00Z`).getUTCDay());
    const local = localParts(m.startsAt);
    expect(local).toEqual({ date: m.date, time: input.settings.pattern.time, offset: expectedStockholmOffset(m.startsAt) });
    expect(m.date >= input.from && m.date <= input.until).toBe(true);
  }
}

// Independent of the planner: how many months not exempt lie strictly between two months.
function monthsWithoutBetween(a: number, b: number, exempt: MeetingSettings["exemptMonths"]): number {
  let count = 0;
  for (let m = a + 1; m < b; m++) {
    const ym = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    if (!(exempt ?? []).some((e) => e.month === (m % 12) + 1 || e.month === ym)) count++;
  }
  return count;
}

function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !isDayOff(date);
}

function datesOfMonth(month: number): string[] {
  const days: string[] = [];
  for (let d = new Date(Date.UTC(Math.floor(month / 12), month % 12, 1)); d.getUTCMonth() === month % 12; d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// Days from `date` to the nearest day outside every blackout.
function edgeDistance(date: string, blackouts: MeetingSettings["blackouts"]): number {
  for (let k = 0; ; k++) if (!inBlackout(shift(date, -k), blackouts) || !inBlackout(shift(date, k), blackouts)) return k;
}

const blackoutSets = fc.constantFrom<MeetingSettings["blackouts"]>(
  [],
  julyAndChristmas,
  [
    { from: "06-20", to: "08-20", label: "sommar" },
    { from: "12-21", to: "01-06", label: "jul" },
  ],
  [{ from: "07-01", to: "08-31", label: "två sommarmånader" }],
  [
    { from: "07-01", to: "07-31", label: "juli" },
    { from: "12-01", to: "12-31", label: "december" },
    { from: "04-01", to: "04-12", label: "påsk" },
  ],
);
const exemptionSets = fc.constantFrom<MeetingSettings["exemptMonths"]>(
  undefined,
  [{ month: 7, reason: "sommarstängt" }],
  [
    { month: 7, reason: "sommar" },
    { month: 8, reason: "sommar" },
  ],
  [{ month: "2028-07", reason: "flytt" }],
);

describe("planning meetings by cadence", () => {
  it("over five years from any start: no N months without a meeting, no weekend or holiday, same local time across DST, blackouts kept unless the cadence needs the month", () => {
    fc.assert(
      fc.property(
        anyStart,
        pattern,
        fc.constantFrom(1, 2, 3),
        fc.integer({ min: 1, max: 3 }),
        blackoutSets,
        exemptionSets,
        (from, p, limit, every, blackouts, exemptMonths) => {
          const input: CadencePlanInput = {
            settings: settings({ pattern: { ...p, everyMonths: Math.min(every, limit) }, blackouts, ...(exemptMonths === undefined ? {} : { exemptMonths }) }),
            cadence: { kind: "months", months: limit },
            timeZone: ZONE,
            from,
            until: plusMonths(from, 60),
          };
          const plan = planCadence(input);
          checkCommonRules(plan, input, { allowBlackout: true });
          expect(plan.warnings).toEqual([]);
          const dates = plan.meetings.map((m) => m.date);
          for (let i = 1; i < dates.length; i++) expect(dates[i]! > dates[i - 1]!).toBe(true);
          // The window's first month counts unless no working day of it is left on or after the start.
          const firstMonth = datesOfMonth(monthIndex(from)).some((d) => d >= from && isWorkingDay(d)) ? monthIndex(from) : monthIndex(from) + 1;
          const months = [firstMonth - 1, ...dates.map(monthIndex)];
          for (let i = 1; i < months.length; i++) {
            expect(monthsWithoutBetween(months[i - 1]!, months[i]!, exemptMonths), `${limit}: ${months[i - 1]} → ${dates[i - 1]}`).toBeLessThan(limit);
          }
          // After the last meeting, only the window's last (partial) month may still be waiting for its meeting.
          expect(monthsWithoutBetween(months.at(-1)!, monthIndex(input.until), exemptMonths)).toBeLessThan(limit);

          plan.meetings.forEach((m, i) => {
            if (!inBlackout(m.date, blackouts)) return;
            const lowest = i === 0 ? from : shift(dates[i - 1]!, 1);
            const month = monthIndex(m.date);
            const open = datesOfMonth(month).filter((d) => d >= lowest && isWorkingDay(d));
            expect(
              open.some((d) => !inBlackout(d, blackouts)),
              `${m.date}: the month had a day outside the blackout`,
            ).toBe(false);
            expect(
              (exemptMonths ?? []).some((e) => e.month === (month % 12) + 1 || e.month === m.date.slice(0, 7)),
              `${m.date} is exempt`,
            ).toBe(false);
            expect(Math.min(...open.map((d) => edgeDistance(d, blackouts))), `${m.date} is not nearest the blackout's edge`).toBe(
              edgeDistance(m.date, blackouts),
            );
            expect(m.adjustment).toBe("yielded");
            // The meeting was needed: without it the months either side would run past the cadence.
            const before = i === 0 ? firstMonth - 1 : monthIndex(dates[i - 1]!);
            const after = i + 1 < dates.length ? monthIndex(dates[i + 1]!) : undefined;
            if (after !== undefined) expect(monthsWithoutBetween(before, after, exemptMonths)).toBeGreaterThanOrEqual(limit);
          });
          for (const e of plan.exemptions) expect(dates.some((d) => d.startsWith(e.month))).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
    // Five years a run: generous, so a machine busy with other test files does not time it out.
  }, 120_000);

  it("keeps the gap from the group's previous meeting, even when the pattern lands in a blackout", () => {
    fc.assert(
      fc.property(anyStart, pattern, (from, p) => {
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
        checkCommonRules(plan, input, { allowBlackout: true });
        const first = plan.meetings[0]!.date;
        // A blackout day only when every working day from `from` to the cadence's deadline is blacked out.
        plan.meetings.forEach((m, i) => {
          if (!inBlackout(m.date, input.settings.blackouts)) return;
          const lowest = i === 0 ? from : shift(plan.meetings[i - 1]!.date, 1);
          const deadline = monthIndex(i === 0 ? previous : plan.meetings[i - 1]!.date) + 2;
          const open = [...Array(deadline - monthIndex(lowest) + 1).keys()]
            .flatMap((k) => datesOfMonth(monthIndex(lowest) + k))
            .filter((d) => d >= lowest && isWorkingDay(d));
          expect(
            open.some((d) => !inBlackout(d, input.settings.blackouts)),
            `${m.date}: a day outside the blackout was free before the deadline`,
          ).toBe(false);
          expect(m.adjustment).toBe("yielded");
        });
        // Only when every suitable day left before the deadline lies before `from` may the gap run over, and then it is said.
        const warned = plan.warnings.some((w) => w.kind === "gap-too-long" && w.after === previous && w.date === first);
        expect(monthIndex(first) - monthIndex(previous) <= 2 || warned).toBe(true);
        expect(plan.warnings.filter((w) => w.kind === "gap-too-long" && w.after !== previous)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("a window starting after June's last working day still gives a blacked-out July its yielded meeting (monthly group)", () => {
    const input: CadencePlanInput = {
      settings: settings({
        pattern: { weekday: "monday", week: 1, time: "08:30", everyMonths: 1 },
        blackouts: [
          { from: "07-01", to: "07-31", label: "juli" },
          { from: "12-21", to: "01-06", label: "jul och nyår" },
        ],
      }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2029-06-30",
      until: plusMonths("2029-06-30", 3),
    };
    expect(planCadence(input).meetings.some((m) => m.date.startsWith("2029-07"))).toBe(true);
  });

  it("holds one meeting in every school term", () => {
    fc.assert(
      fc.property(startDate, pattern, (from, p) => {
        const terms = [
          { from: "01-15", to: "06-10" },
          { from: "08-20", to: "12-15" },
        ];
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

  it("lets the July blackout yield for a monthly group: the meeting goes on July's working day nearest the blackout's edge", () => {
    const input: CadencePlanInput = {
      settings: settings({ pattern: { weekday: "thursday", week: 1, everyMonths: 1 }, blackouts: julyAndChristmas }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2027-06-01",
      until: "2027-08-31",
    };
    const plan = planCadence(input);
    // 2027-07-01 is a Thursday, the day after the blackout's first edge (30 June).
    expect(plan.meetings.map((m) => [m.date, m.adjustment])).toEqual([
      ["2027-06-03", "none"],
      ["2027-07-01", "yielded"],
      ["2027-08-05", "none"],
    ]);
    expect(plan.warnings).toEqual([]);
    expect(findCadenceConflict(input.settings, input.cadence, input.from, input.until)).toEqual({ kind: "months", cadenceMonths: 1, months: ["2027-07"] });
  });

  it("leaves an exempt July without a meeting and says why", () => {
    const input: CadencePlanInput = {
      settings: settings({
        pattern: { weekday: "thursday", week: 1, everyMonths: 1 },
        blackouts: julyAndChristmas,
        exemptMonths: [{ month: 7, reason: "Sommarstängt enligt styrgruppens beslut" }],
      }),
      cadence: { kind: "months", months: 1 },
      timeZone: ZONE,
      from: "2027-06-01",
      until: "2027-08-31",
    };
    const plan = planCadence(input);
    expect(plan.meetings.map((m) => m.date)).toEqual(["2027-06-03", "2027-08-05"]);
    expect(plan.exemptions).toEqual([{ month: "2027-07", reason: "Sommarstängt enligt styrgruppens beslut" }]);
    expect(findCadenceConflict(input.settings, input.cadence, input.from, input.until)).toBeUndefined();
  });

  it("does not call a one-month blackout a conflict for an every-other-month group, but does for a two-month one", () => {
    const every2 = { kind: "months" as const, months: 2 };
    expect(findCadenceConflict(settings({ blackouts: julyAndChristmas }), every2, "2027-01-01", "2028-12-31")).toBeUndefined();
    const twoMonths = settings({ blackouts: [{ from: "07-01", to: "08-31", label: "sommar" }] });
    expect(findCadenceConflict(twoMonths, every2, "2027-01-01", "2028-12-31")).toEqual({
      kind: "months",
      cadenceMonths: 2,
      months: ["2027-07", "2027-08", "2028-07", "2028-08"],
    });
    const plan = planCadence({ settings: twoMonths, cadence: every2, timeZone: ZONE, from: "2027-05-01", until: "2027-10-31" });
    // May, June, then the blackout yields on its last edge (31 August), then October.
    expect(plan.meetings.map((m) => [m.date, m.adjustment])).toEqual([
      ["2027-05-11", "none"],
      ["2027-06-08", "pulled-earlier"],
      ["2027-08-31", "yielded"],
      ["2027-10-12", "none"],
    ]);
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
