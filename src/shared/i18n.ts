import { DateTime } from "luxon";
import { createBoundedCache } from "./bounded-cache.ts";

/** The languages Samverka speaks: Swedish first, English second. */
export type Locale = "sv" | "en";

export const LOCALES: readonly Locale[] = ["sv", "en"];

type Params = Record<string, string | number | Date>;
type Entry = string | ((p: Params, f: Formatters) => string);

/** A catalogue: every key in Swedish and English. Each capability declares its own. */
export type Catalogue<K extends string> = Record<Locale, Record<K, Entry>>;

/** Formatting with Intl, in the member's locale and the partnership's time zone. */
export interface Formatters {
  locale: Locale;
  date(d: Date): string;
  time(d: Date): string;
  dateTime(d: Date): string;
  weekday(d: Date): string;
  week(d: Date): string;
  number(n: number): string;
  plural(n: number, one: string, other: string): string;
  list(items: string[]): string;
}

/** Translates one catalogue for one locale. */
export type Translate<K extends string> = (key: K, params?: Params) => string;

// Building Intl formatters costs far more than using them (the reminder bench's profile had it as the top Samverka
// frame, once per message); they hold no state, so each locale and time zone's are built once.
const formattersCache = createBoundedCache<Formatters>();

/** The formatters for a locale and time zone. Dates are ISO (2026-12-03), times "kl. 13.00" in Swedish. */
export function createFormatters(locale: Locale, timeZone: string): Formatters {
  return formattersCache.get(`${locale} ${timeZone}`, () => buildFormatters(locale, timeZone));
}

function buildFormatters(locale: Locale, timeZone: string): Formatters {
  const tag = locale === "sv" ? "sv-SE" : "en-GB";
  const dateFmt = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const timeFmt = new Intl.DateTimeFormat(tag, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const weekdayFmt = new Intl.DateTimeFormat(tag, { timeZone, weekday: "long" });
  const numberFmt = new Intl.NumberFormat(tag);
  const plurals = new Intl.PluralRules(tag);
  const listFmt = new Intl.ListFormat(tag, { style: "long", type: "conjunction" });
  const time = (d: Date): string => {
    const t = timeFmt.format(d);
    return locale === "sv" ? `kl. ${t.replace(":", ".")}` : t;
  };
  return {
    locale,
    date: (d) => dateFmt.format(d),
    time,
    dateTime: (d) => `${dateFmt.format(d)} ${time(d)}`,
    weekday: (d) => weekdayFmt.format(d),
    // luxon's weekNumber is the ISO 8601 week (Monday first, week 1 holds 4 January) of the date in `timeZone`.
    week: (d) => `${locale === "sv" ? "v." : "wk"} ${DateTime.fromJSDate(d, { zone: timeZone }).weekNumber}`,
    number: (n) => numberFmt.format(n),
    plural: (n, one, other) => (plurals.select(n) === "one" ? one : other),
    list: (items) => listFmt.format(items),
  };
}

/** Creates a translator for `catalogue` in `locale`, falling back to Swedish for a missing key. */
export function createTranslator<K extends string>(catalogue: Catalogue<K>, locale: Locale, timeZone = "Europe/Stockholm"): Translate<K> {
  const formatters = createFormatters(locale, timeZone);
  return (key, params = {}) => {
    const entry = catalogue[locale][key] ?? catalogue.sv[key];
    if (typeof entry === "function") return entry(params, formatters);
    return entry.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) return `{${name}}`;
      if (value instanceof Date) return formatters.dateTime(value);
      return typeof value === "number" ? formatters.number(value) : value;
    });
  };
}
