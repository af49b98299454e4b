import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../src/chat/inbound.ts";
import { createReportsHarness, type ReportsHarness } from "./reports-harness.ts";
import { SETTINGS } from "./reports-seed.ts";

let h: ReportsHarness;

beforeAll(async () => {
  // 24 November: the half-year report opens on 17 December, so nothing is open.
  h = await createReportsHarness({ start: "2026-11-24T09:00:00Z" });
});
afterAll(async () => {
  await h?.close();
});

const dm = (userId: string, text: string): InboundEvent => ({
  type: "message",
  user: { platform: "slack", userId },
  conversation: `slack:dm-${userId}`,
  text,
  direct: true,
});
async function say(userId: string, text: string): Promise<string> {
  await h.boot().send(dm(userId, text));
  return h.chats.get("slack")!.directTextsTo(userId).at(-1)!;
}
/** Presses "Börja nu" for the half-year report. */
const startEarly = (userId: string) =>
  h
    .boot()
    .send({ type: "action", user: { platform: "slack", userId }, conversation: `slack:dm-${userId}`, actionId: "report.early", value: "uppfoljning|2026H2" });
const report = (organisation: string, period: string) =>
  h.db.db.selectFrom("reports").selectAll().where("organisation_id", "=", h.organisations[organisation]!).where("period", "=", period).executeTakeFirst();
const reminderKeys = async (organisation: string, period: string) =>
  (
    await h.db.db
      .selectFrom("reminders")
      .select(["key", "due_at"])
      .where("key", "like", `report:%:${period}:${h.organisations[organisation]}:%`)
      .where("status", "=", "pending")
      .orderBy("due_at")
      .execute()
  ).map((r) => `${r.key.split(":").at(-1)} ${r.due_at.toISOString()}`);

describe("a report on a day when none is open", () => {
  it("names the next report to everyone, and offers the start only to coordinators", async () => {
    const anna = await say("UANNA", "rapport");
    expect(anna).toContain(
      "Din organisation har inga öppna rapporter just nu. Nästa är Uppföljning 2026H2: den öppnar 2026-12-17 kl. 08.00 och ska vara inne senast 2027-01-30.",
    );
    expect(anna).toContain("Börja nu");
    const david = await say("UDAVID", "report");
    expect(david).toContain("Din organisations samordnare kan börja fylla i den redan nu.");
    expect(david).not.toContain("Börja nu");
  });

  it("refuses the start button to someone who is not a coordinator", async () => {
    await startEarly("UDAVID");
    expect(h.chats.get("slack")!.directTextsTo("UDAVID").at(-1)).toContain("Bara organisationens samordnare kan börja på en rapport innan den öppnar.");
    expect(await report("convictus", "2026H2")).toBeUndefined();
  });

  it("submits at once when the partnership takes early submissions", async () => {
    await h.db.db
      .updateTable("report_settings")
      .set({ settings: JSON.stringify({ ...SETTINGS, earlySubmission: true }) })
      .where("partnership_id", "=", "eu")
      .execute();
    await startEarly("UANNA");
    const opening = h.chats.get("slack")!.directTextsTo("UANNA").at(-1)!;
    expect(opening).toContain("Uppföljning 2026H2 för Convictus. Sista dag: 2027-01-30. 14 frågor, en i taget.");
    expect(opening).toContain("men partnerskapet tar emot den redan nu");
    // The opening row is written with the report, so it opens (or submits what waits) even before the daily tick.
    expect(await reminderKeys("convictus", "2026H2")).toEqual(["open 2026-12-17T07:00:00.000Z"]);
    for (const answer of ["120", "40", "70", "10", "950", "hoppa över", "15", "ja", "hoppa över"]) await say("UANNA", answer);
    expect(await say("UANNA", "hoppa över")).toContain("Sammanfattning");
    expect(await say("UANNA", "skicka in")).toContain("Tack! Uppföljning 2026H2 för Convictus är inskickad (version 1).");
    await h.db.db
      .updateTable("report_settings")
      .set({ settings: JSON.stringify(SETTINGS) })
      .where("partnership_id", "=", "eu")
      .execute();
  });
});

