import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/chat/message.ts";
import { createOutboxWriter } from "../../../src/outbox/outbox-writer.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
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

  it("delivers the example's meeting notices to the playground's users once it has installed Samverka there", async () => {
    const { db } = playground.app;
    const alex = await db.selectFrom("members").where("display_name", "=", "Alex Wilber").select("id").executeTakeFirstOrThrow();
    // Samordning's notice of what did not reach the others waits for its window's end: not one of the notices here.
    const toAlex = () =>
      db.selectFrom("outbox").where("member_id", "=", alex.id).where("key", "not like", "outbox-failed:%").select(["key", "status"]).execute();
    for (let i = 0; i < 100 && (await toAlex()).some((r) => ["pending", "processing"].includes(r.status)); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    // Planned before the playground's install, they failed as "installed nowhere yet": Alex got none of his own.
    const rows = await toAlex();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.key} ${r.status}`)).toEqual([]);
  });

  it("fails a direct message to a member the playground does not have at once, without writing to the playground", async () => {
    const { db } = playground.app;
    // Maria Nilsson (samordning) is in the example, with the Teams id 29:fake-samordning, but not a playground user.
    const maria = await db.selectFrom("members").where("display_name", "=", "Maria Nilsson").select("id").executeTakeFirstOrThrow();
    const writer = createOutboxWriter({ db, clock: systemClock, logger: silentLogger, platforms: () => new Set(["teams"]), queued: [] });
    await writer.toMember(maria.id, () => textMessage("Till någon utanför playgrounden"), { key: "test:outside-the-cast" });
    await playground.app.sweep();
    const row = () =>
      db.selectFrom("outbox").where("key", "like", "test:outside-the-cast%").select(["status", "attempts", "last_error as error"]).executeTakeFirstOrThrow();
    for (let i = 0; i < 100 && ["pending", "processing"].includes((await row()).status); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    // Failed on its first attempt, for good: before, the playground opened the chat (201) and refused the message (500), ten times.
    const settled = await row();
    expect(settled).toMatchObject({ status: "failed", attempts: 1 });
    expect(settled.error).toContain("not_installed");
    expect(log()).not.toContain("29:fake-samordning");
    expect(log()).not.toContain('"statusCode":500');
  });

  it("lists the example's planned meetings at the first möten, without waiting for the daily tick", async () => {
    await typeInPlayground(playground.playgroundUrl, "möten");
    await eventually(
      () => log().includes("Kommande möten") && log().includes("**Samverkansgrupp**: torsdag"),
      "the meetings list named a planned Samverkansgrupp meeting",
    );
  });
});
