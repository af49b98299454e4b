/**
 * The forecast suggestion end to end: the daily check reads the recorded SMHI SNOW1g response from a loopback
 * SMHI, the REAL server tells samordning on Slack of the run of cold nights ahead, and a night's button declares
 * that night, whose card then appears on Slack and Teams. The bot itself declares nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmhiClient } from "../../../adapters/weather/smhi-client.ts";
import { alertsFeatureOf } from "./both-platforms-server.ts";
import { startFakeSmhi, type FakeSmhi } from "../../integration/alerts/smhi-fixture-server.ts";
import { startAlertsServer, type AlertsServer } from "./alerts-server.ts";

describe("the SMHI forecast suggestion end to end", () => {
  let w: AlertsServer;
  let smhi: FakeSmhi;
  beforeAll(async () => {
    smhi = await startFakeSmhi();
    // 14.00 in Stockholm on 7 February 2026, the forecast time; the recording has Sunday to Tuesday nights below −7 °C.
    w = await startAlertsServer("2026-02-07T13:00:00Z");
  });
  afterAll(async () => {
    await w?.close();
    await smhi?.close();
  });

  /** The 15-minute tick as the server's cron runs it: it writes rows and jobs on the server's own queues. */
  const tick = async () => {
    const forecast = createSmhiClient({ baseUrl: smhi.baseUrl });
    const feature = alertsFeatureOf(w, forecast);
    await feature.recurring!.find((r) => r.name === "alerts.cold-night-forecast")!.run(w.clock.now());
  };

  it("suggests the run of cold nights to samordning, and the button for one night declares it on both platforms", async () => {
    await tick();
    await w.deliverDue();
    const suggestion = await w.nextDirect("sara", "Kalla nätter i prognosen: tre nätter i rad under −7 °C från söndag");
    expect(suggestion.text).toContain("Natten mot tisdag 10 februari: som lägst −10,3 °C kl. 07.00");
    expect(suggestion.buttons.map((b) => b.label)).toEqual([
      "Lys ut natten mot måndag 9 februari",
      "Lys ut natten mot tisdag 10 februari",
      "Lys ut natten mot onsdag 11 februari",
    ]);
    expect(await w.db.selectFrom("cold_night_alerts").select("id").execute()).toEqual([]);

    await w.slack.click(w.userOf("sara"), suggestion, "Lys ut natten mot måndag 9 februari");
    await w.card("slack", "Extra kall natt – natten mot måndag 9 februari");
    const teamsCard = await w.card("teams", "Extra kall natt – natten mot måndag 9 februari");
    expect(teamsCard.text).toContain("Prognos −8,3 °C");
  });
});
