/**
 * The bed board end to end on the Stockholm example, on Slack and Teams: `platser` shows the agreement's 115 places
 * (20 for women) in three night shelters; a shelter reports 12 free and opens 8 extra places on a cold night, and the
 * board (every copy) and the cold-night card in both channels say so; at 21.00 Socialjouren and EU-teamet get the
 * board without asking, and every change after that. Counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertsFeatureOf } from "./both-platforms-server.ts";
import type { SentItem } from "../../helpers/platform-driver.ts";
import { EXAMPLE_SLACK_ALERTS, startExampleServer, type ExampleServer } from "./example-server.ts";

let w: ExampleServer;
beforeAll(async () => {
  // 16.00 in Stockholm on 3 December 2026.
  w = await startExampleServer("2026-12-03T15:00:00Z");
});
afterAll(async () => {
  await w?.close();
});

const TOTALS = "Totalt 115 ordinarie platser, varav 20 för kvinnor, i 3 natthärbärgen.";

describe("the bed board on the Stockholm example", () => {
  let slackBoard: SentItem;
  let teamsBoard: SentItem;

  it("shows 115 ordinary places, 20 of them for women, in three night shelters, on both platforms", async () => {
    await w.slack.command(w.userOf("samordning"), "platser");
    slackBoard = await w.nextDirect("samordning", "Sängar – natten mot");
    await w.teams.message(w.userOf("stadsmissionenNatt"), "platser");
    teamsBoard = await w.nextDirect("stadsmissionenNatt", "Sängar – natten mot");
    for (const board of [slackBoard, teamsBoard]) {
      expect(board.text).toContain(TOTALS);
      expect(board.text).toContain("Nattverksamhet Stockholms stadsmission");
      expect(board.text).toContain("40 platser, varav 20 för kvinnor · lediga: inte rapporterat");
      expect(board.text).toContain("Lediga nu: 0 (0 av 3 har rapporterat).");
    }
    // Staff see the buttons of their own shelter only; samordning sees every shelter's.
    expect(teamsBoard.buttons.map((b) => b.label)).toEqual(["Fullt", "Rapportera platser"]);
    expect(slackBoard.buttons.filter((b) => b.label === "Fullt")).toHaveLength(3);
  });

  it("says so on every copy of the board and on the cold-night card when a shelter reports 12 free and opens 8 extra places", async () => {
    await w.slack.command(w.userOf("samordning"), "kallnatt -9", { conversation: EXAMPLE_SLACK_ALERTS });
    await w.card("slack", "Extra kall natt");
    await w.card("teams", "Extra kall natt");
    const prompt = await w.nextDirect("convictusNatt", "Kan Nattverksamhet Convictus öppna extra platser");

    w.clock.set("2026-12-03T15:01:00Z");
    await w.slack.command(w.userOf("convictusNatt"), "platser 12 lediga");
    await w.slack.waitFor((i) => i.text.includes("Platserna på Nattverksamhet Convictus är uppdaterade för natten mot fredag 4 december"));
    w.clock.set("2026-12-03T15:02:00Z");
    await w.slack.click(w.userOf("convictusNatt"), prompt, "Öppna extra platser");
    const form = await w.slack.waitFor((item) => (item.fields ?? []).includes("places"));
    expect(await w.slack.submitForm(w.userOf("convictusNatt"), form, { places: "8" })).toBeUndefined();

    // Slack shows a fact as a bold label over its value, Teams as a fact set: look for each.
    const line = "35 platser, varav 0 för kvinnor · 12 lediga · +8 extra";
    for (const [driver, board] of [
      [w.slack, slackBoard],
      [w.teams, teamsBoard],
    ] as const) {
      await driver.waitFor(() => w.latest(driver, board).text.includes("+8 extra"), 10_000);
      const text = w.latest(driver, board).text;
      expect(text).toContain("Nattverksamhet Convictus");
      expect(text).toContain(line);
      expect(text).toContain(TOTALS);
      expect(text).toContain("Lediga nu: 12 (1 av 3 har rapporterat).");
      expect(text).toContain("Extra platser i natt: 8, varav 0 för kvinnor.");
    }
    for (const platform of ["slack", "teams"] as const) {
      const card = await w.card(platform, "8 extra öppnade");
      expect(card.text).toContain("Sängar i natt: 12 lediga av 115 ordinarie (1 av 3 har rapporterat), 8 extra öppnade.");
      expect(card.text).toContain("Öppnar 8 extra platser (Natt Convictus); 12 lediga");
    }
  });

  it("sends Socialjouren and EU-teamet the board at 21.00 without asking, then each change", async () => {
    w.clock.set("2026-12-03T20:00:00Z");
    const feature = alertsFeatureOf(w);
    const tick = () => feature.recurring!.find((r) => r.name === "alerts.bed-board")!.run(w.clock.now());
    await tick();
    const jour = await w.nextDirect("socialjouren", "Sängar – natten mot");
    expect(jour.text).toContain("Lediga nu: 12 (1 av 3 har rapporterat).");
    // Counts only, and no buttons for someone who staffs no shelter.
    expect(jour.buttons).toEqual([]);
    await w.nextDirect("euTeametChef", "Sängar – natten mot");
    await tick();
    expect(w.teams.sent().filter((i) => i.kind === "direct" && i.userId === "29:fake-socialjouren" && i.text.includes("Sängar – natten mot"))).toHaveLength(1);

    await w.teams.message(w.userOf("fralsningsarmenNatt"), "platser fullt");
    await w.nextDirect("socialjouren", "Nattverksamhet Frälsningsarmén: 40 platser, varav 0 för kvinnor · 0 lediga");
    await w.teams.waitFor(() => w.latest(w.teams, jour).text.includes("Lediga nu: 12 (2 av 3 har rapporterat)."), 10_000);
  });
});
