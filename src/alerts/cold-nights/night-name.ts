import { DateTime } from "luxon";
import { createBoundedCache } from "../../shared/bounded-cache.ts";
import { createTranslator, type Catalogue, type Locale, type Translate } from "../../shared/i18n.ts";
import { nightMessages } from "./night-name.messages.ts";

/**
 * The night that starts on the evening of `night` (ISO date), said plainly: "natten mot fredag 4 december" (the
 * Swedish way: named by the morning it ends in) or "the night of Thursday 3 December". A bare date was misread in
 * the small hours; the weekday makes "which night" unmistakable.
 */
export function nightName(night: string, locale: Locale): string {
  return named.get(`${locale} ${night}`, () => sayNight(night, locale));
}

// Every copy of a card says its night several times, and fifty copies go at once: each night is said once per language.
const named = createBoundedCache<string>();

function sayNight(night: string, locale: Locale): string {
  const evening = DateTime.fromISO(night, { zone: "UTC" });
  if (!evening.isValid) return night;
  const t = createTranslator(nightMessages, locale);
  return locale === "sv"
    ? t("night", { day: evening.plus({ days: 1 }).setLocale("sv").toFormat("cccc d MMMM") })
    : t("night", { day: evening.setLocale("en-GB").toFormat("cccc d MMMM") });
}

/** A translator whose `night` parameter (an ISO date) is said as `nightName` says it. */
export function createNightTranslator<K extends string>(catalogue: Catalogue<K>, locale: Locale, timeZone?: string): Translate<K> {
  const t = createTranslator(catalogue, locale, timeZone);
  return (key, params = {}) => (typeof params.night === "string" ? t(key, { ...params, night: nightName(params.night, locale) }) : t(key, params));
}
