/**
 * Planning five years of meetings for BENCH_PARTNERSHIPS partnerships (a styrgrupp every two months and a monthly
 * samverkansgrupp each, with July and Christmas blacked out, patterns varied), with Samverka's planner — and, as
 * the floor, the same meetings' nominal dates and instants computed directly (nth weekday of the month in the
 * partnership's time zone, no holidays, blackouts or cadence rules). Reports both times and counts over IPC.
 */
import { DateTime } from "luxon";
import { planCadence } from "../../../src/meetings/cadence-plan.ts";
import type { MeetingSettings } from "../../../src/meetings/meeting-settings.ts";

const partnerships = Number(process.env.BENCH_PARTNERSHIPS);
const FROM = "2027-01-01";
const UNTIL = "2031-12-31";
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const ZONE = "Europe/Stockholm";

function groups(i: number): { settings: MeetingSettings; months: number }[] {
  const base = { terms: [], blackouts: [{ from: "07-01", to: "07-31", label: "juli" }, { from: "12-21", to: "01-06", label: "jul och nyår" }], inviteDaysBefore: 14, agendaRequestDaysBefore: 10, agendaSendDaysBefore: 3 };
  return [
    { months: 2, settings: { ...base, pattern: { weekday: WEEKDAYS[i % 5]!, week: (i % 4) + 1, time: "13:00", durationMinutes: 120, everyMonths: 2 } } },
    { months: 1, settings: { ...base, pattern: { weekday: WEEKDAYS[(i + 2) % 5]!, week: ((i + 1) % 4) + 1, time: "10:00", durationMinutes: 90 } } },
  ];
}

function plan(): number {
  let meetings = 0;
  for (let i = 0; i < partnerships; i++) {
    for (const g of groups(i)) meetings += planCadence({ settings: g.settings, cadence: { kind: "months", months: g.months }, timeZone: ZONE, from: FROM, until: UNTIL }).meetings.length;
  }
  return meetings;
}

function nominal(): number {
  let meetings = 0;
  for (let i = 0; i < partnerships; i++) {
    for (const g of groups(i)) {
      const weekday = WEEKDAYS.indexOf(g.settings.pattern.weekday as (typeof WEEKDAYS)[number]) + 1;
      const [hour, minute] = g.settings.pattern.time.split(":").map(Number) as [number, number];
      for (let month = DateTime.fromISO(FROM, { zone: ZONE }); month <= DateTime.fromISO(UNTIL, { zone: ZONE }); month = month.plus({ months: g.settings.pattern.everyMonths ?? g.months })) {
        const first = month.startOf("month");
        const day = 1 + ((weekday - first.weekday + 7) % 7) + ((g.settings.pattern.week as number) - 1) * 7;
        if (day > first.daysInMonth!) continue;
        first.set({ day, hour, minute }).toJSDate();
        meetings += 1;
      }
    }
  }
  return meetings;
}

function time(fn: () => number): { ms: number; meetings: number } {
  const start = performance.now();
  const meetings = fn();
  return { ms: performance.now() - start, meetings };
}

// One warm-up pass of each, so both are measured with their code compiled.
time(plan);
time(nominal);
const planned = time(plan);
const floor = time(nominal);
process.send?.({ type: "ready" });
process.send?.({ type: "finished", planned, floor });
