/**
 * Fault 7: bodies nobody meant to send, to every ingress. Signed `payload=null`, a signed JSON `null`, and
 * thousands of fast-check bodies (random text, random JSON, random form fields, Slack- and Teams-shaped
 * envelopes with random insides), all correctly signed for Slack and posted to `/slack/events`, and posted to
 * `/api/messages` (Teams is served unauthenticated on loopback without credentials). Every answer is a 4xx, or a
 * 2xx for a body the platform legitimately ignores: never a 5xx, never a dropped connection, and the process
 * stays alive.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAMS_TEST_BOT, TEAMS_TEST_TENANT } from "../helpers/teams-driver.ts";
import { startFakeConnector, type FakeConnector } from "../helpers/teams-fake-connector.ts";
import { startBot, type BotProcess } from "./harness/bot-process.ts";
import { faultRuns, type FaultRun } from "./harness/fault-runs.ts";
import { printTable } from "./harness/report.ts";
import { postSigned, type IngressResult } from "./harness/slack-ingress.ts";

const RUNS_PER_INGRESS = Number(process.env.FAULTS_FUZZ_RUNS ?? 2000);
const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

/** A request body with the content type it is sent as. */
interface Body {
  contentType: string;
  body: string;
}

const contentTypes = fc.constantFrom(JSON_TYPE, FORM_TYPE, "text/plain", "application/json; charset=utf-8", "multipart/form-data; boundary=x", "");
const anyText = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }));
const jsonText = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);
const formText = fc
  .dictionary(
    fc.oneof(fc.constantFrom("payload", "command", "text", "user_id", "channel_id", "response_url", "type", "ssl_check"), fc.string()),
    fc.oneof(fc.string(), jsonText),
  )
  .map((d) => new URLSearchParams(d).toString());

/** Slack's envelopes with random insides: the shapes Bolt and the receiver branch on. */
const slackShaped = fc.oneof(
  fc
    .record(
      {
        type: fc.constantFrom("event_callback", "url_verification", "app_rate_limited"),
        event_id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        event: fc.jsonValue(),
        challenge: fc.jsonValue(),
        team_id: fc.jsonValue(),
      },
      { requiredKeys: ["type"] },
    )
    .map((o) => ({ contentType: JSON_TYPE, body: JSON.stringify(o) })),
  fc
    .record(
      {
        type: fc.constantFrom("block_actions", "view_submission", "view_closed", "shortcut", "message_action", "block_suggestion"),
        user: fc.jsonValue(),
        actions: fc.jsonValue(),
        view: fc.jsonValue(),
        team: fc.jsonValue(),
        container: fc.jsonValue(),
        trigger_id: fc.jsonValue(),
      },
      { requiredKeys: ["type"] },
    )
    .map((o) => ({ contentType: FORM_TYPE, body: new URLSearchParams({ payload: JSON.stringify(o) }).toString() })),
  fc
    .dictionary(fc.constantFrom("command", "text", "user_id", "channel_id", "team_id", "response_url", "trigger_id", "api_app_id"), fc.string())
    .map((d) => ({ contentType: FORM_TYPE, body: new URLSearchParams({ command: "/samverka", ...d }).toString() })),
  fc.jsonValue().map((v) => ({ contentType: FORM_TYPE, body: new URLSearchParams({ payload: JSON.stringify(v) }).toString() })),
);

const randomBodies = fc.oneof(
  fc.record({ contentType: contentTypes, body: anyText }),
  fc.record({ contentType: contentTypes, body: jsonText }),
  fc.record({ contentType: fc.constant(FORM_TYPE), body: formText }),
);