describe("a report the administration requests", () => {
  it("is refused to someone who is neither admin nor the report coordinator", async () => {
    expect(await say("UANNA", "begär rapport månadsrapport 2026-11")).toContain(
      "Bara partnerskapets administratörer och rapportsamordnare kan begära en rapport.",
    );
  });

  it("explains what it needs, and names the forms and organisations it knows", async () => {
    expect(await say("UCECILIA", "begär rapport")).toContain("Formulär: uppfoljning, ekonomi, manadsrapport. Organisationer: convictus, fralsningsarmen.");
    expect(await say("UCECILIA", "begär rapport kvartal 2026-11")).toContain("Det finns inget formulär som heter kvartal.");
    expect(await say("UCECILIA", "begär rapport månadsrapport november")).toContain("Jag förstår inte perioden november.");
    expect(await say("UCECILIA", "begär rapport månadsrapport 2026-11 senast 2026-11-01")).toContain("Sista dag 2026-11-01 går inte");
    expect(await say("UCECILIA", "begär rapport månadsrapport 2026-11 röda-korset")).toContain("Jag känner inte till organisationen röda-korset.");
    expect(await h.db.db.selectFrom("reports").select("id").where("form", "=", "manadsrapport").execute()).toEqual([]);
  });

  it("opens the report now with the requested deadline and the cycle's reminders, in English too, and never moves a report already open", async () => {
    const done = await say("UCECILIA", "request report manadsrapport 2026-11 by 2026-12-10 Convictus fralsningsarmen");
    expect(done).toContain("Begäran skickad: Månadsrapport 2026-11 till Convictus och Frälsningsarmén, sista dag 2026-12-10.");
    const requested = await report("fralsningsarmen", "2026-11");
    expect(requested).toMatchObject({ form: "manadsrapport", requested_by: h.members.cecilia, opens_at: h.clock.now() });
    expect(requested!.deadline_at.toISOString()).toBe("2026-12-10T22:59:00.000Z");
    expect(await reminderKeys("fralsningsarmen", "2026-11")).toEqual([
      "open 2026-11-24T09:00:00.000Z",
      "offset-7 2026-12-03T08:00:00.000Z",
      "offset-1 2026-12-09T08:00:00.000Z",
      "offset0 2026-12-10T08:00:00.000Z",
      "offset+2 2026-12-12T08:00:00.000Z",
    ]);
    expect(await h.runDue()).toBe(2);
    expect(h.chats.get("teams")!.directTextsTo("29:bertil").join("\n")).toContain(
      "Månadsrapport 2026-11 för Frälsningsarmén är öppen (5 frågor). Sista dag att lämna in: 2026-12-10.",
    );
    // Asked again, nothing moves: the reports are already open.
    expect(await say("UCECILIA", "begär rapport månadsrapport 2026-11 senast 2026-12-20")).toContain("Ingen ny begäran skickades");
    expect((await report("fralsningsarmen", "2026-11"))!.deadline_at.toISOString()).toBe("2026-12-10T22:59:00.000Z");
  });

  it("escalates an overdue requested report to whoever asked", async () => {
    h.clock.set("2026-12-12T08:00:00Z");
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    await h.runDue();
    expect(h.chats.get("slack")!.directTextsTo("UCECILIA").join("\n")).toContain(
      "Frälsningsarmén har inte lämnat in Månadsrapport 2026-11. Sista dag var 2026-12-10.",
    );
  });

  it("keeps the requested deadline's rows when the daily tick reaches a cycle's form and period, and skips what is submitted", async () => {
    const done = await say("UCECILIA", "begär rapport uppföljning 2026H2 senast 2026-12-20 alla");
    expect(done).toContain("Begäran skickad: Uppföljning 2026H2 till Frälsningsarmén, sista dag 2026-12-20.");
    expect(done).toContain("Redan öppen eller inlämnad, så ingen ny begäran: Convictus.");
    await h.runDue();
    h.clock.set("2026-12-16T06:00:00Z"); // the cycle's tick now looks ahead to the half-year's opening on 17 December
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    expect(await reminderKeys("fralsningsarmen", "2026H2")).toEqual([
      "offset-7 2026-12-13T08:00:00.000Z",
      "offset-1 2026-12-19T08:00:00.000Z",
      "offset0 2026-12-20T08:00:00.000Z",
      "offset+2 2026-12-22T08:00:00.000Z",
    ]);
  });
});
