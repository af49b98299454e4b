/**
 * A cold night in the Microsoft 365 Agents Playground, as a newcomer gets it from `npm start` (embedded PostgreSQL,
 * the Stockholm example, Teams local): the app is installed in the playground's team, so declaring as Alex puts the
 * card in the team's General channel and the night workers get their prompts; acting as a night worker (a custom
 * activity with their `from`, as "Mock an Activity" sends it) changes the bed board. Read back from the playground's
 * own log of what the bot sent it.
 */
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startPlaygroundApp, type PlaygroundApp } from "../../helpers/playground-app.ts";

describe("a cold night in the Agents Playground", () => {
  let playground: PlaygroundApp;
  const log = () => playground.log();

  /** Sends a message in Alex's personal chat as `from` (Alex by default), as the page or "Mock an Activity" does. */
  async function say(text: string, from: Record<string, string> = { id: "user-id-0", aadObjectId: "00000000-0000-0000-0000-0000000000020" }): Promise<void> {
    const base = playground.playgroundUrl.replace("localhost", "127.0.0.1");
    const template = (await (await fetch(`${base}/_internal/v1/customActivities/template?conversationId=a:playground-personal-chat`)).json()) as Record<
      string,
      unknown
    >;
    const res = await fetch(`${base}/_internal/v1/customActivities`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...template, type: "message", text, textFormat: "plain", from }),
    });
    if (res.status !== 200) throw new Error(`the playground refused the activity: ${res.status} ${await res.text()}`);
  }

  beforeAll(async () => {
    playground = await startPlaygroundApp("samverka-playground-night-");
  }, 180_000);
  afterAll(async () => {
    await playground?.close();
  });

  it("posts the card in the team's General channel and prompts each shelter's night worker when Alex declares", async () => {
    expect(playground.playgroundUrl).toMatch(/^http:\/\/localhost:\d+$/);
    // Tomorrow's night, by date: the test must not depend on the hour it runs (between 00.00 and 06.00 "kallnatt" asks).
    const night = DateTime.now().setZone("Europe/Stockholm").plus({ days: 1 }).toISODate()!;
    await say(`kallnatt ${night} -9`);
    await eventually(() => log().includes("Extra kall natt är utlyst för natten mot"), "Alex's own copy of the card");
    await eventually(() => log().includes("Kan Nattverksamhet Convictus öppna extra platser"), "Natt Convictus's prompt");
    await eventually(() => log().includes("Kan Nattverksamhet Stockholms stadsmission öppna extra platser"), "Natt Stadsmissionen's prompt");
    // The card went to the channel: the playground logs the message it shows there, with the channel's id.
    await eventually(
      () => /"actionConversationId":"19:fake-samverkansgrupp@thread\.tacv2","message":\{[^\n]*"fallbackText":"Extra kall natt – natten mot/.test(log()),
      "the card in the General channel",
    );
  });

  it("lets a night worker report free beds as themselves, and the board says so", async () => {
    await say("platser 12 lediga", { id: "29:fake-convictus-natt", name: "Natt Convictus", aadObjectId: "00000000-0000-0000-0000-0000000000026" });
    await eventually(() => log().includes("Platserna på Nattverksamhet Convictus är uppdaterade"), "the night worker's report was taken as theirs");
    await say("platser");
    await eventually(
      () => log().includes("Totalt 115 ordinarie platser, varav 20 för kvinnor, i 3 natthärbärgen.") && log().includes("12 lediga"),
      "the board with the report",
    );
  });
});
