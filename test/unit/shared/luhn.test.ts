import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasLuhnCheckDigit } from "../../../src/shared/luhn.ts";

describe("Luhn check digit", () => {
  it("accepts the textbook number and a personnummer, whether the length is odd or even", () => {
    expect(hasLuhnCheckDigit("79927398713")).toBe(true);
    expect(hasLuhnCheckDigit("8112189876")).toBe(true);
  });

  it("refuses a mistyped digit, two swapped neighbours and anything that is not digits", () => {
    expect(hasLuhnCheckDigit("79927398710")).toBe(false);
    expect(hasLuhnCheckDigit("8112189867")).toBe(false);
    expect(hasLuhnCheckDigit("811218-9876")).toBe(false);
    expect(hasLuhnCheckDigit("")).toBe(false);
  });

  it("finds exactly one check digit for any digits before it", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,15}$/), (body) => {
        expect([..."0123456789"].filter((d) => hasLuhnCheckDigit(body + d))).toHaveLength(1);
      }),
    );
  });
});
