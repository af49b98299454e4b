import { createRequire } from "node:module";
import type HolidaysType from "date-holidays";
import type { MeetingSettings } from "./meeting-settings.ts";

/** A calendar date without a time or zone, `2026-12-03`. */
export type LocalDate = string;

/** Why a date cannot host a meeting. */
export type BlockedReason = { kind: "weekend" } | { kind: "holiday"; name: string } | { kind: "blackout"; label: string };

/** Which days a group can meet on: working days that are neither public holidays, de facto days off nor blacked out. */
export interface WorkingDays {
  /** Why `date` cannot host a meeting, or undefined when it can. */
  blockedReason(date: LocalDate): BlockedReason | undefined;
  isSuitable(date: LocalDate): boolean;
  /** Neither a weekend nor a public holiday or de facto day off (a blackout day can be a working day). */
  isWorkingDay(date: LocalDate): boolean;
  /** Whether `date` falls in one of the group's blackouts. */
  inBlackout(date: LocalDate): boolean;
}

// date-holidays lists Swedish public holidays as "public" and exactly the de facto days off
// (midsommarafton, julafton, nyårsafton) as "bank"; observances and half days stay working days.
const DAYS_OFF = new Set(["public", "bank"]);
const holidayCache = new Map<number, Map<LocalDate, string>>();
// Required on first use, synchronously like the calendar it serves: its data is megabytes a process that plans
// no meetings (a web process, an idle worker until 06.00) need not hold.
let Holidays: typeof HolidaysType | undefined;

/** Swedish public holidays and de facto days off in `year`, by date. */
export function swedishDaysOff(year: number): Map<LocalDate, string> {
  const cached = holidayCache.get(year);
  if (cached !== undefined) return cached;
  const days = new Map<LocalDate, string>();
  Holidays ??= createRequire(import.meta.url)("date-holidays") as typeof HolidaysType;
  for (const h of new Holidays("SE").getHolidays(year, "sv")) {
    if (DAYS_OFF.has(h.type)) days.set(h.date.slice(0, 10), h.name);
  }
  holidayCache.set(year, days);
  return days;
}

/** The working-day calendar for a group's blackouts. */
export function createWorkingDays(blackouts: MeetingSettings["blackouts"]): WorkingDays {
  const dayOff = (date: LocalDate): BlockedReason | undefined => {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (day === 0 || day === 6) return { kind: "weekend" };
    const holiday = swedishDaysOff(Number(date.slice(0, 4))).get(date);
    return holiday === undefined ? undefined : { kind: "holiday", name: holiday };
  };
  const blackoutOn = (date: LocalDate) => {
    const md = date.slice(5);
    return blackouts.find((b) => (b.from <= b.to ? md >= b.from && md <= b.to : md >= b.from || md <= b.to));
  };
  const blockedReason = (date: LocalDate): BlockedReason | undefined => {
    const off = dayOff(date);
    if (off !== undefined) return off;
    const blackout = blackoutOn(date);
    return blackout === undefined ? undefined : { kind: "blackout", label: blackout.label ?? `${blackout.from}–${blackout.to}` };
  };
  return {
    blockedReason,
    isSuitable: (date) => blockedReason(date) === undefined,
    isWorkingDay: (date) => dayOff(date) === undefined,
    inBlackout: (date) => blackoutOn(date) !== undefined,
  };
}

/** `date` plus `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  // Plain UTC arithmetic: calendar dates have no zone, and this runs in the planner's inner loops.
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
