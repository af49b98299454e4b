import type { Catalogue } from "../../shared/i18n.ts";

/** Every message key of the forecast suggestion. */
export type ForecastKey = "suggestTitle" | "suggestBody" | "suggestButton" | "suggestNote" | "unavailableTitle" | "unavailableBody";

/** What the forecast suggestion says, Swedish first. */
export const forecastMessages: Catalogue<ForecastKey> = {
  sv: {
    suggestTitle: "Kall natt i prognosen: {night}",
    suggestBody: (p, f) =>
      `SMHI:s prognos (utfärdad ${f.dateTime(p.created as Date)}) visar som lägst ${f.number(Number(p.min))} °C ${f.time(p.at as Date)} i natt. Tröskeln för extra kall natt är ${f.number(Number(p.threshold))} °C.`,
    suggestButton: "Lys ut extra kall natt",
    suggestNote: "Samverka lyser aldrig ut på egen hand: det är ditt beslut.",
    unavailableTitle: "Prognosen saknas för {night}",
    unavailableBody: (p, f) =>
      `SMHI:s prognos gick inte att hämta efter ${f.number(Number(p.attempts))} försök. Kontrollera prognosen själv (smhi.se) och lys ut med kommandot kallnatt om det behövs.`,
  },
  en: {
    suggestTitle: "Cold night in the forecast: {night}",
    suggestBody: (p, f) =>
      `SMHI's forecast (issued ${f.dateTime(p.created as Date)}) shows a low of ${f.number(Number(p.min))} °C at ${f.time(p.at as Date)} tonight. The extra cold night threshold is ${f.number(Number(p.threshold))} °C.`,
    suggestButton: "Declare an extra cold night",
    suggestNote: "Samverka never declares on its own: the decision is yours.",
    unavailableTitle: "No forecast for {night}",
    unavailableBody: (p, f) =>
      `SMHI's forecast could not be fetched after ${f.number(Number(p.attempts))} attempts. Check the forecast yourself (smhi.se) and declare with the cold-night command if needed.`,
  },
};
