import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPersonalDetails } from "../../../src/shared/personal-details.ts";

const kinds = (text: string) => findPersonalDetails(text).map((d) => [d.kind, d.text]);

describe("what looks like it points at a person in free text", () => {
  it("finds the issue's example: a name and a mobile number in an agenda item", () => {
    expect(kinds("Ring Maria Nilsson på 070-1234567")).toEqual([
      ["name", "Maria Nilsson"],
      ["phone", "070-1234567"],
    ]);
  });

  it("finds names by a common first name with a surname, a double-barrelled one or an initial", () => {
    expect(kinds("Mötet med Johan Ekström-Berg och Eva S. i morgon")).toEqual([
      ["name", "Johan Ekström-Berg"],
      ["name", "Eva S."],
    ]);
    expect(kinds("Åsa Öberg ringde")).toEqual([["name", "Åsa Öberg"]]);
  });

  it("finds Swedish phone numbers as people write them, and e-mail addresses", () => {
    for (const phone of ["08-123 456 78", "+46 70 123 45 67", "0046701234567", "070 123 45 67", "031-7001234"])
      expect(kinds(`nr ${phone}.`), phone).toEqual([["phone", phone]]);
    expect(kinds("skriv till maria.nilsson@stadsmissionen.se")).toEqual([["email", "maria.nilsson@stadsmissionen.se"]]);
  });

  it("passes organisations, places, roles, dates, times, amounts and organisation numbers", () => {
    for (const text of [
      "Ny Gemenskap och Röda Korset öppnar fler platser",
      "Stockholms Stadsmission, Frälsningsarmén och Convictus",
      "En besökare hotade personal i entrén kl. 23.40 den 2026-12-03",
      "Kostnad 12 500 kr, org.nr 802012-1581, 115 platser varav 20 för kvinnor",
      "Hans bror kom till härbärget",
      "per person och natt",
      "Samverkansgrupp Styrgrupp Socialjouren",
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it("never throws, and everything it finds is a piece of the text where it says (fast-check, 5000 texts)", () => {
    let runs = 0;
    const words = fc.constantFrom("Maria", "Nilsson", "070-1234567", "@", "a@b.se", "Ny", "Gemenskap", "+46", " ", "-", "Eva", "S.", "08", "123");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(words, { maxLength: 30 }).map((w) => w.join(" ")),
        ),
        (text) => {
          runs += 1;
          for (const d of findPersonalDetails(text)) expect(text.slice(d.index, d.index + d.text.length).trim()).toBe(d.text);
        },
      ),
      { numRuns: 5000 },
    );
    console.log(`personal-details property: ${runs} texts`);
    expect(runs).toBe(5000);
  });
});
