/**
 * An extra cold night end to end on the REAL server, with Slack and Teams on the same partnership at once:
 * declare → every shelter's staff prompted → two shelters answer (one on each platform) and the card's total
 * updates in place on both → the third escalates step by step at the configured times → it answers and the ladder
 * stops → close → the morning follow-up is recorded. A manual clock drives the server; due reminders are handed
 * to the server's own queue as BullMQ would when their delay runs out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { Platform } from "../../../src/chat/chat-port.ts";
import { findPendingReminders } from "../../../src/reminders/reminder.repository.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import type { PlatformDriver, SentItem, TestUser } from "../../helpers/platform-driver.ts";
import { startSlackServer, type SlackServer } from "../../helpers/slack-server.ts";
import { createTeamsDriver, type TeamsDriver } from "../../helpers/teams-driver.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { seedAlertsPartnership, type Person } from "../../integration/alerts/alerts-seed.ts";

const SLACK_CHANNEL = "C0ALERTS";
const TEAMS_CHANNEL = "19:alerts@thread.tacv2";
const slackUser = (id: string): TestUser => ({ userId: id });
const teamsUser = (id: string): TestUser => ({ userId: `29:${id}`, aadObjectId: `aad-${id}`, name: id });
const USERS: Record<Person, { platform: Platform; user: TestUser }> = {
  sara: { platform: "slack", user: slackUser("U0SARA") },
  jour: { platform: "teams", user: teamsUser("jour") },
  cConv: { platform: "slack", user: slackUser("U0CCONV") },
  cFa: { platform: "teams", user: teamsUser("cfa") },
  cNg: { platform: "slack", user: slackUser("U0CNG") },
  sConv: { platform: "slack", user: slackUser("U0SCONV") },
  sFa: { platform: "teams", user: teamsUser("sfa") },
  sNg: { platform: "teams", user: teamsUser("sng") },
  mConv: { platform: "slack", user: slackUser("U0MCONV") },
  dayStaff: { platform: "slack", user: slackUser("U0DAY") },
};

describe("an extra cold night end to end on Slack and Teams", () => {
  let db: TestDatabase;
  let slack: SlackServer;
  let teams: TeamsDriver;
  let jobs: JobRuntime;
  const clock = createManualClock("2026-12-03T15:00:00Z");
  const driverOf = (person: Person): PlatformDriver => (USERS[person].platform === "slack" ? slack.driver : teams);
  const userOf = (person: Person) => USERS[person].user;

  /** Hands every reminder due by the clock to the server's queue, as the delayed job would fire. */
  const deliverDue = async () => {
    for (const job of await findPendingReminders(db.db, clock.now(), 100)) {
      await jobs.reminderQueue.remove(job.reminderId, job.dueAt);
      await jobs.reminderQueue.enqueue(job.reminderId, job.dueAt);
    }
  };
  // Slack DMs are known by their channel (D + the user id without U), Teams personal chats by their user.
  const isDirectTo = (person: Person, item: SentItem) => {
    const { platform, user } = USERS[person];
    if (platform === "slack") return item.conversation === slack.driver.dmChannel(user) || item.userId === user.userId;
    return item.conversation === teams.personalChat(user) || (item.userId !== undefined && [user.userId, user.aadObjectId].includes(item.userId));
  };
  /** Forgets what both platforms were sent, so each phase looks only at what it caused. */
  const forget = () => {
    slack.driver.clear();
    teams.clear();
  };
  const sentAfter = async (driver: PlatformDriver, matches: (item: SentItem) => boolean): Promise<SentItem> => {
    await driver.waitFor(() => driver.sent().some(matches), 10_000);
    return driver.sent().find(matches)!;
  };
  const nextDirect = (person: Person, text: string) => sentAfter(driverOf(person), (item) => isDirectTo(person, item) && item.text.includes(text));
  const card = (driver: PlatformDriver, channel: string, text: string) =>
    sentAfter(driver, (item) => item.conversation === channel && (item.kind === "post" || item.kind === "update") && item.text.includes(text));
  const answerOpening = async (person: Person, prompt: SentItem, places: string) => {
    const driver = driverOf(person);
    await driver.click(userOf(person), prompt, "Vi öppnar N extra platser");
    const form = await sentAfter(driver, (item) => (item.fields ?? []).includes("places"));
    expect(await driver.submitForm(userOf(person), form, { places })).toBeUndefined();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    db.pool.on("error", () => undefined);
    const identities = Object.fromEntries(
      Object.entries(USERS).map(([key, u]) => [key, { platform: u.platform, id: u.platform === "teams" ? u.user.aadObjectId! : u.user.userId }]),
    ) as Record<Person, { platform: Platform; id: string }>;
    await seedAlertsPartnership(db.db, "eu-stockholm", identities, { slack: SLACK_CHANNEL, teams: TEAMS_CHANNEL });
    slack = await startSlackServer({ databaseUrl: db.url, clock });
    teams = await createTeamsDriver({ serverUrl: slack.app.url! });
    // Teams only lets a bot write where it was installed: the alerts channel and each Teams user's personal chat.
    await teams.install({ conversation: TEAMS_CHANNEL });
    for (const person of Object.keys(USERS) as Person[]) if (USERS[person].platform === "teams") await teams.install({ user: userOf(person) });
    jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
  });
  afterAll(async () => {
    await jobs?.close();
    await teams?.close();
    await slack?.close();
    await db?.drop();
  });

  it("declares once and prompts every shelter's staff on their own platform", async () => {
    await slack.driver.command(userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    await card(slack.driver, SLACK_CHANNEL, "Extra kall natt 2026-12-03");
    await card(teams, TEAMS_CHANNEL, "Extra kall natt 2026-12-03");
    await nextDirect("sConv", "Kan Convictus natthärbärge öppna extra platser i natt?");
    await nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser i natt?");
    await nextDirect("sNg", "Kan Ny Gemenskaps nattcafé öppna extra platser i natt?");
    expect(slack.driver.sent().filter((i) => isDirectTo("dayStaff", i))).toEqual([]);
  });

  it("updates the same card on both platforms as a Slack shelter and a Teams shelter answer", async () => {
    const convictus = await nextDirect("sConv", "Kan Convictus natthärbärge");
    const fa = await nextDirect("sFa", "Kan Frälsningsarméns härbärge");
    forget();
    await answerOpening("sConv", convictus, "12");
    await card(slack.driver, SLACK_CHANNEL, "Totalt 12 extra platser i natt.");
    await card(teams, TEAMS_CHANNEL, "Totalt 12 extra platser i natt.");

    await teams.click(userOf("sFa"), fa, "Fullt");
    const slackCard = await card(slack.driver, SLACK_CHANNEL, "Fullt (Siv Frälsningsarmén)");
    const teamsCard = await card(teams, TEAMS_CHANNEL, "Fullt (Siv Frälsningsarmén)");
    for (const item of [slackCard, teamsCard]) {
      expect(item.kind).toBe("update");
      expect(item.text).toContain("Öppnar 12 extra platser (Sam Convictus)");
    }
    expect(slack.driver.sent().filter((i) => i.conversation === SLACK_CHANNEL && i.kind === "post")).toEqual([]);
  });

  it("escalates the silent shelter at 15, 30 and 45 minutes, then stops when it answers", async () => {
    forget();
    clock.set("2026-12-03T15:15:00Z");
    await deliverDue();
    const reminder = await nextDirect("sNg", "Påminnelse: Ny Gemenskaps nattcafé har inte svarat");

    clock.set("2026-12-03T15:30:00Z");
    await deliverDue();
    await nextDirect("cNg", "Ny Gemenskaps nattcafé (Ny Gemenskap) har inte svarat");

    clock.set("2026-12-03T15:45:00Z");
    await deliverDue();
    await nextDirect("sara", "Eskalering: Ny Gemenskaps nattcafé");
    await nextDirect("jour", "Eskalering: Ny Gemenskaps nattcafé");

    forget();
    await answerOpening("sNg", reminder, "8");
    await card(slack.driver, SLACK_CHANNEL, "Totalt 20 extra platser i natt.");
    await card(teams, TEAMS_CHANNEL, "Totalt 20 extra platser i natt.");
    const ladder = await db.db.selectFrom("reminders").where("status", "=", "pending").where("key", "like", "coldnight:%:step-%").select("key").execute();
    expect(ladder).toEqual([]);
  });

  it("closes, then asks each shelter in the morning and records the figures", async () => {
    forget();
    clock.set("2026-12-04T07:30:00Z");
    await slack.driver.command(userOf("sara"), "kallnatt stäng", { conversation: SLACK_CHANNEL });
    await card(slack.driver, SLACK_CHANNEL, "Avslutad av Sara Samordning");
    await card(teams, TEAMS_CHANNEL, "Avslutad av Sara Samordning");

    clock.set("2026-12-04T08:00:00Z");
    await deliverDue();
    const ask = await nextDirect("sConv", "hur många extra platser användes på Convictus natthärbärge");
    await nextDirect("sFa", "hur många extra platser användes på Frälsningsarméns härbärge");
    await slack.driver.click(userOf("sConv"), ask, "Rapportera");
    const form = await sentAfter(slack.driver, (item) => (item.fields ?? []).includes("used"));
    expect(await slack.driver.submitForm(userOf("sConv"), form, { used: "11", away: "3" })).toBeUndefined();
    await card(teams, TEAMS_CHANNEL, "Uppföljning: 11 extra platser användes, 3 fick nej.");
    const row = await db.db
      .selectFrom("cold_night_responses as r")
      .innerJoin("activities as a", "a.id", "r.activity_id")
      .where("a.key", "=", "natt-convictus")
      .select(["r.places_used", "r.turned_away"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ places_used: 11, turned_away: 3 });
  });
});
