/**
 * The bed board's use cases on real PostgreSQL: who may report for which shelter, what a report records (counts
 * only), the women's share of a cold night's extra places, and when Socialjouren hears without asking.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_CHANNELS, createAlertsWorld, latestCard, type AlertsWorld } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  // 17.00 in Stockholm on 8 December 2026.
  w = await createAlertsWorld({ start: "2026-12-08T16:00:00Z" });
});
afterAll(async () => {
  await w.close();
});

const row = (shelter: string) => w.t.db.selectFrom("shelter_nights").where("activity_id", "=", w.activityIds[shelter]!).selectAll().executeTakeFirst();
const tick = () => w.feature.recurring!.find((r) => r.name === "alerts.bed-board")!.run(w.clock.now());

describe("reporting beds", () => {
  it("records what a shelter's staff write for tonight, and only for their own shelter", async () => {
    const { whispers } = await w.act("sConv", { type: "command", conversation: "slack:dm-U_SCONV", text: "platser 12 lediga 4 nekade" });
    expect(whispers[0]?.text).toBe("Tack! Platserna på Convictus natthärbärge är uppdaterade för natten mot onsdag 9 december.");
    expect(await row("natt-convictus")).toMatchObject({
      night: "2026-12-08",
      free_places: 12,
      free_women: null,
      turned_away: 4,
      updated_by: w.memberIds.sConv,
    });

    const other = await w.act("sConv", {
      type: "action",
      conversation: "slack:dm-U_SCONV",
      actionId: "beds.full",
      value: `${w.activityIds["natt-fa"]}|2026-12-08`,
    });
    expect(other.whispers[0]?.text).toBe("Bara personalen på Frälsningsarméns härbärge, dess samordnare eller samordningen kan rapportera för härbärget.");
    expect(await row("natt-fa")).toBeUndefined();
    const day = await w.act("dayStaff", { type: "command", conversation: "slack:dm-U_DAY", text: "platser 3 lediga" });
    expect(day.whispers[0]?.text).toBe("Bara personalen på ett natthärbärge rapporterar lediga platser. Skriv platser för att se tavlan.");
  });

  it("refuses a form with more free women's places than free places, keeping what was typed", async () => {
    const { forms } = await w.act("sNg", {
      type: "action",
      conversation: "teams:dm-29:sng",
      actionId: "beds.report",
      value: `${w.activityIds["natt-ng"]}|2026-12-08`,
    });
    expect(forms[0]?.fields.map((f) => f.id)).toEqual(["free", "women", "away"]);
    const submit = (values: Record<string, string>) =>
      w.act("sNg", { type: "form", conversation: "teams:dm-29:sng", formId: "beds.report", state: forms[0]!.state, values });
    const refused = await submit({ free: "2", women: "5", away: "tre" });
    expect(refused.result).toMatchObject({
      ok: false,
      errors: { women: "Lediga kvinnoplatser (5) får inte vara större än Lediga platser (2).", away: "Det måste vara ett heltal, t.ex. 12." },
    });
    const again = refused.result?.ok === false ? refused.result.form : undefined;
    expect(again?.fields.map((f) => [f.id, f.initial])).toEqual([
      ["free", "2"],
      ["women", "5"],
      ["away", "tre"],
    ]);
    const accepted = await submit({ free: "6", women: "2", away: "" });
    expect(accepted.result).toMatchObject({ ok: true });
    expect(await row("natt-ng")).toMatchObject({ free_places: 6, free_women: 2, turned_away: 0 });
  });

  it("keeps the women's share of a cold night's extra places, on the card and the board", async () => {
    await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "kallnatt -10" });
    const alertId = (await w.t.db.selectFrom("cold_night_alerts").select("id").executeTakeFirstOrThrow()).id;
    const state = `${alertId}:${w.activityIds["natt-fa"]}`;
    const refused = await w.act("sFa", {
      type: "form",
      conversation: "teams:dm-29:sfa",
      formId: "coldnight.places",
      state,
      values: { places: "5", women: "6" },
    });
    expect(refused.result).toMatchObject({ ok: false, errors: { women: "Kvinnoplatser (6) får inte vara större än Extra platser (5)." } });
    await w.act("sFa", { type: "form", conversation: "teams:dm-29:sfa", formId: "coldnight.places", state, values: { places: "8", women: "2" } });
    const card = latestCard(w.chats.teams, `teams:${ALERT_CHANNELS.teams}`)?.text ?? "";
    expect(card).toContain("Frälsningsarméns härbärge: Öppnar 8 extra platser (Siv Frälsningsarmén), varav 2 för kvinnor");
    expect(card).toContain("Convictus natthärbärge: Inget svar än; 12 lediga");
    expect(card).toContain("Sängar i natt: 18 lediga av 120 ordinarie (2 av 3 har rapporterat), 8 extra öppnade.");
    await w.act("sara", { type: "command", conversation: "slack:dm-U_SARA", text: "platser" });
    expect(w.directTo("sara").at(-1)).toContain("Extra platser i natt: 8, varav 2 för kvinnor. 4 har fått nej hittills.");
  });
});

describe("the board for those who get it without asking", () => {
  it("tells Socialjouren nothing before 21.00, then sends the board once and every change after", async () => {
    const before = w.directTo("jour").length;
    await w.act("sConv", { type: "command", conversation: "slack:dm-U_SCONV", text: "platser 10 lediga" });
    await tick();
    expect(w.directTo("jour")).toHaveLength(before);

    w.clock.set("2026-12-08T20:00:00Z");
    await tick();
    await tick();
    const board = w.directTo("jour").slice(before);
    expect(board).toHaveLength(1);
    expect(board[0]).toContain("Sängar – natten mot onsdag 9 december");
    expect(board[0]).toContain("Lediga nu: 16 (2 av 3 har rapporterat).");

    w.clock.set("2026-12-08T21:30:00Z");
    await w.act("sConv", { type: "command", conversation: "slack:dm-U_SCONV", text: "platser fullt" });
    expect(w.directTo("jour").at(-1)).toBe(
      "Convictus natthärbärge: 40 platser, varav 5 för kvinnor · 0 lediga (0 för kvinnor) · 4 fick nej\nConvictus natthärbärge: 40 platser, varav 5 för kvinnor · 0 lediga (0 för kvinnor) · 4 fick nej",
    );
    // The copy Socialjouren got at 21.00 is updated in place, too.
    const copy = w.chats.teams.calls.filter((c) => c.op === "update" && c.ref.startsWith("teams:dm-29:jour/") && c.message.text.startsWith("Sängar")).at(-1);
    expect(copy?.op === "update" ? copy.message.blocks : []).toContainEqual({ type: "text", text: "Lediga nu: 6 (2 av 3 har rapporterat)." });
  });

  it("starts a new board at the morning close: after 09.00 the night reported on is tonight's", async () => {
    w.clock.set("2026-12-09T08:30:00Z");
    await w.act("sConv", { type: "command", conversation: "slack:dm-U_SCONV", text: "platser 30 lediga" });
    // The morning follow-up starts "turned away" from what Convictus put on the board that night.
    const alertId = (await w.t.db.selectFrom("cold_night_alerts").select("id").executeTakeFirstOrThrow()).id;
    const { forms } = await w.act("sConv", {
      type: "action",
      conversation: "slack:dm-U_SCONV",
      actionId: "coldnight.followup",
      value: `${alertId}:${w.activityIds["natt-convictus"]}`,
    });
    expect(forms[0]?.fields.find((f) => f.id === "away")?.initial).toBe("4");
    const rows = await w.t.db
      .selectFrom("shelter_nights")
      .where("activity_id", "=", w.activityIds["natt-convictus"]!)
      .select(["night", "free_places"])
      .orderBy("night")
      .execute();
    expect(rows).toEqual([
      { night: "2026-12-08", free_places: 0 },
      { night: "2026-12-09", free_places: 30 },
    ]);
  });
});
