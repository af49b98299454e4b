import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasValidCheckDigit } from "../../../src/partnerships/org-number.ts";

describe("organisation number check digit", () => {
  it.each(["802012-1581", "802006-1688", "802006-1019", "802003-1954"])("accepts %s, a partner of the Stockholm EU-citizens IOP", (n) => {
    expect(hasValidCheckDigit(n)).toBe(true);
  });

  it.each(["802490-6771", "802002-8638", "802002-8711"])("accepts %s from the youth partnership's decision", (n) => {
    expect(hasValidCheckDigit(n)).toBe(true);
  });

  it("refuses a number with one digit mistyped", () => {
    expect(hasValidCheckDigit("802012-1582")).toBe(false);
    expect(hasValidCheckDigit("802102-1581")).toBe(false);
  });

  it("refuses anything that is not ten digits", () => {
    expect(hasValidCheckDigit("802012-158")).toBe(false);
    expect(hasValidCheckDigit("80201x-1581")).toBe(false);
  });

  it("finds exactly one valid check digit for any nine digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (nine) => {
        const valid = [..."0123456789"].filter((d) => hasValidCheckDigit(`${nine.slice(0, 6)}-${nine.slice(6)}${d}`));
        expect(valid).toHaveLength(1);
      }),
    );
  });
});
