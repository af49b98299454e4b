/**
 * Whether the last of `digits` is the Luhn (mod 10) check digit of the others: the rule behind both
 * personnummer and organisation numbers. Counting from the right, every second digit is doubled.
 */
export function hasLuhnCheckDigit(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const doubled = Number(digits[digits.length - 1 - i]) * (i % 2 === 1 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}
