import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmhiClient } from "../../../adapters/weather/smhi-client.ts";
import { createAlertsWorld, type AlertsWorld } from "./alerts-world.ts";
import { readSmhiRecording, startFakeSmhi, type FakeSmhi } from "./smhi-fixture-server.ts";

let w: AlertsWorld;
let smhi: FakeSmhi;
beforeAll(async () => {
  smhi = await startFakeSmhi();
  // 14.00 in Stockholm on 7 February 2026: the recorded forecast was issued the evening before.
  w = await createAlertsWorld({ start: "2026-02-07T13:00:00Z", forecast: createSmhiClient({ baseUrl: smhi.baseUrl, timeoutMs: 2_000 }) });
});
afterAll(async () => {
  await w.close();
  await smhi.close();
});
beforeEach(async () => {
  // Each case starts the same night afresh: no decision, no notice, no alert.
  await w.t.db.deleteFrom("cold_night_forecasts").execute();
  await w.t.db.deleteFrom("outbox").execute();
  await w.t.db.deleteFrom("reminders").execute();
  await w.t.db.deleteFrom("cold_night_responses").execute();
  await w.t.db.deleteFrom("cold_night_alerts").execute();
  w.clock.set("2026-02-07T13:00:00Z");
  smhi.requests.length = 0;
  smhi.answer = () => ({ status: 200, body: readSmhiRecording() });
});

/** The 15-minute tick, then the notice reminder it may have scheduled, delivered as the queue would. */
const tick = async () => {
  await w.feature.recurring!.find((r) => r.name === "alerts.cold-night-forecast")!.run(w.clock.now());
  await w.runDue();
};
const setThreshold = (thresholdC: number) => w.t.db.updateTable("cold_night_settings").set({ threshold_c: thresholdC }).execute();
const saraMessages = () => w.chats.slack.calls.filter((c) => c.op === "direct" && c.userId === "U_SARA");

