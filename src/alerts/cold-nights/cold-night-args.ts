import { DateTime } from "luxon";
import type { CommandWords } from "../../app/feature.ts";
import { currentNight, nextDay } from "./cold-night.ts";

/** The words of the cold-night command. */
export const COLD_NIGHT_WORDS: CommandWords = { sv: ["kallnatt"], en: ["cold-night", "coldnight"] };

/** What `kallnatt …` asked for. */
export type ColdNightRequest =
  | { kind: "declare"; night: string; temperatureC: number | undefined }
  /** In the small hours "tonight" is ambiguous: the night under way, or the coming evening's. */
  | { kind: "ask"; nights: [underWay: string, coming: string]; temperatureC: number | undefined }
  /** `night` undefined: the alert the person means (the open one), not a date. */
  | { kind: "close"; night: string | undefined }
  | { kind: "acknowledge"; night: string | undefined }
  | { kind: "invalid"; token: string };

const CLOSE_WORDS = new Set(["stäng", "stang", "avsluta", "close"]);
const ACKNOWLEDGE_WORDS = new Set(["kvittera", "ack", "acknowledge"]);
const UNDER_WAY_WORDS = new Set(["inatt"]);
const EVENING_WORDS = new Set(["ikväll", "ikvall", "idag", "tonight", "today"]);
const TOMORROW_WORDS = new Set(["imorgon", "imorn", "tomorrow"]);
// From midnight to this hour "kallnatt" and "i kväll" could mean the night under way or the coming evening's: ask.
// From it on they mean the coming evening (at 07.00 nobody declares a night that ends at 09.00).
const MORNING_HOUR = 6;
// "-9", "−9", "-9,5", "-9.5°", "-9 °C": the temperature, in any order with the date.
const TEMPERATURE = /^([-−–+]?\d{1,2}(?:[.,]\d)?)(?:°c?|c)?$/i;

/**
 * Parses the words after `kallnatt`: an optional `stäng`/`close` or `kvittera`/`acknowledge`, an optional night
 * (ISO date, `i natt`, `i kväll`, `i morgon`) and an optional temperature. `i natt` is the night under way; `i kväll`
 * (or no night) the coming evening, except between 00.00 and 06.00, when it asks which; `i morgon` the evening after.
 * Without a date, close and acknowledge mean the open alert, whichever night it is.
 */
export function parseColdNightArgs(args: string, now: Date, timeZone: string, closeTime: string): ColdNightRequest {
  const underWay = currentNight(now, timeZone, closeTime);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const smallHours = local.hour < MORNING_HOUR;
  const today = local.toISODate()!;
  let night: string | undefined;
  let ambiguous = false;
  let temperatureC: number | undefined;
  let close = false;
  let acknowledge = false;
  // "i kväll" / "i morgon" come as two words; glue them so each is one token.
  const tokens = args
    .toLowerCase()
    .replace(/\bi (kväll|kvall|natt|dag|morgon|morn)\b/g, "i$1")
    .replace(/\s*°\s*c\b/g, "°c")
    .split(/\s+/)
    .filter(Boolean);
  for (const token of tokens) {
    const temperature = TEMPERATURE.exec(token);
    if (CLOSE_WORDS.has(token)) close = true;
    else if (ACKNOWLEDGE_WORDS.has(token)) acknowledge = true;
    else if (UNDER_WAY_WORDS.has(token)) night = underWay;
    else if (EVENING_WORDS.has(token)) [night, ambiguous] = [today, smallHours];
    else if (TOMORROW_WORDS.has(token)) night = nextDay(smallHours ? underWay : today);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(token) && DateTime.fromISO(token).isValid) night = token;
    else if (temperature !== null && temperatureC === undefined) temperatureC = Number(temperature[1]!.replace(/[−–]/, "-").replace(",", "."));
    else return { kind: "invalid", token };
  }
  if (close) return { kind: "close", night };
  if (acknowledge) return { kind: "acknowledge", night };
  if (((night === undefined && smallHours) || ambiguous) && underWay !== today) return { kind: "ask", nights: [underWay, today], temperatureC };
  return { kind: "declare", night: night ?? today, temperatureC };
}
