/**
 * A cold night answered in the direct chat, on the REAL server with a Slack shelter and a Teams shelter at once:
 * each writes a figure in reply to the question it got, answers one question at a time (refused answers are said,
 * and nothing already answered is lost), sends the summary, and the card's tally updates on both platforms. In the
 * morning the follow-up is answered the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../../integration/alerts/alerts-seed.ts";
import { SLACK_CHANNEL, startAlertsServer, type AlertsServer } from "./alerts-server.ts";

describe("a cold night answered in the direct chat on Slack and Teams", () => {
  let w: AlertsServer;
  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T15:00:00Z");
  });
  afterAll(async () => {
    await w?.close();
  });

  /** Writes `text` to the bot in `person`'s direct chat and waits for the answer containing `expected`. */
  const write = async (person: Person, text: string, expected: string) => {
    w.forget();
    await w.driverOf(person).message(w.userOf(person), text);
    return w.nextDirect(person, expected);
  };
  const send = async (person: Person, summary: Awaited<ReturnType<typeof write>>, expected: string) => {
    w.forget();
    await w.driverOf(person).click(w.userOf(person), summary, "Skicka in");
    return w.nextDirect(person, expected);
  };
  const response = (shelter: string) =>
    w.db
      .selectFrom("cold_night_responses as r")
      .innerJoin("activities as a", "a.id", "r.activity_id")
      .where("a.key", "=", shelter)
      .select(["r.answer", "r.extra_places", "r.extra_places_women", "r.places_used", "r.turned_away"])
      .executeTakeFirstOrThrow();

  it("asks each shelter, saying a figure can be written in reply", async () => {
    await w.slack.command(w.userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    for (const person of ["sConv", "sFa"] as const) await w.nextDirect(person, "Svara med knapparna, eller skriv antalet extra platser här.");
  });

  it("takes a Slack shelter's places in the chat, refuses more places for women than places without losing the places, and updates the card", async () => {
    const women = await write("sConv", "12", "Fråga 2 av 2: Varav för kvinnor");
    expect(women.text).toContain("Extra platser på Convictus natthärbärge, natten mot fredag 4 december. En fråga i taget");
    const refused = await write("sConv", "14", "Kvinnoplatser (14) får inte vara större än Extra platser (12).");
    expect(refused.text).toContain("Fråga 2 av 2: Varav för kvinnor");
    expect((await response("natt-convictus")).answer).toBe("pending");
    const summary = await write("sConv", "3", "Sammanfattning: Extra platser på Convictus natthärbärge, natten mot fredag 4 december");
    expect(summary.text).toMatch(/1\. Extra platser\W*12\W*2\. Kvinnoplatser\W*3/);
    await send("sConv", summary, "Tack! Svaret för Convictus natthärbärge, natten mot fredag 4 december, är registrerat.");
    for (const platform of ["slack", "teams"] as const) {
      const card = await w.card(platform, "Öppnar 12 extra platser (Sam Convictus), varav 3 för kvinnor");
      expect(card.text).toContain("Totalt 12 extra platser i natt.");
    }
    expect(await response("natt-convictus")).toMatchObject({ answer: "opening", extra_places: 12, extra_places_women: 3 });
  });

  it("takes a Teams shelter's places in the chat the same way, a refused first figure included", async () => {
    w.clock.set("2026-12-03T15:05:00Z");
    const refused = await write("sFa", "0", "Det svaret gick inte att spara: talet får inte vara mindre än 1.");
    expect(refused.text).toContain("Fråga 1 av 2: Antal extra platser");
    expect(refused.text).toContain("Öppnar ni inga extra platser? Svara Fullt eller Kan inte med knapparna.");
    await write("sFa", "8", "Fråga 2 av 2: Varav för kvinnor");
    await write("sFa", "9", "Kvinnoplatser (9) får inte vara större än Extra platser (8).");
    const summary = await write("sFa", "hoppa över", "Sammanfattning: Extra platser på Frälsningsarméns härbärge");
    await send("sFa", summary, "Tack! Svaret för Frälsningsarméns härbärge, natten mot fredag 4 december, är registrerat.");
    for (const platform of ["slack", "teams"] as const) {
      const card = await w.card(platform, "Totalt 20 extra platser i natt.");
      expect(card.kind).toBe("update");
      expect(card.text).toContain("Öppnar 8 extra platser (Siv Frälsningsarmén)");
    }
    expect(await response("natt-fa")).toMatchObject({ answer: "opening", extra_places: 8, extra_places_women: 0 });
    const sessions = await w.db.selectFrom("form_sessions").where("subject", "like", "coldnight:%").select("status").execute();
    expect(sessions.map((s) => s.status)).toEqual(["completed", "completed"]);
  });

  it("leaves a figure alone when no cold-night question is open for the writer", async () => {
    w.forget();
    await w.slack.message(w.userOf("dayStaff"), "5");
    const answer = await w.sentAfter(w.slack, (i) => w.isDirectTo("dayStaff", i));
    expect(answer.text).not.toContain("Fråga");
    expect(await w.db.selectFrom("form_sessions").where("subject", "like", "coldnight:%").select("id").execute()).toHaveLength(2);
  });

  it("takes the morning figures in the chat on both platforms, and the card shows them", async () => {
    // A places answer left half-way is moot once the alert closes: the morning figure starts the follow-up instead.
    await write("sNg", "5", "Fråga 2 av 2: Varav för kvinnor");
    w.clock.set("2026-12-04T07:30:00Z");
    await w.slack.command(w.userOf("sara"), "kallnatt stäng", { conversation: SLACK_CHANNEL });
    await w.card("teams", "Avslutad av Sara Samordning");
    w.clock.set("2026-12-04T08:00:00Z");
    await w.deliverDue();
    await w.nextDirect("sConv", "Tryck Rapportera, eller skriv antalet använda extra platser här.");
    await w.nextDirect("sFa", "Tryck Rapportera, eller skriv antalet använda extra platser här.");

    await write("sConv", "11", "Fråga 2 av 2: Personer som fick nej");
    const slackSummary = await write("sConv", "3", "Sammanfattning: Uppföljning för Convictus natthärbärge");
    await send("sConv", slackSummary, "Tack! Uppföljningen för Convictus natthärbärge, natten mot fredag 4 december, är sparad.");

    await write("sFa", "sju", "Jag förstod inte det du skrev.");
    await write("sFa", "7", "Fråga 2 av 2: Personer som fick nej");
    await write("sFa", "-2", "talet får inte vara mindre än 0");
    const teamsSummary = await write("sFa", "0", "Sammanfattning: Uppföljning för Frälsningsarméns härbärge");
    await send("sFa", teamsSummary, "Tack! Uppföljningen för Frälsningsarméns härbärge, natten mot fredag 4 december, är sparad.");
    for (const platform of ["slack", "teams"] as const) await w.card(platform, "Uppföljning: 18 extra platser användes, 3 fick nej.");
    expect(await response("natt-convictus")).toMatchObject({ places_used: 11, turned_away: 3 });
    expect(await response("natt-fa")).toMatchObject({ places_used: 7, turned_away: 0 });
  });

  it("asks which question a figure answers when several are open, and a cancelled draft leaves nothing behind", async () => {
    const started = await write("sNg", "4", "Fråga 2 av 2: Personer som fick nej");
    expect(started.text).toContain("Uppföljning för Ny Gemenskaps nattcafé, natten mot fredag 4 december");
    await write("sNg", "avbryt", "Avbrutet. Inget svar skickades.");
    expect((await response("natt-ng")).places_used).toBeNull();

    w.clock.set("2026-12-04T15:00:00Z");
    await w.slack.command(w.userOf("sara"), "kallnatt -11", { conversation: SLACK_CHANNEL });
    await w.nextDirect("sNg", "extra kall natt för natten mot lördag 5 december");
    const which = await write("sNg", "6", "Du har flera öppna frågor om extra kalla nätter. Vilken svarar du på?");
    expect(which.buttons.map((b) => b.label)).toEqual([
      "Uppföljning för Ny Gemenskaps nattcafé, natten mot fredag 4 december",
      "Extra platser på Ny Gemenskaps nattcafé, natten mot lördag 5 december",
    ]);
    w.forget();
    await w.teams.click(w.userOf("sNg"), which, "Extra platser på Ny Gemenskaps nattcafé, natten mot lördag 5 december");
    await w.nextDirect("sNg", "Fråga 2 av 2: Varav för kvinnor");
    const summary = await write("sNg", "0", "Sammanfattning: Extra platser på Ny Gemenskaps nattcafé, natten mot lördag 5 december");
    await send("sNg", summary, "Tack! Svaret för Ny Gemenskaps nattcafé, natten mot lördag 5 december, är registrerat.");
    for (const platform of ["slack", "teams"] as const) await w.card(platform, "Öppnar 6 extra platser (Stig Ny Gemenskap)");
  });
});
