import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startPlaygroundApp, type PlaygroundApp } from "../../helpers/playground-app.ts";

/** Sends a message as the playground's current user, the way its web page does (its conversation API). */
async function typeInPlayground(playgroundUrl: string, text: string): Promise<void> {
  const url = new URL("/_conversation/v1/conversations/a:playground-personal-chat/messages", playgroundUrl.replace("localhost", "127.0.0.1"));
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: { id: "user-id-0" }, text, textFormat: "plain" }),
  });
  if (res.status !== 200) throw new Error(`the playground refused the message: ${res.status} ${await res.text()}`);
}

describe("npm start without Teams credentials, on a fresh embedded data directory", () => {
  let playground: PlaygroundApp;
  const log = () => playground.log();

  beforeAll(async () => {
    playground = await startPlaygroundApp("samverka-playground-");
  }, 120_000);
  afterAll(async () => {
    await playground?.close();
  });

  it("serves the Agents Playground, prints its URL, and hjälp typed there gets the help card", async () => {
    expect(playground.playgroundUrl).toMatch(/^http:\/\/localhost:\d+$/);
    await typeInPlayground(playground.playgroundUrl, "hjälp");
    // The playground logs every activity it receives from the bot; the help card is among them.
    await eventually(() => log().includes("Samverka – det här kan jag"), "the help card reached the playground");
  });

  it("knows the playground's user as the Stockholm example's samordning member", async () => {
    await typeInPlayground(playground.playgroundUrl, "status");
    await eventually(
      () => log().includes("Din status i Samverka") && log().includes("Utsatta EU-medborgare"),
      "the status card named the Stockholm partnership",
    );
  });

  it("lists the example's planned meetings at the first möten, without waiting for the daily tick", async () => {
    await typeInPlayground(playground.playgroundUrl, "möten");
    await eventually(
      () => log().includes("Kommande möten") && log().includes("**Samverkansgrupp**: torsdag"),
      "the meetings list named a planned Samverkansgrupp meeting",
    );
  });
});
