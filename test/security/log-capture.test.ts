/**
 * What the logs keep (SECURITY.md, "sensitive free text"): the REAL server's pino output at level trace, captured
 * across full runs on Slack and Teams at once — a cold night declared and answered, a report of threats and violence
 * first refused for a personnummer typed in several forms and then sent, a follow-up report answered in the
 * conversation (with a personnummer typed there too) and by the form, and Teams with credentials refusing unsigned
 * and forged activities — holds no form answer, free text, personnummer, bot token, signing secret or app password.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../adapters/logging/pino-logger.ts";
import { createJobRuntime } from "../../jobs/job-runtime.ts";
import type { Platform } from "../../src/chat/chat-port.ts";
import { createReportsFeature } from "../../src/reports/index.ts";
import { createManualClock } from "../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";
import { incidentValues, openIncidentForm, shelterIds, startAlertsServer } from "../e2e/alerts/alerts-server.ts";
import type { PlatformDriver, SentItem, TestUser } from "../helpers/platform-driver.ts";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../helpers/slack-driver.ts";
import { startSlackServer } from "../helpers/slack-server.ts";
import { createTeamsDriver } from "../helpers/teams-driver.ts";
import { startTeamsServer } from "../helpers/teams-server.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { createTestCoreDeps } from "../helpers/core-deps.ts";
import { seedReportingPartnership } from "../integration/reports/reports-seed.ts";

const APP_PASSWORD = "Samverka~app.Password-0123456789abcdefXYZ";
const TEAMS_APP_ID = "11111111-2222-3333-4444-555555555555";

// Free text typed into forms and conversations: none of it may reach a log line.
const INCIDENT_SLACK = "Besökaren kastade en termos mot nattvakten vid disken";
const INCIDENT_TEAMS = "En gäst hotade volontären med en kniv i sovsalen";
const OBSERVATIONS = "Många nya gäster från Rumänien under oktober";
const OBSERVATIONS_FORM = "Kylan drev in fler kvinnor i november";
// Valid personnummer and samordningsnummer, in the forms people write them.
const IDENTITY_NUMBERS = ["811218-9876", "19811218-9876", "8112189876", "198112189876", "701063-2391", "121212+1212"];
const IDENTITY_DIGITS = ["8112189876", "7010632391", "1212121212"];

/** The real logger (the one `npm start` builds) at trace, writing its JSON lines here instead of stdout. */
function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((l) => l !== ""),
      );
      done();
    },
  });
  return { logger: createLogger({ level: "trace", destination: sink }), lines };
}

