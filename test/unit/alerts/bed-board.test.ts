import { describe, expect, it } from "vitest";
import { composeBedBoard } from "../../../src/alerts/beds/bed-board.card.ts";
import { totalsOf, type BedBoard } from "../../../src/alerts/beds/bed-board.ts";
import { parseBedsArgs } from "../../../src/alerts/beds/beds-args.ts";
import { shelterBeds } from "./shelter-beds.ts";

// The Stockholm example's split: 35 + 40 + 40 places, the 20 women's places at one shelter.
const board: BedBoard = {
  partnershipId: "p",
  night: "2026-12-03",
  shelters: [shelterBeds(1, { places: 35, free: 12, extra: 8 }), shelterBeds(2, { free: 0, freeWomen: 0, turnedAway: 3 }), shelterBeds(3, { placesWomen: 20 })],
};

describe("platser: what staff write", () => {
  it("shows the board when nothing follows", () => {
    expect(parseBedsArgs("")).toEqual({ kind: "show" });
  });

  it("reads free places, free women's places, full and turned away, in any order", () => {
    expect(parseBedsArgs("12 lediga")).toEqual({ kind: "report", counts: { free: 12 } });
    expect(parseBedsArgs("3 kvinnor 12 lediga")).toEqual({ kind: "report", counts: { free: 12, freeWomen: 3 } });
    expect(parseBedsArgs("fullt 4 nekade")).toEqual({ kind: "report", counts: { free: 0, freeWomen: 0, turnedAway: 4 } });
    expect(parseBedsArgs("12 free 2 turned away")).toEqual({ kind: "report", counts: { free: 12, turnedAway: 2 } });
  });

  it("refuses anything that is not a count, so nothing here can carry a name", () => {
    expect(parseBedsArgs("12 lediga Ion")).toEqual({ kind: "invalid", token: "ion" });
    expect(parseBedsArgs("Ion Popescu")).toEqual({ kind: "invalid", token: "ion" });
    expect(parseBedsArgs("12")).toEqual({ kind: "invalid", token: "12" });
  });
});

describe("the bed board", () => {
  it("adds up the agreement's places, what was reported free, the extra places and who was turned away", () => {
    expect(totalsOf(board)).toMatchObject({ shelters: 3, places: 115, placesWomen: 20, free: 12, reported: 2, extra: 8, turnedAway: 3 });
  });

  it("says per shelter and in total what is free, and gives only the reader's shelters report buttons", () => {
    const card = composeBedBoard(board, new Set([shelterBeds(2).activityId]))({ locale: "sv", timeZone: "Europe/Stockholm" });
    expect(card.blocks.find((b) => b.type === "facts")).toEqual({
      type: "facts",
      facts: [
        { label: "Härbärge 1 (Org)", value: "35 platser, varav 0 för kvinnor · 12 lediga · +8 extra" },
        { label: "Härbärge 2 (Org)", value: "40 platser, varav 0 för kvinnor · 0 lediga · 3 fick nej" },
        { label: "Härbärge 3 (Org)", value: "40 platser, varav 20 för kvinnor · lediga: inte rapporterat" },
      ],
    });
    expect(card.blocks).toContainEqual({ type: "text", text: "Totalt 115 ordinarie platser, varav 20 för kvinnor, i 3 natthärbärgen." });
    expect(card.blocks).toContainEqual({ type: "text", text: "Lediga nu: 12 (2 av 3 har rapporterat)." });
    const buttons = card.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => [b.actionId, b.value])).toEqual([
      ["beds.full", `${shelterBeds(2).activityId}|2026-12-03`],
      ["beds.report", `${shelterBeds(2).activityId}|2026-12-03`],
    ]);
  });

  it("has no buttons for someone who reports for no shelter", () => {
    const card = composeBedBoard(board, new Set())({ locale: "en", timeZone: "Europe/Stockholm" });
    expect(card.blocks.some((b) => b.type === "buttons")).toBe(false);
    expect(card.blocks).toContainEqual({ type: "text", text: "115 ordinary places in total, 20 of them for women, in 3 night shelters." });
  });
});
