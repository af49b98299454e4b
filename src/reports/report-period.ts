import { DateTime } from "luxon";

/** How long a reporting period is; `contract-year` follows the agreement's start date. */
export const PERIOD_KINDS = ["month", "quarter", "half-year", "year", "contract-year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** One reporting period: its label (2026-11, 2026Q4, 2026H2, 2026, 2019/20) and inclusive local dates. */
export interface ReportPeriod {
  kind: PeriodKind;
  label: string;
  start: string;
  end: string;
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const iso = (d: DateTime) => d.toISODate()!;

/** The period of `kind` that contains the local date `date`; `contractStart` is the agreement's MM-DD. */
export function periodContaining(kind: PeriodKind, date: string, contractStart = "01-01"): ReportPeriod {
  const d = utc(date);
  switch (kind) {
    case "month":
      return make(kind, d.startOf("month"), 1, d.toFormat("yyyy-MM"));
    case "quarter":
      return make(kind, d.startOf("quarter"), 3, `${d.year}Q${d.quarter}`);
    case "half-year": {
      const half = d.month <= 6 ? 1 : 2;
      return make(kind, DateTime.utc(d.year, half === 1 ? 1 : 7, 1), 6, `${d.year}H${half}`);
    }
    case "year":
      return make(kind, d.startOf("year"), 12, String(d.year));
    case "contract-year": {
      const [month, day] = contractStart.split("-").map(Number) as [number, number];
      let start = DateTime.utc(d.year, month, day);
      if (start > d) start = start.minus({ years: 1 });
      return make(kind, start, 12, contractYearLabel(start));
    }
  }
}

function make(kind: PeriodKind, start: DateTime, months: number, label: string): ReportPeriod {
  return { kind, label, start: iso(start), end: iso(start.plus({ months }).minus({ days: 1 })) };
}

function contractYearLabel(start: DateTime): string {
  if (start.month === 1 && start.day === 1) return String(start.year);
  return `${start.year}/${String((start.year + 1) % 100).padStart(2, "0")}`;
}

/** The period right before `period`. */
export function previousPeriod(period: ReportPeriod, contractStart = "01-01"): ReportPeriod {
  return periodContaining(period.kind, iso(utc(period.start).minus({ days: 1 })), contractStart);
}

/** The period right after `period`. */
export function nextPeriod(period: ReportPeriod, contractStart = "01-01"): ReportPeriod {
  return periodContaining(period.kind, iso(utc(period.end).plus({ days: 1 })), contractStart);
}

/** Reads a period label as a person types it (2026H2, 2026-h2, 2026Q4, 2026-11, 2026, 2019/20). */
export function parsePeriodLabel(label: string, contractStart = "01-01"): ReportPeriod | undefined {
  const text = label.trim().toUpperCase().replace(/\s+/g, "");
  let m = /^(\d{4})-?H([12])$/.exec(text);
  if (m !== null) return periodContaining("half-year", `${m[1]}-${m[2] === "1" ? "01" : "07"}-01`);
  m = /^(\d{4})-?Q([1-4])$/.exec(text);
  if (m !== null) return periodContaining("quarter", `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`);
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m !== null) return periodContaining("month", `${m[1]}-${m[2]}-01`);
  m = /^(\d{4})\/(\d{2})$/.exec(text);
  if (m !== null && (Number(m[1]) + 1) % 100 === Number(m[2])) return periodContaining("contract-year", `${m[1]}-${contractStart}`, contractStart);
  m = /^(\d{4})$/.exec(text);
  if (m !== null) return periodContaining("year", `${m[1]}-01-01`);
  return undefined;
}

/** The local date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return iso(utc(date).plus({ days }));
}

/** The instant of a local wall-clock time on a local date in `timeZone` (DST-safe). */
export function localInstant(date: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
}

/** The local date of an instant in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}
