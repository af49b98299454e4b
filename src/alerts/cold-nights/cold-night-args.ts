import { DateTime } from "luxon";
import { currentNight, nextDay } from "./cold-night.ts";

/** What `kallnatt …` asked for. */
export type ColdNightRequest =
  | { kind: "declare"; night: string; temperatureC: number | undefined }
  | { kind: "close"; night: string }
  | { kind: "acknowledge"; night: string }
  | { kind: "invalid"; token: string };

const CLOSE_WORDS = new Set(["stäng", "stang", "avsluta", "close"]);
const ACKNOWLEDGE_WORDS = new Set(["kvittera", "ack", "acknowledge"]);
const UNDER_WAY_WORDS = new Set(["inatt"]);
const EVENING_WORDS = new Set(["ikväll", "ikvall", "idag", "tonight", "today"]);
const TOMORROW_WORDS = new Set(["imorgon", "imorn", "tomorrow"]);
// Until this hour "i kväll" still means the evening under way; from it on, it is the coming evening (at 08.00
// on Sunday "i kväll" and "i morgon" mean Sunday's and Monday's nights, not Saturday's and Sunday's).
const MORNING_HOUR = 6;
// "-9", "−9", "-9,5", "-9.5°", "-9 °C": the temperature, in any order with the date.
const TEMPERATURE = /^([-−–+]?\d{1,2}(?:[.,]\d)?)(?:°c?|c)?$/i;

/**
 * Parses the words after `kallnatt`: an optional `stäng`/`close` or `kvittera`/`acknowledge`, an optional date (ISO, `ikväll`, `imorgon`)
 * and an optional temperature. Without a date, or with `i natt`, it means the night under way (until the close
 * time in the morning); `i kväll` is the coming evening once it is morning, and `i morgon` the evening after that.
 */
export function parseColdNightArgs(args: string, now: Date, timeZone: string, closeTime: string): ColdNightRequest {
  const underWay = currentNight(now, timeZone, closeTime);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const evening = local.hour < MORNING_HOUR ? underWay : local.toISODate()!;
  let night = underWay;
  let temperatureC: number | undefined;
  let close = false;
  let acknowledge = false;
  // "i kväll" / "i morgon" come as two words; glue them so each is one token.
  const tokens = args.toLowerCase().replace(/\bi (kväll|kvall|natt|dag|morgon|morn)\b/g, "i$1").replace(/\s*°\s*c\b/g, "°c").split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    const temperature = TEMPERATURE.exec(token);
    if (CLOSE_WORDS.has(token)) close = true;
    else if (ACKNOWLEDGE_WORDS.has(token)) acknowledge = true;
    else if (UNDER_WAY_WORDS.has(token)) night = underWay;
    else if (EVENING_WORDS.has(token)) night = evening;
    else if (TOMORROW_WORDS.has(token)) night = nextDay(evening);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(token) && DateTime.fromISO(token).isValid) night = token;
    else if (temperature !== null && temperatureC === undefined) temperatureC = Number(temperature[1]!.replace(/[−–]/, "-").replace(",", "."));
    else return { kind: "invalid", token };
  }
  if (close) return { kind: "close", night };
  return acknowledge ? { kind: "acknowledge", night } : { kind: "declare", night, temperatureC };
}
