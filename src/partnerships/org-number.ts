/** A Swedish organisation number as written in the city's decisions: `NNNNNN-NNNN`. */
export const ORG_NUMBER_PATTERN = /^[0-9]{6}-[0-9]{4}$/;

/** Whether the last of the ten digits is the Luhn check digit of the first nine (as Bolagsverket assigns them). */
export function hasValidCheckDigit(orgNumber: string): boolean {
  const digits = orgNumber.replace("-", "");
  if (!/^[0-9]{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const doubled = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}
