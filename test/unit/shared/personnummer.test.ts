import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsPersonnummer, findPersonnummer, isValidPersonnummer } from "../../../src/shared/personnummer.ts";

/** Appends the Luhn check digit to nine digits YYMMDDNNN. */
function withCheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${nine}${(10 - (sum % 10)) % 10}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const validNumber = fc
  .record({
    year: fc.integer({ min: 1901, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 0, max: 999 }),
    samordning: fc.boolean(),
    long: fc.boolean(),
    separator: fc.constantFrom("-", "", "+"),
  })
  .map(({ year, month, day, serial, samordning, long, separator }) => {
    const ten = withCheckDigit(`${pad(year % 100)}${pad(month)}${pad(samordning ? day + 60 : day)}${pad(serial, 3)}`);
    const head = long ? `${Math.floor(year / 100)}${ten.slice(0, 6)}` : ten.slice(0, 6);
    return { text: `${head}${separator}${ten.slice(6)}`, kind: samordning ? "samordningsnummer" : "personnummer" };
  });

describe("personnummer", () => {
  it("finds the usual written forms of a valid number", () => {
    for (const text of ["811218-9876", "8112189876", "19811218-9876", "198112189876", "121212+1212"]) {
      expect(findPersonnummer(`Gästen ${text} kom in`)).toEqual([{ index: 7, text, kind: "personnummer" }]);
    }
  });

  it("recognises a samordningsnummer (day of birth plus 60)", () => {
    expect(findPersonnummer("701063-2391")).toEqual([{ index: 0, text: "701063-2391", kind: "samordningsnummer" }]);
  });

  it("ignores a number whose check digit is wrong", () => {
    expect(containsPersonnummer("811218-9875")).toBe(false);
    expect(containsPersonnummer("19811218-9877")).toBe(false);
  });

  it("ignores impossible dates even when the check digit fits", () => {
    // 811318-… has month 13; 810230-… is 30 February; both are given a Luhn-valid last digit.
    expect(containsPersonnummer(withCheckDigit("811318987"))).toBe(false);
    expect(containsPersonnummer(withCheckDigit("810230987"))).toBe(false);
    expect(containsPersonnummer(`20${withCheckDigit("010229123")}`)).toBe(false);
    expect(containsPersonnummer(`20${withCheckDigit("000229123")}`)).toBe(true);
  });

  it("does not pick a number out of a longer run of digits", () => {
    expect(containsPersonnummer("konto 98112189876")).toBe(false);
    expect(containsPersonnummer("ref 811218-98761")).toBe(false);
    expect(containsPersonnummer("21121212-1212")).toBe(false);
  });

  it("leaves ordinary incident text alone", () => {
    const text = "Hot mot personal i entrén kl. 23.40 den 2026-12-03, 2 personer, polis ringd 112, rapport 5000-K123456-26.";
    expect(findPersonnummer(text)).toEqual([]);
  });

  it("finds every number in a text, with its position", () => {
    const matches = findPersonnummer("a 811218-9876 och b 701063-2391.");
    expect(matches.map((m) => [m.index, m.kind])).toEqual([
      [2, "personnummer"],
      [20, "samordningsnummer"],
    ]);
  });

  it("validates a whole string only when it is exactly one number", () => {
    expect(isValidPersonnummer(" 19121212-1212 ")).toBe(true);
    expect(isValidPersonnummer("19121212-1212 x")).toBe(false);
    expect(isValidPersonnummer("121212-1213")).toBe(false);
  });

  it("finds any valid number wherever it sits in free text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", ".", "ö", "\n") }),
        validNumber,
        fc.string({ unit: fc.constantFrom("x", " ", ",") }),
        (before, number, after) => {
          const found = findPersonnummer(`${before}${number.text}${after}`);
          expect(found).toEqual([{ index: before.length, text: number.text, kind: number.kind }]);
        },
      ),
    );
  });

  it("refuses any single-digit change to a valid number", () => {
    fc.assert(
      fc.property(validNumber, fc.nat(), fc.integer({ min: 1, max: 9 }), (number, at, delta) => {
        const digits = [...number.text].map((c, i) => ({ c, i })).filter(({ c }) => /\d/.test(c));
        const { i } = digits[digits.length - 10 + (at % 10)]!;
        const changed = `${number.text.slice(0, i)}${(Number(number.text[i]) + delta) % 10}${number.text.slice(i + 1)}`;
        expect(isValidPersonnummer(changed)).toBe(false);
      }),
    );
  });
});
