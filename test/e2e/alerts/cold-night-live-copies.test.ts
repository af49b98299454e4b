/**
 * Every copy of the cold-night card is live: the declarer's own copy (their reply), the channel card on both
 * platforms and a shelter's Teams personal copy are all updated in place, and show the same total after each answer.
 * What each copy shows is read back from the fake Slack Web API and Bot Connector.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformDriver, SentItem } from "../../helpers/platform-driver.ts";
import { SLACK_CHANNEL, startAlertsServer, TEAMS_CHANNEL, type AlertsServer } from "./alerts-server.ts";

let w: AlertsServer;
beforeAll(async () => {
  w = await startAlertsServer("2026-12-03T15:00:00Z");
});
afterAll(async () => {
  await w?.close();
});

/** The latest version of a message the bot sent: its last in-place update, or the message itself. */
function latest(driver: PlatformDriver, first: SentItem): SentItem {
  return (
    driver
      .sent()
      .filter((i) => i.conversation === first.conversation && i.messageId === first.messageId && ["post", "direct", "update"].includes(i.kind))
      .at(-1) ?? first
  );
}
const ANSWERS = new Set(["coldnight.open", "coldnight.full", "coldnight.cannot"]);
/** A copy's shelter-answer buttons (not samordning's acknowledge, restart and close). */
const answerButtons = (item: SentItem) => item.buttons.filter((b) => ANSWERS.has(b.actionId));
const totalOf = (item: SentItem) => /Totalt (\d+) extra platser? i natt\./.exec(item.text)?.[1];

describe("every copy of the cold-night card", () => {
  it("shows the same total on the declarer's copy, both channel cards and a Teams personal copy after each answer", async () => {
    await w.slack.command(w.userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    const copies = {
      declarer: [w.slack, await w.nextDirect("sara", "Extra kall natt är utlyst för natten mot fredag 4 december")] as const,
      slackChannel: [w.slack, await w.card("slack", "Extra kall natt – natten mot fredag 4 december")] as const,
      teamsChannel: [w.teams, await w.card("teams", "Extra kall natt – natten mot fredag 4 december")] as const,
      teamsPersonal: [w.teams, await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser")] as const,
    };
    expect(copies.slackChannel[1].conversation).toBe(SLACK_CHANNEL);
    expect(copies.teamsChannel[1].conversation).toBe(TEAMS_CHANNEL);
    const conv = await w.nextDirect("sConv", "Kan Convictus natthärbärge öppna extra platser");
    const ng = await w.nextDirect("sNg", "Kan Ny Gemenskaps nattcafé öppna extra platser");
    const totals = () => Object.fromEntries(Object.entries(copies).map(([name, [driver, item]]) => [name, totalOf(latest(driver, item))]));
    // Waits until every copy shows `status` (the answer just given), then compares their totals.
    const allShow = async (total: string, status: string) => {
      const shown = () => Object.values(copies).every(([driver, item]) => latest(driver, item).text.includes(status));
      await w.slack.waitFor(shown, 10_000).catch(() => undefined);
      expect(totals()).toEqual({ declarer: total, slackChannel: total, teamsChannel: total, teamsPersonal: total });
    };
    await allShow("0", "Inget svar än");

    await w.slack.click(w.userOf("sConv"), conv, "Öppna extra platser");
    const form = await w.sentAfter(w.slack, (item) => (item.fields ?? []).includes("places"));
    expect(await w.slack.submitForm(w.userOf("sConv"), form, { places: "12" })).toBeUndefined();
    await allShow("12", "Öppnar 12 extra platser (Sam Convictus)");
    // Samordning's copy stands in only for the shelters still silent: Convictus shows its answer and no buttons.
    expect(answerButtons(latest(...copies.declarer))).toHaveLength(6);
    expect(latest(...copies.declarer).text).not.toContain("(Convictus)");

    // The manual clock stands still: move it, so each refresh is queued under its own job id (as real time does).
    w.clock.set("2026-12-03T15:01:00Z");
    await w.teams.click(w.userOf("sFa"), copies.teamsPersonal[1], "Fullt");
    await allShow("12", "Fullt (Siv Frälsningsarmén)");
    // The shelter's own staff keep their buttons on Teams, to change the answer; samordning's copy loses them.
    expect(answerButtons(latest(...copies.teamsPersonal)).map((b) => b.label)).toEqual(["Öppna extra platser", "Fullt", "Kan inte"]);
    expect(answerButtons(latest(...copies.declarer))).toHaveLength(3);

    w.clock.set("2026-12-03T15:02:00Z");
    await w.teams.click(w.userOf("sNg"), ng, "Öppna extra platser");
    const ngForm = await w.sentAfter(w.teams, (item) => (item.fields ?? []).includes("places"));
    expect(await w.teams.submitForm(w.userOf("sNg"), ngForm, { places: "8" })).toBeUndefined();
    await allShow("20", "Öppnar 8 extra platser (Stig Ny Gemenskap)");
    expect(answerButtons(latest(...copies.declarer))).toEqual([]);
    expect(latest(...copies.declarer).buttons.map((b) => b.label)).toEqual(["Avsluta larmet"]);
    // Updated in place: one message each, never a second post.
    expect(w.slack.sent().filter((i) => i.kind === "direct" && w.isDirectTo("sara", i))).toHaveLength(1);
  });

  it("names a night several days ahead on both platforms' cards, where tonight's says i natt", async () => {
    w.clock.set("2026-12-03T15:10:00Z");
    await w.slack.command(w.userOf("sara"), "kallnatt 2026-12-06 -12", { conversation: SLACK_CHANNEL });
    for (const platform of ["slack", "teams"] as const) {
      const card = await w.card(platform, "Extra kall natt – natten mot måndag 7 december");
      expect(card.text).toContain("Totalt 0 extra platser natten mot måndag 7 december.");
      expect(card.text).toContain("Sängar natten mot måndag 7 december: ");
      expect(card.text).not.toContain("i natt");
    }
  });
});
