import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAnswer, parseAnswer, parseFormDefinition, type Field } from "../../../src/forms/index.ts";

const form = parseFormDefinition({
  id: "p",
  title: { sv: "P", en: "P" },
  fields: [
    { id: "amount", type: "amount", label: { sv: "Belopp", en: "Amount" } },
    { id: "count", type: "integer", label: { sv: "Antal", en: "Count" } },
    { id: "share", type: "decimal", label: { sv: "Andel", en: "Share" }, decimals: 1 },
  ],
});
const field = (id: string): Field => form.fields.find((f) => f.id === id)!;
const locale = fc.constantFrom("sv" as const, "en" as const);

describe("numbers as the bot shows them read back as the same numbers", () => {
  it("amounts in kronor with öre, in Swedish and English notation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), locale, (ore, loc) => {
        const value = ore / 100;
        expect(parseAnswer(field("amount"), formatAnswer(field("amount"), value, loc), loc)).toEqual({ ok: true, value });
      }),
    );
  });

  it("whole numbers and one-decimal figures with thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), locale, (n, loc) => {
        expect(parseAnswer(field("count"), formatAnswer(field("count"), n, loc), loc)).toEqual({ ok: true, value: n });
        const tenth = n / 10;
        expect(parseAnswer(field("share"), formatAnswer(field("share"), tenth, loc), loc)).toEqual({ ok: true, value: tenth });
      }),
    );
  });
});
