import { hasLuhnCheckDigit } from "../shared/luhn.ts";

/** A Swedish organisation number as written in the city's decisions: `NNNNNN-NNNN`. */
export const ORG_NUMBER_PATTERN = /^[0-9]{6}-[0-9]{4}$/;

/** Whether the last of the ten digits is the Luhn check digit of the first nine (as Bolagsverket assigns them). */
export function hasValidCheckDigit(orgNumber: string): boolean {
  const digits = orgNumber.replace("-", "");
  return digits.length === 10 && hasLuhnCheckDigit(digits);
}
