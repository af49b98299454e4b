/**
 * Starting the Agents Playground installs Samverka in its team (as "Add to a team" does in Teams): the bot hears of
 * every team channel at once, so a cold-night card can be posted in the General channel before anyone writes there.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlayground, type Playground } from "../../../adapters/teams/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

type Activity = { type?: string; conversation?: { id?: string }; membersAdded?: { id: string }[]; serviceUrl?: string };

let bot: Server;
let playground: Playground | undefined;
const received: Activity[] = [];
beforeAll(async () => {
  // A loopback bot endpoint that records what the playground sends it.
  bot = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (body !== "") received.push(JSON.parse(body) as Activity);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, "127.0.0.1", resolve));
  const port = (bot.address() as AddressInfo).port;
  playground = await startPlayground({
    botEndpoint: `http://127.0.0.1:${port}/api/messages`,
    port: 0,
    logger: silentLogger,
    logFile: path.join(tmpdir(), `samverka-playground-install-${process.pid}.log`),
  });
}, 60_000);
afterAll(async () => {
  await playground?.stop();
  await new Promise((resolve) => bot.close(resolve));
});

describe("the Agents Playground at start", () => {
  it("tells the bot it was added to each of the team's channels, with the playground's connector to answer through", async () => {
    const deadline = Date.now() + 10_000;
    const added = () =>
      received.filter((a) => a.type === "conversationUpdate" && (a.membersAdded ?? []).some((m) => m.id === "00000000-0000-0000-0000-00000000000011"));
    while (added().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      added()
        .map((a) => a.conversation?.id)
        .sort(),
    ).toEqual(["19:fake-samverkansgrupp@thread.tacv2", "19:fake-styrgrupp@thread.tacv2"]);
    expect(added()[0]?.serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector$/);
  });
});
