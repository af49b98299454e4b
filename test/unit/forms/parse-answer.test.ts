import { describe, expect, it } from "vitest";
import { parseAnswer, type Field } from "../../../src/forms/index.ts";
import { visitorsForm } from "./fixture-form.ts";

const field = (id: string): Field => visitorsForm.fields.find((f) => f.id === id)!;

describe("parseAnswer", () => {
  it("reads Swedish number notation with spaces and a decimal comma", () => {
    expect(parseAnswer(field("cost"), "12 500,50 kr")).toEqual({ ok: true, value: 12500.5 });
    expect(parseAnswer(field("cost"), "12500:-")).toEqual({ ok: true, value: 12500 });
    expect(parseAnswer(field("share"), "87,5")).toEqual({ ok: true, value: 87.5 });
  });

  it("refuses a fraction where a whole number is asked, and numbers out of bounds", () => {
    expect(parseAnswer(field("total"), "12,5")).toEqual({ ok: false, problem: { code: "not_whole" } });
    // A word where a count is asked gets the same problem as a fraction, so the two refusals never disagree.
    expect(parseAnswer(field("total"), "tolv")).toEqual({ ok: false, problem: { code: "not_whole" } });
    expect(parseAnswer(field("share"), "tolv")).toEqual({ ok: false, problem: { code: "not_a_number" } });
    expect(parseAnswer(field("cost"), "tolv")).toEqual({ ok: false, problem: { code: "not_an_amount" } });
    expect(parseAnswer(field("total"), "-1")).toEqual({ ok: false, problem: { code: "below_min", min: 0 } });
    expect(parseAnswer(field("share"), "101")).toEqual({ ok: false, problem: { code: "above_max", max: 100 } });
    expect(parseAnswer(field("cost"), "10,505")).toEqual({ ok: false, problem: { code: "too_many_decimals", decimals: 2 } });
  });

  it("accepts a choice by number or label in either language, and stores multichoice in definition order", () => {
    expect(parseAnswer(field("season"), "2")).toEqual({ ok: true, value: "summer" });
    expect(parseAnswer(field("season"), "winter")).toEqual({ ok: true, value: "winter" });
    expect(parseAnswer(field("season"), "Vinter")).toEqual({ ok: true, value: "winter" });
    expect(parseAnswer(field("season"), "3")).toMatchObject({ ok: false, problem: { code: "unknown_choice" } });
    expect(parseAnswer(field("kinds"), "våld, 1")).toEqual({ ok: true, value: ["threat", "violence"] });
  });

  it("reads yes/no in Swedish and English and checks calendar dates", () => {
    expect(parseAnswer(field("incidents"), "Ja")).toEqual({ ok: true, value: true });
    expect(parseAnswer(field("incidents"), "no")).toEqual({ ok: true, value: false });
    expect(parseAnswer(field("incidents"), "kanske")).toEqual({ ok: false, problem: { code: "not_yes_no" } });
    expect(parseAnswer(field("from"), "2026-02-30")).toEqual({ ok: false, problem: { code: "not_a_date" } });
    expect(parseAnswer(field("from"), "2025-12-31")).toEqual({ ok: false, problem: { code: "date_before", min: "2026-01-01" } });
    expect(parseAnswer(field("from"), "20260301")).toEqual({ ok: true, value: "2026-03-01" });
  });

  it("refuses free text holding a personnummer, and text longer than allowed", () => {
    expect(parseAnswer(field("note"), "Gäst 811218-9876 kom tillbaka")).toEqual({ ok: false, problem: { code: "personnummer", found: "811218-****" } });
    expect(parseAnswer(field("note"), "x".repeat(201))).toEqual({ ok: false, problem: { code: "too_long", max: 200, length: 201 } });
    expect(parseAnswer(field("note"), "  Lugn månad, 42 gäster  ")).toEqual({ ok: true, value: "Lugn månad, 42 gäster" });
  });
});