describe("the daily SMHI forecast check", () => {
  it("suggests the run of cold nights once, with a button per night, and declares the night chosen", async () => {
    await setThreshold(-7);
    const before = saraMessages().length;
    await tick();

    const sent = saraMessages().slice(before);
    expect(sent).toHaveLength(1);
    const message = sent[0]!.op === "direct" ? sent[0]!.message : undefined;
    expect(message?.blocks[0]).toEqual({ type: "heading", text: "Kalla nätter i prognosen: tre nätter i rad under −7 °C från söndag" });
    expect(message?.blocks).toContainEqual({
      type: "list",
      items: [
        "Natten mot måndag 9 februari: som lägst −8,3 °C kl. 23.00",
        "Natten mot tisdag 10 februari: som lägst −10,3 °C kl. 07.00",
        "Natten mot onsdag 11 februari: som lägst −13,1 °C kl. 01.00",
      ],
    });
    expect(message?.text).toContain("Tröskeln för extra kall natt är −7 °C.");
    expect(w.directTo("jour")).toEqual([]);
    expect(await w.t.db.selectFrom("cold_night_alerts").select("id").execute()).toEqual([]);

    const buttons = message!.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual([
      "Lys ut natten mot måndag 9 februari",
      "Lys ut natten mot tisdag 10 februari",
      "Lys ut natten mot onsdag 11 februari",
    ]);
    await w.act("sara", { type: "action", conversation: "slack:dm-U_SARA", actionId: buttons[1]!.actionId, value: buttons[1]!.value });
    const alert = await w.t.db.selectFrom("cold_night_alerts").selectAll().executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ night: "2026-02-09", declared_by: w.memberIds.sara });
    expect(alert.temperature_c).toBeCloseTo(-10.3);
  });

  it("sends no second suggestion for the same nights, and the next day suggests only the nights not suggested before", async () => {
    await setThreshold(-7);
    const before = saraMessages().length;
    await tick();
    w.clock.set("2026-02-07T13:15:00Z");
    await tick();
    w.clock.set("2026-02-07T17:45:00Z");
    await tick();
    expect(saraMessages().length - before).toBe(1);
    expect(smhi.requests).toHaveLength(1);

    // Sunday, same recording: Sunday to Tuesday were suggested yesterday; the next run is Thursday to Sunday.
    w.clock.set("2026-02-08T13:00:00Z");
    await tick();
    const next = saraMessages().slice(before + 1);
    expect(next).toHaveLength(1);
    expect(next[0]?.op === "direct" ? next[0].message.blocks[0] : undefined).toEqual({
      type: "heading",
      text: "Kalla nätter i prognosen: fyra nätter i rad under −7 °C från torsdag",
    });
    w.clock.set("2026-02-08T13:15:00Z");
    await tick();
    expect(saraMessages().length - before).toBe(2);
  });

  it("triggers on the feels-like temperature when the partnership says so, from tonight", async () => {
    await setThreshold(-12);
    await w.t.db.updateTable("cold_night_settings").set({ use_feels_like: true }).execute();
    const before = saraMessages().length;
    await tick();
    await w.t.db.updateTable("cold_night_settings").set({ use_feels_like: false }).execute();
    const message = saraMessages().slice(before)[0];
    const text = message?.op === "direct" ? message.message.text : "";
    // Saturday's −6.8 °C in a 4.2 m/s wind feels like −12.8 °C: below −12, though the air is not.
    expect(text).toContain("Natten mot söndag 8 februari: känns som −12,8 °C kl. 22.00 (−6,8 °C i luften, och vind)");
    expect(text).toContain("Tröskeln för extra kall natt är −12 °C i upplevd temperatur");
    const row = await w.t.db.selectFrom("cold_night_forecasts").where("night", "=", "2026-02-07").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outcome: "suggested", run_start: "2026-02-07" });
    expect(row.air_c).toBeCloseTo(-6.8);
    expect(row.feels_like_c).toBeCloseTo(-12.8);
  });

  it("suggests nothing when no night's minimum reaches the threshold", async () => {
    await setThreshold(-15);
    const before = saraMessages().length;
    await tick();
    expect(saraMessages()).toHaveLength(before);
    const row = await w.t.db.selectFrom("cold_night_forecasts").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ night: "2026-02-07", outcome: "not_cold", threshold_c: -15 });
    expect(row.minimum_c).toBeCloseTo(-6.8);
  });

  it("does not fetch before the forecast time or out of season", async () => {
    w.clock.set("2026-02-07T12:59:00Z");
    await tick();
    w.clock.set("2026-07-07T13:00:00Z");
    await tick();
    expect(smhi.requests).toEqual([]);
  });

  it("retries on the next ticks and suggests once SMHI answers again", async () => {
    await setThreshold(-7);
    let failures = 1;
    smhi.answer = () => (failures-- > 0 ? { status: 503, body: "{}" } : { status: 200, body: readSmhiRecording() });
    const before = saraMessages().length;
    await tick();
    expect(saraMessages()).toHaveLength(before);
    w.clock.set("2026-02-07T13:15:00Z");
    await tick();
    expect(saraMessages().length - before).toBe(1);
    expect(smhi.requests).toHaveLength(2);
  });

  it("keeps trying to tell samordning when the chat platform is down, and tells them once", async () => {
    await setThreshold(-7);
    const before = saraMessages().length;
    w.chats.slack.failNext(1);
    await tick();
    // The refused message waits in the outbox and is sent once on its retry.
    expect(saraMessages().length - before).toBe(1);
    const notice = await w.t.db.selectFrom("outbox").where("key", "like", "coldnight-forecast:%:suggested:%").select(["status", "attempts"]).execute();
    expect(notice).toEqual([{ status: "sent", attempts: 2 }]);
    expect(await w.runDue()).toBe(0);
    expect(saraMessages().length - before).toBe(1);
  });

  it("tells samordning clearly after three failed attempts, once, and stops asking SMHI", async () => {
    smhi.answer = () => ({ status: 503, body: "{}" });
    const before = saraMessages().length;
    for (const at of ["13:00", "13:15", "13:30", "13:45", "14:00"]) {
      w.clock.set(`2026-02-07T${at}:00Z`);
      await tick();
    }
    const sent = saraMessages().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.op === "direct" ? sent[0].message.text : "").toBe(
      "Prognosen saknas för natten mot söndag 8 februari: SMHI:s prognos gick inte att hämta efter 3 försök. Kontrollera prognosen själv (smhi.se) och lys ut med kommandot kallnatt om det behövs.",
    );
    expect(smhi.requests).toHaveLength(3);
    const audit = await w.t.db.selectFrom("audit_events").where("action", "=", "forecast.unavailable").select("subject_id").execute();
    expect(audit).toEqual([{ subject_id: "2026-02-07" }]);
  });
});
