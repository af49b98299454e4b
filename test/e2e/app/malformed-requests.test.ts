/**
 * No request can take the server down: malformed but correctly signed Slack bodies and malformed Teams bodies are
 * refused with a 4xx (JSON, never an HTML stack trace), and the server keeps answering afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let db: TestDatabase;
let slack: SlackServer;
beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startSlackServer({ databaseUrl: db.url });
});
afterAll(async () => {
  await slack?.close();
  await db?.drop();
});

const alive = async () => (await fetch(`${slack.app.url}/healthz`)).status;

describe("malformed requests", () => {
  it("answers a signed payload=null with 400 and stays up", async () => {
    expect((await slack.driver.post("payload=null")).status).toBe(400);
    expect(await alive()).toBe(200);
  });

  it("answers a signed JSON null, array or number with 400 and stays up", async () => {
    for (const body of ["null", "[]", "42", "{"]) {
      expect((await slack.driver.post(body, { contentType: "application/json" })).status).toBe(400);
    }
    expect(await alive()).toBe(200);
  });

  it("answers a signed object that is no Slack payload with 400", async () => {
    expect((await slack.driver.post(JSON.stringify({ hello: "world" }), { contentType: "application/json" })).status).toBe(400);
  });

  it("answers a malformed Teams body with a JSON 400 that carries no stack trace or path", async () => {
    for (const body of ["{not json", "null", '{"type":"message"}']) {
      const res = await fetch(`${slack.app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await res.text();
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      expect(text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|\/work\//);
    }
    expect(await alive()).toBe(200);
  });
});
