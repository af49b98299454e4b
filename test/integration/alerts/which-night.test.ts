/**
 * Which night: in the small hours `kallnatt` asks, `kallnatt stäng` closes the alert the person means, a temperature
 * for a night already declared updates it, and every reply names the night with weekday and date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../../src/chat/message.ts";
import { ALERT_CHANNELS, createAlertsWorld, latestCard, type AlertsWorld } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  // 05.22 on Friday 4 December 2026 in Stockholm: Thursday's night is still under way until 09.00.
  w = await createAlertsWorld({ start: "2026-12-04T04:22:00Z" });
});
afterAll(async () => {
  await w.close();
});

const DM = "slack:dm-U_SARA";
const buttonsOf = (m: Message | undefined) => (m?.blocks ?? []).flatMap((b) => (b.type === "buttons" ? b.buttons : []));
const alerts = () => w.t.db.selectFrom("cold_night_alerts").select(["id", "night", "status", "temperature_c"]).orderBy("night").execute();

describe("which night", () => {
  it("asks at 05.22 whether 'i kväll' means the night under way or the coming one, and declares the one chosen", async () => {
    const { whispers } = await w.act("sara", { type: "command", conversation: DM, text: "kallnatt i kväll -12" });
    expect(whispers[0]?.text).toBe("Vilken natt menar du?");
    const [underWay, coming] = buttonsOf(whispers[0]);
    expect([underWay?.label, coming?.label]).toEqual(["Natten mot fredag 4 december (pågår nu)", "Natten mot lördag 5 december (i kväll)"]);
    expect(await alerts()).toEqual([]);

    await w.act("sara", { type: "action", conversation: DM, actionId: coming!.actionId, value: coming!.value });
    expect(await alerts()).toMatchObject([{ night: "2026-12-04", status: "open", temperature_c: -12 }]);
    expect(w.directTo("sara").at(-1)).toContain("Extra kall natt är utlyst för natten mot lördag 5 december.");
  });

  it("updates the night's temperature when it is given again for a night already declared", async () => {
    await w.act("cNg", { type: "command", conversation: "slack:dm-U_CNG", text: "kallnatt 2026-12-04 -15" });
    // The refresh waits for the copy recorded with it (cNg's) to land, then updates every copy.
    await w.deliverDue();
    expect(await alerts()).toMatchObject([{ night: "2026-12-04", temperature_c: -15 }]);
    expect(latestCard(w.chats.slack, `slack:${ALERT_CHANNELS.slack}`)?.text).toContain("Prognos −15 °C.");
    expect(w.directTo("cNg").at(-1)).toContain("Extra kall natt är redan utlyst för natten mot lördag 5 december; så här ser det ut just nu.");
  });

  it("closes the open alert the person means with a plain 'kallnatt stäng', whichever night is under way", async () => {
    w.clock.set("2026-12-04T04:30:00Z");
    const { whispers } = await w.act("sara", { type: "command", conversation: DM, text: "kallnatt stäng" });
    expect(whispers[0]?.text).toBe(
      "Larmet om extra kall natt för natten mot lördag 5 december är avslutat. Härbärgena får frågan om uppföljning 2026-12-05 kl. 09.00.",
    );
    expect(await alerts()).toMatchObject([{ night: "2026-12-04", status: "closed" }]);
  });

  it("does not change a closed night's temperature, and says it is closed", async () => {
    await w.act("sara", { type: "command", conversation: DM, text: "kallnatt 2026-12-04 -40" });
    expect(await alerts()).toMatchObject([{ night: "2026-12-04", temperature_c: -15 }]);
    expect(w.directTo("sara").at(-1)).toContain("Larmet om extra kall natt för natten mot lördag 5 december är redan avslutat.");
    expect(w.directTo("sara").at(-1)).not.toContain("Öppna extra platser");
  });

  it("asks which alert to close when several are open", async () => {
    w.clock.set("2026-12-05T15:00:00Z");
    await w.act("sara", { type: "command", conversation: DM, text: "kallnatt" });
    await w.act("sara", { type: "command", conversation: DM, text: "kallnatt i morgon" });
    const { whispers } = await w.act("sara", { type: "command", conversation: DM, text: "kallnatt stäng" });
    expect(whispers[0]?.text).toBe("Flera larm är öppna. Vilket menar du?");
    expect(buttonsOf(whispers[0]).map((b) => [b.actionId, b.label])).toEqual([
      ["coldnight.close", "Natten mot söndag 6 december"],
      ["coldnight.close", "Natten mot måndag 7 december"],
    ]);
  });

  it("names the night in the answer to a shelter", async () => {
    const alertId = (await alerts()).find((a) => a.night === "2026-12-05")!.id;
    const { whispers } = await w.act("sConv", {
      type: "action",
      conversation: "slack:dm-U_SCONV",
      actionId: "coldnight.full",
      value: `${alertId}:${w.activityIds["natt-convictus"]}`,
    });
    expect(whispers[0]?.text).toBe("Tack! Svaret för Convictus natthärbärge, natten mot söndag 6 december, är registrerat.");
  });
});
