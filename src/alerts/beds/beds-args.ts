import type { CommandWords } from "../../app/feature.ts";
import type { BedCounts } from "./report-beds.ts";

/** The words of the bed-board command. */
export const BEDS_WORDS: CommandWords = { sv: ["platser"], en: ["beds"] };

/** What `platser …` asked for: the board, or a report of counts. */
export type BedsRequest = { kind: "show" } | { kind: "report"; counts: BedCounts } | { kind: "invalid"; token: string };

const FREE = new Set(["lediga", "ledig", "free"]);
const WOMEN = new Set(["kvinnor", "kvinnoplatser", "women"]);
const AWAY = new Set(["nekade", "nej", "fick-nej", "turned-away", "away", "refused"]);
const FULL = new Set(["fullt", "full"]);

/**
 * Parses the words after `platser`: nothing shows the board; `12 lediga`, `fullt`, `3 kvinnor` (free women's places)
 * and `4 nekade` (turned away so far tonight) report, in any order. Numbers only: nothing here can carry a name.
 */
export function parseBedsArgs(args: string): BedsRequest {
  const tokens = args
    .toLowerCase()
    .replace(/fick nej/g, "fick-nej")
    .replace(/turned away/g, "turned-away")
    .split(/\s+/)
    .filter(Boolean);
  if (tokens.length === 0) return { kind: "show" };
  const counts: BedCounts = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (FULL.has(token)) {
      counts.free = 0;
      counts.freeWomen = 0;
      continue;
    }
    if (!/^\d{1,5}$/.test(token)) return { kind: "invalid", token };
    const word = tokens[i + 1];
    const n = Number(token);
    if (word !== undefined && FREE.has(word)) counts.free = n;
    else if (word !== undefined && WOMEN.has(word)) counts.freeWomen = n;
    else if (word !== undefined && AWAY.has(word)) counts.turnedAway = n;
    else return { kind: "invalid", token: word ?? token };
    i++;
  }
  return { kind: "report", counts };
}