describe("the logs of a full run on Slack and Teams", () => {
  const { logger, lines } = captureLogs();
  /** Field values submitted in forms, as field id → value, to look for in the logs as JSON fields. */
  const submitted: [string, string][] = [];

  const coldNightAndIncidents = async () => {
    const w = await startAlertsServer("2026-12-03T22:40:00Z", { logger });
    try {
      const shelters = await shelterIds(w);
      // Teams answers an activity once it is recorded: the setup's deliveries (the install greetings) are handled
      // first, so none of their answers takes the one failure meant for the outbox.
      const unhandled = async () => (await w.db.selectFrom("inbox").select("id").where("status", "in", ["pending", "processing"]).execute()).length;
      await vi.waitFor(async () => expect(await unhandled()).toBe(0), { timeout: 10_000 });
      // Each platform fails once as a transport error would, so what the outbox logs of a failed call is captured too.
      w.slackFake.failNext("chat.postMessage", { status: 500 });
      w.teams.connector.failNext(500, 1);
      // Declared in Sara's DM: in a channel the declaration is also answered there at once, and that inline answer
      // would take the one failure meant for the outbox.
      await w.slack.command(w.userOf("sara"), "kallnatt -9");
      const fa = await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser den natten?");
      const convictus = await w.nextDirect("sConv", "Kan Convictus natthärbärge öppna extra platser den natten?");
      await w.teams.click(w.userOf("sFa"), fa, "Öppna extra platser");
      const teamsPlaces = await w.sentAfter(w.teams, (i) => (i.fields ?? []).includes("places"));
      expect(await w.teams.submitForm(w.userOf("sFa"), teamsPlaces, { places: "37", women: "13" })).toBeUndefined();
      await w.slack.click(w.userOf("sConv"), convictus, "Öppna extra platser");
      const slackPlaces = await w.sentAfter(w.slack, (i) => (i.fields ?? []).includes("places"));
      expect(await w.slack.submitForm(w.userOf("sConv"), slackPlaces, { places: "29", women: "11" })).toBeUndefined();
      submitted.push(["places", "37"], ["women", "13"], ["places", "29"], ["women", "11"]);
      await w.card("slack", "Totalt 66 extra platser i natt.");
      await w.teams.message(w.userOf("sNg"), "platser 17 lediga");

      const report = async (person: "sConv" | "sFa", activity: string, description: string) => {
        const driver = w.driverOf(person);
        const form = await openIncidentForm(w, person);
        const values = incidentValues(shelters[activity]!, description);
        for (const number of IDENTITY_NUMBERS.slice(0, 3)) {
          const refused = await driver.submitForm(w.userOf(person), form, { ...values, description: `${description}. Han heter ${number}.` });
          expect(refused?.description).toContain("personnummer");
        }
        expect(await driver.submitForm(w.userOf(person), form, { ...values, description })).toBeUndefined();
      };
      await report("sConv", "natt-convictus", INCIDENT_SLACK);
      await report("sFa", "natt-fa", INCIDENT_TEAMS);
      await w.nextDirect("sara", INCIDENT_SLACK);
      await w.nextDirect("sara", INCIDENT_TEAMS);
      // A personnummer typed straight to the bot, on both platforms.
      await w.slack.command(w.userOf("sConv"), `agenda Ring om gästen ${IDENTITY_NUMBERS[3]!}`);
      await w.teams.message(w.userOf("sFa"), `platser 3 lediga, gästen ${IDENTITY_NUMBERS[4]!} fick gå`);
    } finally {
      await w.close();
    }
  };

  const reportAnswered = async () => {
    const db = await createTestDatabase();
    db.pool.on("error", () => undefined);
    const clock = createManualClock("2026-12-17T07:00:00Z");
    const anna: TestUser = { userId: "U0ANNA" };
    const bertil: TestUser = { userId: "29:bertil", aadObjectId: "aad-bertil", name: "Bertil Berg" };
    await seedReportingPartnership(db.db, {
      anna: { slack: anna.userId },
      bertil: { teams: bertil.aadObjectId! },
      cecilia: { slack: "U0CECILIA" },
      david: { slack: "U0DAVID" },
    });
    const slack = await startSlackServer({ databaseUrl: db.url, clock, logger });
    const teams = await createTeamsDriver({ serverUrl: slack.app.url! });
    const jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
    try {
      await teams.install({ user: bertil });
      const platforms = () => new Set<Platform>(["slack", "teams"]);
      const deps = createTestCoreDeps({ db: db.db, clock, reminderQueue: jobs.reminderQueue, outboxQueue: jobs.outboxQueue, platforms });
      await createReportsFeature(deps).recurring![0]!.run(clock.now());
      const next = async (driver: PlatformDriver, text: string, after: number): Promise<SentItem> => {
        await driver.waitFor(
          () =>
            driver
              .sent()
              .slice(after)
              .some((i) => i.text.includes(text)),
          10_000,
        );
        return driver
          .sent()
          .slice(after)
          .find((i) => i.text.includes(text))!;
      };
      await next(slack.driver, "Fråga 1 av 13", 0);
      const answers = ["121", "41", "69", "11", "951", "hoppa över", "ok", "16", "ok", "ok", "ok", "36,5"];
      for (const answer of answers) {
        const mark = slack.driver.sent().length;
        await slack.driver.message(anna, answer);
        await next(slack.driver, "Fråga", mark);
      }
      let mark = slack.driver.sent().length;
      await slack.driver.message(anna, `${OBSERVATIONS}, bland annat ${IDENTITY_NUMBERS[5]!}.`);
      await next(slack.driver, "personnummer", mark);
      mark = slack.driver.sent().length;
      await slack.driver.message(anna, OBSERVATIONS);
      const summary = await next(slack.driver, "Sammanfattning", mark);
      mark = slack.driver.sent().length;
      await slack.driver.click(anna, summary, "Skicka in");
      await next(slack.driver, "är inskickad", mark);

      await teams.command(bertil, "rapport formulär");
      const form = await teams.waitFor((i) => i.kind === "form", 10_000);
      const values = {
        unique_visitors: "133",
        visitors_women: "47",
        visitors_men: "81",
        visitors_other: "5",
        nights_provided: "977",
        occupancy_percent: "",
        turned_away: "0",
        referrals: "19",
        cold_nights: "0",
        extra_places_used: "0",
        incidents: "0",
        volunteer_hours: "41.5",
        observations: OBSERVATIONS_FORM,
      };
      expect(await teams.submitForm(bertil, form, values)).toBeUndefined();
      submitted.push(...Object.entries(values).filter(([, v]) => v.length > 1));
    } finally {
      await jobs.close();
      await teams.close();
      await slack.close();
      await db.drop();
    }
  };

  const teamsWithCredentials = async () => {
    const db = await createTestDatabase();
    const env = {
      TEAMS_CLIENT_ID: TEAMS_APP_ID,
      TEAMS_CLIENT_SECRET: APP_PASSWORD,
      TEAMS_TENANT_ID: "a1b2c3d4-0000-0000-0000-000000000000",
      SAMVERKA_TEAMS_LOCAL: "0",
    };
    const teams = await startTeamsServer({ databaseUrl: db.url, logger, env });
    try {
      const forged = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify({ aud: TEAMS_APP_ID, iss: "https://api.botframework.com" })).toString("base64url")}.`;
      for (const authorization of [undefined, `Bearer ${forged}`, `Bearer ${APP_PASSWORD}`]) {
        const activity = {
          type: "message",
          id: "f:1",
          text: `status ${IDENTITY_NUMBERS[0]!}`,
          channelId: "msteams",
          serviceUrl: `${teams.driver.connector.url}/`,
          from: { id: "29:mallory", aadObjectId: "aad-mallory" },
          recipient: { id: `28:${TEAMS_APP_ID}` },
          conversation: { id: "a:mallory", conversationType: "personal" },
        };
        const res = await fetch(`${teams.app.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBe(401);
      }
    } finally {
      await teams.close();
      await db.drop();
    }
  };

  beforeAll(async () => {
    await coldNightAndIncidents();
    await reportAnswered();
    await teamsWithCredentials();
  }, 180_000);
  afterAll(() => {
    console.log(`log capture: ${lines.length} lines, ${lines.reduce((n, l) => n + l.length, 0)} characters`);
  });

  /** The captured lines that contain `needle` (a string, or a pattern): the failure names them. */
  const linesWith = (needle: string | RegExp) => lines.filter((l) => (typeof needle === "string" ? l.includes(needle) : needle.test(l)));

  it("captured the server's real output down to trace: Bolt, the Teams SDK, the inbox, the outbox and a failed call on each platform", () => {
    const parsed = lines.map(
      (l) => JSON.parse(l) as { level: number; app?: string; platform?: string; component?: string; sdk?: string; code?: string; reason?: string; msg: string },
    );
    expect(parsed.every((l) => l.app === "samverka")).toBe(true);
    expect(parsed.filter((l) => l.level <= 20).length).toBeGreaterThan(50);
    expect(parsed.some((l) => l.component === "bolt")).toBe(true);
    expect(parsed.some((l) => l.platform === "teams" && l.sdk !== undefined)).toBe(true);
    expect(parsed.some((l) => l.platform === "teams" && l.msg.startsWith("Handling activity"))).toBe(true);
    const failed = parsed.filter((l) => l.component === "outbox" && l.code === "platform_unavailable").map((l) => l.reason);
    expect(failed).toEqual(expect.arrayContaining([expect.stringMatching(/^Slack /), expect.stringMatching(/^Teams /)]));
  });

  it("holds no free text typed into a form or a conversation", () => {
    for (const typed of [INCIDENT_SLACK, INCIDENT_TEAMS, OBSERVATIONS, OBSERVATIONS_FORM]) {
      // Any distinctive word of it, so a truncated or re-encoded copy is found too.
      for (const word of typed.split(" ").filter((w) => w.length >= 7)) expect(linesWith(word), typed).toEqual([]);
    }
    expect(linesWith(/Ring om gästen|fick gå/)).toEqual([]);
  });

  it("holds no form answer as a field", () => {
    for (const [field, value] of submitted)
      expect(linesWith(new RegExp(`"(field\\.)?${field}\\\\?"\\s*:\\s*\\\\?"?${value.replace(".", "\\.")}\\b`))).toEqual([]);
    expect(linesWith(/"(values|answers|description|observations)\\?"\s*:/)).toEqual([]);
  });

  it("holds no personnummer or samordningsnummer in any form it was typed", () => {
    for (const number of IDENTITY_NUMBERS) expect(linesWith(number)).toEqual([]);
    for (const digits of IDENTITY_DIGITS) expect(lines.filter((l) => l.replace(/[-+\s]/g, "").includes(digits))).toEqual([]);
  });

  it("holds no bot token, signing secret or app password", () => {
    expect(linesWith(TEST_BOT_TOKEN)).toEqual([]);
    expect(linesWith(TEST_SIGNING_SECRET)).toEqual([]);
    expect(linesWith(APP_PASSWORD)).toEqual([]);
    expect(linesWith(/xox[abp]-|Bearer /)).toEqual([]);
  });
});
