/**
 * Forwarded and copied cards (SECURITY.md, "forwarded cards"), on the REAL server with Slack and Teams: a button or a
 * form carries no authority of its own. Whoever presses it acts as themselves, so a shelter's prompt forwarded to
 * another chat, pressed by another shelter's staff, a day-centre worker or a stranger, or samordning's escalation
 * pressed by shelter staff, is refused privately and changes nothing; the prompt's own recipient can still answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformDriver, SentItem, TestUser } from "../helpers/platform-driver.ts";
import { PROFILES, seedAlertsPartnership, type Person } from "../integration/alerts/alerts-seed.ts";
import { SLACK_CHANNEL, TEAMS_CHANNEL, startAlertsServer, type AlertsServer } from "../e2e/alerts/alerts-server.ts";

const NOT_ALLOWED = (shelter: string) => `Bara personalen på ${shelter}, dess samordnare eller samordningen kan svara för härbärget.`;
const FA = "Frälsningsarméns härbärge";
const CONVICTUS = "Convictus natthärbärge";
const STRANGER: TestUser = { userId: "U0OKAND" };
const UNKNOWN_ALERT = "Det larmet finns inte (längre) i det här partnerskapet.";
// The same people in another partnership (Göteborg), all on Slack but its night worker at Frälsningsarmén on Teams.
const OTHER = { sara: { userId: "U1SARA" }, sFa: { userId: "29:gbg-sfa", aadObjectId: "aad-gbg-sfa", name: "gbg-sfa" } } satisfies Partial<
  Record<Person, TestUser>
>;

describe("a card pressed by someone it was not sent to", () => {
  let w: AlertsServer;
  let faPrompt: SentItem;
  let convictusPrompt: SentItem;
  let escalation: SentItem;
  const responses = () => w.db.selectFrom("cold_night_responses").select(["answer", "extra_places", "answered_by"]).orderBy("activity_id").execute();
  const alert = () => w.db.selectFrom("cold_night_alerts").select(["status", "acknowledged_by", "closed_by"]).executeTakeFirstOrThrow();
  /** What `driver` sent since it was last cleared that contains `text`. */
  const answerTo = (driver: PlatformDriver, text: string) => driver.waitFor((i) => i.text.includes(text), 10_000);
  /** Presses `button` on `card` as `user` (in `conversation`, where the card was forwarded) and returns the refusal. */
  const pressAs = async (driver: PlatformDriver, user: TestUser, card: SentItem, button: string, refusal: string, conversation?: string) => {
    driver.clear();
    await driver.click(user, conversation === undefined ? card : { ...card, conversation }, button);
    return answerTo(driver, refusal);
  };

  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T15:00:00Z");
    const identities = Object.fromEntries(
      (Object.keys(PROFILES) as Person[]).map((p) => [
        p,
        p === "sFa" ? { platform: "teams", id: OTHER.sFa.aadObjectId } : { platform: "slack", id: p === "sara" ? OTHER.sara.userId : `U1${p.toUpperCase()}` },
      ]),
    ) as Record<Person, { platform: "slack" | "teams"; id: string }>;
    await seedAlertsPartnership(w.db, "goteborg", identities, { slack: "C1ALERTS", teams: "19:gbg-alerts@thread.tacv2" });
    await w.slack.command(w.userOf("sara"), "kallnatt -9", { conversation: SLACK_CHANNEL });
    faPrompt = await w.nextDirect("sFa", "Kan Frälsningsarméns härbärge öppna extra platser den natten?");
    convictusPrompt = await w.nextDirect("sConv", "Kan Convictus natthärbärge öppna extra platser den natten?");
  });
  afterAll(async () => {
    await w?.close();
  });

  it("refuses another shelter's staff and Socialjouren pressing a Teams shelter's prompt, in their own chat or the channel it was forwarded to", async () => {
    const before = await responses();
    for (const [person, conversation] of [
      ["sNg", undefined],
      ["sNg", TEAMS_CHANNEL],
      ["jour", undefined],
    ] as [Person, string | undefined][]) {
      const refusal = await pressAs(w.teams, w.userOf(person), faPrompt, "Fullt", NOT_ALLOWED(FA), conversation);
      // Told only to the one who pressed: an answer to their own invoke, or their own chat; never the channel.
      expect(refusal.conversation === TEAMS_CHANNEL && refusal.kind !== "invoke-response", `${person} in ${conversation}`).toBe(false);
    }
    expect(await responses()).toEqual(before);
    expect(before.every((r) => r.answer === "pending")).toBe(true);
  });

  it("refuses a day-centre worker and a stranger pressing a Slack shelter's prompt forwarded to the alerts channel", async () => {
    const refusal = await pressAs(w.slack, w.userOf("dayStaff"), convictusPrompt, "Kan inte", NOT_ALLOWED(CONVICTUS), SLACK_CHANNEL);
    expect(refusal.kind).toBe("private");
    expect(refusal.userId).toBe(w.userOf("dayStaff").userId);
    const toStranger = await pressAs(w.slack, STRANGER, convictusPrompt, "Kan inte", "inte med i något partnerskap", SLACK_CHANNEL);
    expect([toStranger.kind, toStranger.userId]).toEqual(["private", STRANGER.userId]);
    expect(toStranger.text).not.toContain(CONVICTUS);
    expect((await responses()).every((r) => r.answer === "pending")).toBe(true);
  });

  it("refuses a places form opened by a shelter's staff when someone else submits it, and records nothing", async () => {
    w.forget();
    await w.slack.click(w.userOf("sConv"), convictusPrompt, "Öppna extra platser");
    const slackForm = await w.sentAfter(w.slack, (i) => (i.fields ?? []).includes("places"));
    // Slack shows the refusal in the modal itself (its update is the answer to the submission), so the rows tell.
    expect(await w.slack.submitForm(w.userOf("dayStaff"), slackForm, { places: "40" })).toBeUndefined();

    w.forget();
    await w.teams.click(w.userOf("sFa"), faPrompt, "Öppna extra platser");
    const teamsForm = await w.sentAfter(w.teams, (i) => (i.fields ?? []).includes("places"));
    const teamsRefusal = await w.teams.submitForm(w.userOf("sNg"), teamsForm, { places: "40" });
    expect(JSON.stringify(teamsRefusal ?? (await answerTo(w.teams, NOT_ALLOWED(FA))).text)).toContain(`Bara personalen på ${FA}`);
    expect((await responses()).map((r) => [r.answer, r.extra_places])).toEqual([
      ["pending", 0],
      ["pending", 0],
      ["pending", 0],
    ]);
  });

  it("refuses shelter staff pressing samordning's acknowledge on a forwarded escalation, and the ladder goes on", async () => {
    w.clock.set("2026-12-03T15:45:30Z");
    await w.deliverDue();
    escalation = await w.sentAfter(w.slack, (i) => w.isDirectTo("sara", i) && i.buttons.some((b) => b.label === "Kvittera larmet"));
    const refusal = await pressAs(w.slack, w.userOf("sConv"), escalation, "Kvittera larmet", "Bara samordningen kan kvittera larmet.", SLACK_CHANNEL);
    expect([refusal.kind, refusal.userId]).toEqual(["private", w.userOf("sConv").userId]);
    expect(await alert()).toMatchObject({ status: "open", acknowledged_by: null, closed_by: null });
  });

  it("refuses samordning and shelter staff of another partnership acting on this partnership's cards, wherever they press", async () => {
    for (const button of ["Kvittera larmet", "Avsluta larmet"]) {
      const refusal = await pressAs(w.slack, OTHER.sara, escalation, button, UNKNOWN_ALERT, `D${OTHER.sara.userId.slice(1)}`);
      expect(refusal.text).not.toMatch(/Convictus|Frälsningsarmén|Ny Gemenskap/);
    }
    await pressAs(w.slack, OTHER.sara, convictusPrompt, "Kan inte", UNKNOWN_ALERT, `D${OTHER.sara.userId.slice(1)}`);
    await pressAs(w.teams, OTHER.sFa, faPrompt, "Fullt", UNKNOWN_ALERT);
    expect(await alert()).toMatchObject({ status: "open", acknowledged_by: null, closed_by: null });
    expect((await responses()).every((r) => r.answer === "pending")).toBe(true);
  });

  it("still lets each prompt's own recipient answer", async () => {
    w.clock.set("2026-12-03T15:46:00Z");
    await w.teams.click(w.userOf("sFa"), faPrompt, "Fullt");
    await w.card("teams", "Fullt (Siv Frälsningsarmén)");
    expect((await responses()).filter((r) => r.answer === "full")).toHaveLength(1);
  });
});
