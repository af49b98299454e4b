import { hasLuhnCheckDigit } from "./luhn.ts";

/** A Swedish personal identity number found in free text. */
export interface PersonnummerMatch {
  /** Where the match starts in the text. */
  index: number;
  /** The matched characters, as written. */
  text: string;
  /** Samordningsnummer have 60 added to the day of birth. */
  kind: "personnummer" | "samordningsnummer";
}

// YYMMDD or YYYYMMDD, an optional separator ("-", "+" for 100+ years, or a space), four digits.
// Digits on either side would make it part of a longer number, e.g. an account number.
const CANDIDATE = /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{4})(?!\d)/g;

/** Every personnummer or samordningsnummer in `text` with a valid date and Luhn check digit. */
export function findPersonnummer(text: string): PersonnummerMatch[] {
  const found: PersonnummerMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century, yy, mm, dd, , serial] = m as unknown as [string, string | undefined, string, string, string, string, string];
    const kind = checkParts(century, yy, mm, dd, serial);
    if (kind !== undefined) found.push({ index: m.index, text: whole, kind });
  }
  return found;
}

/** Whether `text` contains at least one valid personnummer or samordningsnummer. */
export function containsPersonnummer(text: string): boolean {
  return findPersonnummer(text).length > 0;
}

/** Whether `candidate` as a whole is a valid personnummer or samordningsnummer. */
export function isValidPersonnummer(candidate: string): boolean {
  const trimmed = candidate.trim();
  const matches = findPersonnummer(trimmed);
  return matches.length === 1 && matches[0]!.text === trimmed;
}

function checkParts(century: string | undefined, yy: string, mm: string, dd: string, serial: string): PersonnummerMatch["kind"] | undefined {
  const month = Number(mm);
  const rawDay = Number(dd);
  const kind = rawDay > 60 ? "samordningsnummer" : "personnummer";
  const day = kind === "samordningsnummer" ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(century, Number(yy), month)) return undefined;
  if (century !== undefined && century !== "18" && century !== "19" && century !== "20") return undefined;
  // The check digit covers the ten-digit form YYMMDDNNNC, without the century.
  return hasLuhnCheckDigit(`${yy}${mm}${dd}${serial}`) ? kind : undefined;
}

function daysInMonth(century: string | undefined, yy: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  // Without the century, 00 may be 2000 (a leap year) or 1900 (not): give the benefit of the doubt.
  const year = century === undefined ? (yy === 0 ? 2000 : yy) : Number(century) * 100 + yy;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}
