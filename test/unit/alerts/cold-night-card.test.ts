import { describe, expect, it } from "vitest";
import { composeCard } from "../../../src/alerts/cold-nights/cold-night.card.ts";
import type { ColdNightAlert, ShelterResponse } from "../../../src/alerts/cold-nights/cold-night.ts";
import { coldNightAlert, shelterResponse } from "./cold-night-alert.ts";
import type { BedBoard } from "../../../src/alerts/beds/bed-board.ts";
import { shelterBeds } from "./shelter-beds.ts";

const shelter = (n: number, answer: ShelterResponse["answer"] = "pending", extraPlaces = 0): ShelterResponse =>
  shelterResponse(n, { answer, extraPlaces, answeredBy: answer === "pending" ? null : "m1" });
const alert = coldNightAlert;
const names = new Map([["m1", "Sara"]]);
const audience = { locale: "en" as const, timeZone: "Europe/Stockholm" };
// 16.00 on the evening of the alert's night.
const tonight = new Date("2026-12-03T15:00:00Z");
const buttonsOf = (a: ColdNightAlert) => composeCard(a, names, tonight)(audience).blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));

describe("the cold-night card", () => {
  it("has one row per shelter, a running total and each shelter's three answers while open", () => {
    const card = composeCard(alert([shelter(1, "opening", 10), shelter(2, "full"), shelter(3)]), names, tonight)(audience);
    expect(card.blocks.find((b) => b.type === "facts")).toEqual({
      type: "facts",
      facts: [
        { label: "Härbärge 1 (Org)", value: "Opening 10 extra places (Sara)" },
        { label: "Härbärge 2 (Org)", value: "Full (Sara)" },
        { label: "Härbärge 3 (Org)", value: "No answer yet" },
      ],
    });
    expect(card.text).toBe("Extra cold night – the night of Thursday 3 December: 10 extra places in total tonight.");
    expect(buttonsOf(alert([shelter(1), shelter(2)])).map((b) => b.actionId)).toEqual([
      "coldnight.open",
      "coldnight.full",
      "coldnight.cannot",
      "coldnight.open",
      "coldnight.full",
      "coldnight.cannot",
      "coldnight.acknowledge",
      "coldnight.restart",
      "coldnight.close",
    ]);
  });

  it("leaves the answers to the direct messages when a partnership has too many shelters for one message", () => {
    const many = alert(Array.from({ length: 16 }, (_, i) => shelter(i + 1)));
    expect(buttonsOf(many).map((b) => b.actionId)).toEqual(["coldnight.acknowledge", "coldnight.restart", "coldnight.close"]);
    expect(composeCard(many, names, tonight)(audience).blocks.length).toBeLessThanOrEqual(10);
  });

  it("offers acknowledge only until someone has, and restart only while a shelter is silent", () => {
    const acknowledged = { ...alert([shelter(1), shelter(2, "full")]), acknowledgedBy: "m1", acknowledgedAt: new Date("2026-12-03T15:20:00Z") };
    expect(
      buttonsOf(acknowledged)
        .filter((b) => !b.actionId.startsWith("coldnight.o") && !["coldnight.full", "coldnight.cannot"].includes(b.actionId))
        .map((b) => b.actionId),
    ).toEqual(["coldnight.restart", "coldnight.close"]);
    expect(composeCard(acknowledged, names, tonight)(audience).blocks).toContainEqual({
      type: "text",
      text: "Acknowledged by Sara at 16:20: shelters that have not answered only get a quiet reminder.",
    });
    const answered = alert([shelter(1, "full")]);
    expect(
      buttonsOf(answered)
        .slice(3)
        .map((b) => b.actionId),
    ).toEqual(["coldnight.close"]);
  });

  it("shows a personal copy only the buttons its reader may press, under the notice that says why it came", () => {
    const card = composeCard(alert([shelter(1), shelter(2)]), names, tonight, {
      answerable: new Set([shelter(2).activityId]),
      samordning: false,
      notice: "Reminder: Härbärge 2 has not answered.",
    })(audience);
    expect(card.blocks[1]).toEqual({ type: "text", text: "Reminder: Härbärge 2 has not answered." });
    const buttons = card.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => [b.actionId, b.value.endsWith("2")])).toEqual([
      ["coldnight.open", true],
      ["coldnight.full", true],
      ["coldnight.cannot", true],
    ]);
  });

  it("has no buttons once closed, and says who closed it", () => {
    const closed = alert([shelter(1, "opening", 10)], "closed");
    expect(buttonsOf(closed)).toEqual([]);
    expect(composeCard(closed, names, tonight)({ locale: "sv", timeZone: "Europe/Stockholm" }).blocks).toContainEqual({
      type: "text",
      text: "Avslutad av Sara 2026-12-04 kl. 07.00.",
    });
  });

  it("names a shelter once: its organisation is added only when the shelter's name does not already say it", () => {
    const named = (shelterName: string, organisationName: string) => ({ ...shelter(1), shelterName, organisationName });
    const card = composeCard(
      alert([named("Convictus natthärbärge", "Convictus"), named("Frälsningsarméns härbärge", "Frälsningsarmén"), named("Nattcaféet", "Ny Gemenskap")]),
      names,
      tonight,
    )(audience);
    expect(card.blocks.find((b) => b.type === "facts")).toMatchObject({
      facts: [{ label: "Convictus natthärbärge" }, { label: "Frälsningsarméns härbärge" }, { label: "Nattcaféet (Ny Gemenskap)" }],
    });
  });

  it("says 'i natt' only for tonight, and names any night further ahead in the totals and the beds line", () => {
    const board: BedBoard = { partnershipId: "p", night: "2026-12-03", shelters: [shelterBeds(1)] };
    const sv: { locale: "sv" | "en"; timeZone: string } = { locale: "sv", timeZone: "Europe/Stockholm" };
    const texts = (now: Date, locale = sv) =>
      composeCard(alert([shelter(1, "opening", 10)]), names, now, { answerable: "all", samordning: true, beds: board })(locale).blocks.flatMap((b) =>
        b.type === "text" ? [b.text] : [],
      );
    // Declared on Monday 30 November for the night of Thursday 3 December (into Friday).
    const monday = new Date("2026-11-30T10:00:00Z");
    expect(texts(monday)).toEqual(
      expect.arrayContaining([
        "Totalt 10 extra platser natten mot fredag 4 december.",
        expect.stringMatching(/^Sängar natten mot fredag 4 december: 0 lediga av 40 ordinarie/),
      ]),
    );
    expect(texts(monday, audience)).toEqual(
      expect.arrayContaining([
        "10 extra places in total on the night of Thursday 3 December.",
        expect.stringMatching(/^Beds on the night of Thursday 3 December: /),
      ]),
    );
    expect(texts(monday).join(" ")).not.toContain("i natt");
    // From the morning of the 3rd (the previous night's close) until the morning of the 4th it is tonight.
    for (const now of [tonight, new Date("2026-12-04T02:00:00Z")])
      expect(texts(now)).toEqual(expect.arrayContaining(["Totalt 10 extra platser i natt.", expect.stringMatching(/^Sängar i natt: /)]));
    expect(texts(new Date("2026-12-04T09:00:00Z"))).toContain("Totalt 10 extra platser natten mot fredag 4 december.");
  });
});