/** Teams activities with random insides; the service URL is always the fake connector, so replies stay local. */
function teamsShaped(serviceUrl: string): fc.Arbitrary<Body> {
  const id = fc.oneof(fc.string(), fc.constant("29:fuzz-user"), fc.jsonValue());
  return fc
    .record(
      {
        type: fc.oneof(
          fc.constantFrom("message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "event", "typing", "endOfConversation"),
          fc.string(),
        ),
        name: fc.oneof(fc.constantFrom("adaptiveCard/action", "task/fetch", "composeExtension/query", "signin/verifyState"), fc.string()),
        id: fc.string(),
        text: fc.string(),
        value: fc.jsonValue(),
        from: fc.oneof(fc.record({ id, aadObjectId: fc.oneof(fc.uuid(), fc.string()), name: fc.string() }), fc.jsonValue()),
        conversation: fc.oneof(
          fc.record({ id, conversationType: fc.constantFrom("personal", "channel", "groupChat"), tenantId: fc.constant(TEAMS_TEST_TENANT) }),
          fc.jsonValue(),
        ),
        recipient: fc.oneof(fc.constant(TEAMS_TEST_BOT), fc.jsonValue()),
        channelData: fc.jsonValue(),
        membersAdded: fc.jsonValue(),
        attachments: fc.jsonValue(),
        entities: fc.jsonValue(),
        replyToId: fc.string(),
      },
      { requiredKeys: [] },
    )
    .map((a) => ({ contentType: JSON_TYPE, body: JSON.stringify({ channelId: "msteams", serviceUrl, ...a }) }));
}

async function postTeams(url: string, body: Body): Promise<IngressResult> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/api/messages`, {
      method: "POST",
      headers: body.contentType === "" ? {} : { "content-type": body.contentType },
      body: body.body,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, error: undefined, ms: Math.round(performance.now() - started), body: (await res.text()).slice(0, 300) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: undefined, error: cause?.code ?? (error as Error).name, ms: Math.round(performance.now() - started), body: "" };
  }
}

/** 4xx, or 2xx for a body the platform ignores; anything else (5xx, no answer) is a failure. */
const acceptable = (r: IngressResult) => r.status !== undefined && r.status < 500;

describe("malformed but signed bodies to every ingress", () => {
  const runs = faultRuns();
  let run: FaultRun;
  let connector: FakeConnector;
  let bot: BotProcess;
  const rows: Record<string, string | number>[] = [];
  /** Whether the bot still serves, a moment after a request (a crash takes a few milliseconds to be seen). */
  const serving = async (): Promise<boolean> => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!bot.alive()) return false;
    const res = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
    return res?.status === 200;
  };
  /** Each case gets a serving bot: one killed by the case before is started again, so every case is measured. */
  const ensureBot = async (): Promise<void> => {
    if (bot !== undefined && (await serving())) return;
    await bot?.kill();
    bot = await startBot({ role: "start", env: run.env, name: "malformed" });
  };

  beforeAll(async () => {
    run = await runs.open({ backend: "postgres", redisDb: 0, logLevel: "warn" });
    connector = await startFakeConnector();
    await ensureBot();
  });
  afterAll(async () => {
    printTable("Fault 7 — malformed but signed bodies (postgres jobs)", rows);
    await runs.close();
    await connector?.close();
  });

  /** One body that must get a 4xx (it can be read as nothing the platform sends), with the bot alive after it. */
  const single = async (ingress: string, name: string, send: () => Promise<IngressResult>) => {
    await ensureBot();
    const res = await send();
    const alive = await serving();
    rows.push({
      ingress,
      case: name,
      runs: 1,
      answers: String(res.status ?? res.error),
      "5xx or none": acceptable(res) ? 0 : 1,
      "alive after": alive ? "yes" : "no",
    });
    expect(alive, `the bot died:\n${bot.logTail()}`).toBe(true);
    expect(res.status, res.body).toBeGreaterThanOrEqual(400);
    expect(res.status, res.body).toBeLessThan(500);
    expect(res.body, "an error answer carries no stack trace").not.toMatch(/\n\s+at |node_modules|\/work\//);
  };

  it("answers a signed payload=null to /slack/events with a 4xx and stays up", () =>
    single("/slack/events", "payload=null", () => postSigned(bot.url, run.fake, "payload=null", FORM_TYPE)));
  it("answers a signed JSON null to /slack/events with a 4xx and stays up", () =>
    single("/slack/events", "JSON null", () => postSigned(bot.url, run.fake, "null", JSON_TYPE)));
  it("answers a JSON null to /api/messages with a 4xx and stays up", () =>
    single("/api/messages", "JSON null", () => postTeams(bot.url, { contentType: JSON_TYPE, body: "null" })));

  const fuzz = async (ingress: "/slack/events" | "/api/messages", bodies: fc.Arbitrary<Body>) => {
    await ensureBot();
    const statuses = new Map<string, number>();
    let runs = 0;
    let firstBad: { body: Body; result: IngressResult } | undefined;
    const send = (b: Body) =>
      ingress === "/slack/events"
        ? postSigned(bot.url, run.fake, b.body, b.contentType === "" ? "application/octet-stream" : b.contentType)
        : postTeams(bot.url, b);
    // Stop at the first bad answer: once the process is down every later body fails too, and shrinking against
    // a dead server would only report the smallest body, not the one that did it.
    await fc
      .assert(
        fc.asyncProperty(bodies, async (b) => {
          runs += 1;
          const result = await send(b);
          const key = String(result.status ?? result.error);
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
          const ok = acceptable(result) && bot.alive();
          if (!ok) firstBad ??= { body: b, result };
          return ok;
        }),
        { numRuns: RUNS_PER_INGRESS, endOnFailure: true },
      )
      .catch(() => undefined);
    const alive = await serving();
    rows.push({
      ingress,
      case: "fast-check random bodies",
      runs,
      answers: [...statuses.entries()]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(" "),
      "5xx or none": [...statuses.entries()].filter(([s]) => !/^[1-4]\d\d$/.test(s)).reduce((a, [, n]) => a + n, 0),
      "alive after": alive ? "yes" : "no",
      "first bad body":
        firstBad === undefined
          ? "–"
          : `${firstBad.body.contentType} ${JSON.stringify(firstBad.body.body.slice(0, 80))} → ${firstBad.result.status ?? firstBad.result.error}`,
    });
    expect(
      firstBad,
      firstBad === undefined
        ? ""
        : `${ingress} answered ${firstBad.result.status ?? firstBad.result.error} to ${JSON.stringify(firstBad.body)}; alive: ${bot.alive()}\n${bot.logTail(15)}`,
    ).toBeUndefined();
    expect(alive, "the process must still answer /healthz").toBe(true);
  };

  it(`answers ${RUNS_PER_INGRESS} signed random bodies to /slack/events with 4xx or 2xx, never 5xx`, async () => {
    await fuzz("/slack/events", fc.oneof(randomBodies, slackShaped));
  });

  it(`answers ${RUNS_PER_INGRESS} random bodies to /api/messages with 4xx or 2xx, never 5xx`, async () => {
    await fuzz("/api/messages", fc.oneof(randomBodies, teamsShaped(connector.url)));
  });
});
