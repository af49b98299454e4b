/**
 * The forecast suggestion end to end: the daily check reads the recorded SMHI SNOW1g response from a loopback
 * SMHI, the REAL server tells samordning on Slack, and the button in the suggestion declares the night, whose card
 * then appears on Slack and Teams. The bot itself declares nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmhiClient } from "../../../adapters/weather/smhi-client.ts";
import { createAlertsFeature } from "../../../src/alerts/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { startFakeSmhi, type FakeSmhi } from "../../integration/alerts/smhi-fixture-server.ts";
import { startAlertsServer, type AlertsServer } from "./alerts-server.ts";

describe("the SMHI forecast suggestion end to end", () => {
  let w: AlertsServer;
  let smhi: FakeSmhi;
  beforeAll(async () => {
    smhi = await startFakeSmhi();
    // 14.00 in Stockholm on 7 February 2026, the forecast time; the recorded night minimum is −6.8 °C.
    w = await startAlertsServer("2026-02-07T13:00:00Z");
    await w.db.updateTable("cold_night_settings").set({ threshold_c: -6 }).execute();
  });
  afterAll(async () => {
    await w?.close();
    await smhi?.close();
  });

  /** The 15-minute tick as the server's cron runs it: it writes rows and jobs on the server's own queues. */
  const tick = async () => {
    const forecast = createSmhiClient({ baseUrl: smhi.baseUrl });
    const feature = createAlertsFeature({ db: w.db, clock: w.clock, ...w.work, logger: silentLogger, forecast });
    await feature.recurring!.find((r) => r.name === "alerts.cold-night-forecast")!.run(w.clock.now());
  };

  it("suggests the cold night to samordning, and the suggestion's button declares it on both platforms", async () => {
    await tick();
    await w.deliverDue();
    const suggestion = await w.nextDirect("sara", "Kall natt i prognosen: natten mot söndag 8 februari");
    expect(suggestion.text).toContain("visar som lägst −6,8 °C kl. 22.00 i natt");
    expect(await w.db.selectFrom("cold_night_alerts").select("id").execute()).toEqual([]);

    await w.slack.click(w.userOf("sara"), suggestion, "Lys ut extra kall natt");
    await w.card("slack", "Extra kall natt – natten mot söndag 8 februari");
    const teamsCard = await w.card("teams", "Extra kall natt – natten mot söndag 8 februari");
    expect(teamsCard.text).toContain("Prognos −6,8 °C");
  });
});
