import { DateTime } from "luxon";

/** One change of a zone's UTC offset: the instant, and the offsets before and after (minutes east of UTC). */
interface Transition {
  at: DateTime;
  from: number;
  to: number;
}

const HOUR_MS = 3_600_000;
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * The VTIMEZONE of an IANA zone around `year`, read from the runtime's zone data: RRULE observances when the zone
 * changes by a yearly weekday rule (EU, US, Australia: what Outlook expects), else each change of `year - 1` to
 * `year + 2` spelt out, or one STANDARD observance for a zone without changes. Clients that do not know the zone id
 * still convert every time correctly.
 */
export function vtimezoneLines(timeZone: string, year: number): string[] {
  const key = `${timeZone} ${year}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const transitions = findTransitions(timeZone, year - 1, year + 2);
  const body = transitions.length === 0 ? fixedOffset(timeZone, year) : (yearlyRules(timeZone, transitions) ?? spelledOut(timeZone, transitions));
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`, ...body, "END:VTIMEZONE"];
  cache.set(key, lines);
  return lines;
}

const cache = new Map<string, string[]>();

function fixedOffset(timeZone: string, year: number): string[] {
  const offset = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone }).offset;
  return observance("STANDARD", offset, offset, zoneName(timeZone, DateTime.fromObject({ year }, { zone: timeZone })), "19700101T000000");
}

// Weekly steps find the week of each change (no zone changes twice in a week); bisection finds its minute.
function findTransitions(timeZone: string, firstYear: number, lastYear: number): Transition[] {
  const found: Transition[] = [];
  let previous = DateTime.fromObject({ year: firstYear, month: 1, day: 1 }, { zone: "utc" });
  const end = DateTime.fromObject({ year: lastYear + 1, month: 1, day: 1 }, { zone: "utc" });
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
  while (previous < end) {
    const next = previous.plus({ days: 7 });
    const [a, b] = [offsetAt(previous.toMillis()), offsetAt(next.toMillis())];
    if (a !== b) {
      let [low, high] = [previous.toMillis(), next.toMillis()];
      while (high - low > 60_000) {
        const middle = Math.floor((low + high) / 2 / 60_000) * 60_000;
        if (offsetAt(middle) === a) low = middle;
        else high = middle;
      }
      found.push({ at: DateTime.fromMillis(high, { zone: "utc" }), from: a, to: b });
    }
    previous = next;
  }
  return found;
}

/** The yearly rule of a change: month, weekday, which of them in the month (-1 = the last), local time. */
function ruleOf(t: Transition): { month: number; weekday: number; ordinal: number; last: boolean; time: string } {
  const local = t.at.plus({ minutes: t.from });
  const daysInMonth = local.daysInMonth ?? 31;
  return { month: local.month, weekday: local.weekday, ordinal: Math.ceil(local.day / 7), last: local.day + 7 > daysInMonth, time: local.toFormat("HHmmss") };
}

function yearlyRules(timeZone: string, transitions: Transition[]): string[] | undefined {
  const kinds = [transitions.filter((t) => t.to > t.from), transitions.filter((t) => t.to < t.from)];
  if (kinds.some((k) => k.length === 0) || kinds[0]!.length !== kinds[1]!.length) return undefined;
  const lines: string[] = [];
  for (const [index, kind] of kinds.entries()) {
    const rules = kind.map(ruleOf);
    const first = rules[0]!;
    const same = (pick: (r: ReturnType<typeof ruleOf>) => unknown) => rules.every((r) => pick(r) === pick(first));
    const sameOffsets = kind.every((t) => t.from === kind[0]!.from && t.to === kind[0]!.to);
    if (!sameOffsets || !same((r) => r.month) || !same((r) => r.weekday) || !same((r) => r.time)) return undefined;
    const byLast = rules.every((r) => r.last);
    if (!byLast && !same((r) => r.ordinal)) return undefined;
    const ordinal = byLast ? -1 : first.ordinal;
    const start = nthWeekday(1970, first.month, first.weekday, ordinal).toFormat("yyyyMMdd") + `T${first.time}`;
    const rrule = `RRULE:FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${ordinal}${WEEKDAYS[first.weekday - 1]}`;
    const t = kind[0]!;
    lines.push(...observance(index === 0 ? "DAYLIGHT" : "STANDARD", t.from, t.to, zoneName(timeZone, t.at.plus({ hours: 1 })), start, rrule));
  }
  return lines;
}

function spelledOut(timeZone: string, transitions: Transition[]): string[] {
  return transitions.flatMap((t) => {
    const local = t.at.plus({ minutes: t.from }).toFormat("yyyyMMdd'T'HHmmss");
    const daylight = t.to > Math.min(...transitions.map((x) => Math.min(x.from, x.to)));
    return observance(daylight ? "DAYLIGHT" : "STANDARD", t.from, t.to, zoneName(timeZone, t.at.plus({ milliseconds: HOUR_MS })), local);
  });
}

function observance(kind: "STANDARD" | "DAYLIGHT", from: number, to: number, name: string, start: string, rrule?: string): string[] {
  return [
    `BEGIN:${kind}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `TZNAME:${name}`,
    `DTSTART:${start}`,
    ...(rrule === undefined ? [] : [rrule]),
    `END:${kind}`,
  ];
}

function nthWeekday(year: number, month: number, weekday: number, ordinal: number): DateTime {
  if (ordinal === -1) {
    const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (ordinal - 1) * 7 });
}

/** `+0100`, `-0530`. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

// The zone's abbreviation at an instant (CET, EST), in the first English locale that has one, else GMT+9.
function zoneName(timeZone: string, at: DateTime): string {
  for (const locale of ["en-GB", "en-US"]) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(at.toJSDate())
      .find((p) => p.type === "timeZoneName")?.value;
    if (name !== undefined && !/^GMT[+-−]/.test(name)) return name;
  }
  return (
    new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }).formatToParts(at.toJSDate()).find((p) => p.type === "timeZoneName")?.value ?? "UTC"
  );
}
