import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedContractData } from "../chat-contract.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

// Slack gives up on a request it has not seen acknowledged after 3 seconds and shows the user an error.
const SLACK_ACK_DEADLINE_MS = 3000;
const users = { member: { userId: "U0MAJA" }, admin: { userId: "U0ADA" }, twoPartnerships: { userId: "U0TOVE" }, stranger: { userId: "U0OKAND" } };
const HELP_TITLE = "Samverka – det här kan jag";

let db: TestDatabase;
let slack: SlackServer;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedContractData(db.db, "slack", users, "C0ALFA");
  slack = await startSlackServer({ databaseUrl: db.url });
});

afterAll(async () => {
  await slack?.close();
  await db?.drop();
});

beforeEach(() => slack.driver.clear());

function commandBody(text: string): string {
  return new URLSearchParams({
    team_id: "T0SAMVERKA",
    channel_id: "D0MAJA",
    user_id: users.member.userId,
    user_name: "maja",
    command: "/samverka",
    text,
    trigger_id: "1.2.3",
    response_url: slack.fake.createResponseUrl({ channel: "D0MAJA", userId: users.member.userId }),
  }).toString();
}

/** Sends a valid command and waits for its answer; by then a wrongly accepted earlier request would have been answered. */
async function expectNothingAnsweredBefore(): Promise<void> {
  await slack.driver.command(users.member, "status");
  await slack.driver.waitFor((i) => i.text.includes("Din status i Samverka"));
  expect(slack.driver.sent().filter((i) => i.text.includes(HELP_TITLE))).toEqual([]);
}

describe("the Samverka server on Slack", () => {
  it("acknowledges a signed /samverka hjälp within 3 s and sends the help message to the Web API", async () => {
    const started = performance.now();
    await slack.driver.command(users.member, "hjälp");
    expect(performance.now() - started).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    const help = await slack.driver.waitFor((i) => i.text.includes(HELP_TITLE));
    expect(help).toMatchObject({ kind: "direct", conversation: "D0MAJA" });
    expect(slack.fake.calls("chat.postMessage")).toHaveLength(1);
  });

  it("acknowledges at once even while Slack's Web API makes the answer wait with a 429", async () => {
    slack.fake.failNext("chat.postMessage", { status: 429, retryAfter: 2 });
    const started = performance.now();
    await slack.driver.command(users.member, "hjälp");
    expect(performance.now() - started).toBeLessThan(SLACK_ACK_DEADLINE_MS);
    await slack.driver.waitFor((i) => i.text.includes(HELP_TITLE), 10_000);
    const [limited, sent] = slack.fake.calls("chat.postMessage");
    expect(sent!.at - limited!.at).toBeGreaterThanOrEqual(2000);
  });

  it("answers 401 to a request signed with another secret, and does nothing", async () => {
    const res = await slack.driver.post(commandBody("hjälp"), { signature: "v0=5c2b4a8f0e7d1c3b6a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b" });
    expect(res.status).toBe(401);
    await expectNothingAnsweredBefore();
  });

  it("answers 401 to a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const res = await slack.driver.post(commandBody("hjälp"), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await expectNothingAnsweredBefore();
  });

  it("handles an event once when Slack delivers it again with X-Slack-Retry-Num", async () => {
    const dm = { type: "message", channel: "D0MAJA", channel_type: "im", user: users.member.userId, text: "hjälp", ts: "1800000000.000200" };
    expect((await slack.driver.event(dm, { eventId: "Ev0E2ERETRY" })).status).toBe(200);
    await slack.driver.waitFor((i) => i.text.includes(HELP_TITLE));
    expect((await slack.driver.event(dm, { eventId: "Ev0E2ERETRY", retryNum: 1 })).status).toBe(200);
    expect((await slack.driver.event(dm, { eventId: "Ev0E2ERETRY", retryNum: 2 })).status).toBe(200);
    // A different event afterwards is answered, so the retries had their chance to be (wrongly) answered first.
    await slack.driver.message(users.member, "status");
    await slack.driver.waitFor((i) => i.text.includes("Din status i Samverka"));
    expect(slack.driver.sent().filter((i) => i.text.includes(HELP_TITLE))).toHaveLength(1);
  });
});
