/**
 * Denial of service at the edges (issue 13, item 7), on the REAL server with Slack and Teams: one person sending a
 * flood of commands gets one friendly answer and no more work is done for them; a body larger than any route takes
 * is refused with 413 on every route (Slack's own limit kept), also when it is sent in chunks without a length, and
 * the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedContractData } from "../chat-contract.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const HELP_TITLE = "Samverka – det här kan jag";
const users = { member: { userId: "U0MAJA" }, admin: { userId: "U0ADA" }, twoPartnerships: { userId: "U0TOVE" }, stranger: { userId: "U0OKAND" } };

let db: TestDatabase;
let slack: SlackServer;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedContractData(db.db, "slack", users, "C0ALFA");
  slack = await startSlackServer({ databaseUrl: db.url, env: { SAMVERKA_RATE_LIMIT: "3/6" } });
});
afterAll(async () => {
  await slack?.close();
  await db?.drop();
});

describe("limits at the edges", () => {
  it("answers a person's flood of commands once, kindly, and does the work only for those within the limit", async () => {
    for (let i = 0; i < 8; i++) await slack.driver.command(users.member, "hjälp");
    await slack.driver.waitFor((item) => item.text.includes("Du har skickat många kommandon på kort tid"), 10_000);
    // Each command is answered or refused when it is handled; wait for the last to be.
    const deadline = Date.now() + 10_000;
    while ((await db.db.selectFrom("inbox").select("id").where("status", "in", ["pending", "processing"]).execute()).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sent = slack.driver.sent();
    expect(sent.filter((i) => i.text.includes(HELP_TITLE))).toHaveLength(3);
    expect(sent.filter((i) => i.text.includes("Du har skickat många kommandon"))).toHaveLength(1);
    // Someone else is not held back by it.
    await slack.driver.command(users.admin, "hjälp");
    await slack.driver.waitFor((i) => i.text.includes(HELP_TITLE) && i.conversation === "D0ADA");
  });

  it("refuses a body larger than any route takes with 413 on every route, and keeps serving", async () => {
    const big = "x".repeat(1024 * 1024 + 1);
    for (const path of ["/slack/events", "/api/messages", "/healthz", "/no-such-route"]) {
      const res = await fetch(`${slack.app.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
      expect(res.status, path).toBe(413);
      expect(await res.text()).not.toMatch(/at .*\.ts/);
    }
    // Teams has its own, smaller limit.
    const teams = await fetch(`${slack.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(300_000) }),
    });
    expect(teams.status).toBe(413);
    expect((await fetch(`${slack.app.url}/healthz`)).status).toBe(200);
  });

  it("refuses an oversized body sent in chunks without a length with 413, by each route's own limit", async () => {
    // No Content-Length, so the server-wide check cannot see the size: the body parsers' own limits must.
    const chunked = (bytes: number) => {
      const chunk = "x".repeat(64 * 1024);
      let left = bytes;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (left <= 0) return controller.close();
          const part = chunk.slice(0, Math.min(left, chunk.length));
          left -= part.length;
          controller.enqueue(new TextEncoder().encode(part));
        },
      });
    };
    const post = (path: string, bytes: number) =>
      fetch(`${slack.app.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: chunked(bytes),
        duplex: "half",
      });
    expect((await post("/slack/events", 1024 * 1024 + 1)).status).toBe(413);
    expect((await post("/api/messages", 300_000)).status).toBe(413);
    expect((await fetch(`${slack.app.url}/healthz`)).status).toBe(200);
  });
});
