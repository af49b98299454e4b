import type { Catalogue } from "../../shared/i18n.ts";

/** Every message key of the forecast suggestion. */
export type ForecastKey =
  | "suggestTitle"
  | "suggestRunTitle"
  | "suggestIntro"
  | "suggestNight"
  | "suggestNightFeels"
  | "suggestThreshold"
  | "suggestThresholdFeels"
  | "suggestButton"
  | "suggestNote"
  | "unavailableTitle"
  | "unavailableBody";

const SV_COUNT = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"];
const EN_COUNT = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const count = (words: string[], n: number) => words[n] ?? String(n);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the forecast suggestion says, Swedish first. `{night}` is said as "natten mot söndag 8 februari". */
export const forecastMessages: Catalogue<ForecastKey> = {
  sv: {
    suggestTitle: "Kall natt i prognosen: {night}",
    suggestRunTitle: (p, f) =>
      `Kalla nätter i prognosen: ${count(SV_COUNT, Number(p.n))} nätter i rad under ${f.number(Number(p.threshold))} °C från ${String(p.weekday)}`,
    suggestIntro: (p, f) => `SMHI:s prognos (utfärdad ${f.dateTime(p.created as Date)}):`,
    suggestNight: (p, f) => `${cap(String(p.night))}: som lägst ${f.number(Number(p.air))} °C ${f.time(p.at as Date)}`,
    suggestNightFeels: (p, f) =>
      `${cap(String(p.night))}: känns som ${f.number(Number(p.feels))} °C ${f.time(p.at as Date)} (${f.number(Number(p.air))} °C i luften, och vind)`,
    suggestThreshold: (p, f) => `Tröskeln för extra kall natt är ${f.number(Number(p.threshold))} °C.`,
    suggestThresholdFeels: (p, f) =>
      `Tröskeln för extra kall natt är ${f.number(Number(p.threshold))} °C i upplevd temperatur (luft och vind, SMHI:s formel för vindavkylning).`,
    suggestButton: (p) => `Lys ut ${String(p.night)}`,
    suggestNote: "Samverka lyser aldrig ut på egen hand: det är ditt beslut, natt för natt.",
    unavailableTitle: "Prognosen saknas för {night}",
    unavailableBody: (p, f) =>
      `SMHI:s prognos gick inte att hämta efter ${f.number(Number(p.attempts))} försök. Kontrollera prognosen själv (smhi.se) och lys ut med kommandot kallnatt om det behövs.`,
  },
  en: {
    suggestTitle: "Cold night in the forecast: {night}",
    suggestRunTitle: (p, f) =>
      `Cold nights in the forecast: ${count(EN_COUNT, Number(p.n))} nights in a row below ${f.number(Number(p.threshold))} °C from ${String(p.weekday)}`,
    suggestIntro: (p, f) => `SMHI's forecast (issued ${f.dateTime(p.created as Date)}):`,
    suggestNight: (p, f) => `${cap(String(p.night))}: a low of ${f.number(Number(p.air))} °C at ${f.time(p.at as Date)}`,
    suggestNightFeels: (p, f) =>
      `${cap(String(p.night))}: feels like ${f.number(Number(p.feels))} °C at ${f.time(p.at as Date)} (${f.number(Number(p.air))} °C air, and wind)`,
    suggestThreshold: (p, f) => `The extra cold night threshold is ${f.number(Number(p.threshold))} °C.`,
    suggestThresholdFeels: (p, f) =>
      `The extra cold night threshold is ${f.number(Number(p.threshold))} °C feels-like (air and wind, SMHI's wind chill formula).`,
    suggestButton: (p) => `Declare ${String(p.night)}`,
    suggestNote: "Samverka never declares on its own: the decision is yours, night by night.",
    unavailableTitle: "No forecast for {night}",
    unavailableBody: (p, f) =>
      `SMHI's forecast could not be fetched after ${f.number(Number(p.attempts))} attempts. Check the forecast yourself (smhi.se) and declare with the cold-night command if needed.`,
  },
};
