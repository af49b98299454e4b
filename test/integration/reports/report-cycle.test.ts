import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import { CONVICTUS_ANSWERS, createReportsHarness, formValuesOf, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;

beforeAll(async () => {
  h = await createReportsHarness();
});
afterAll(async () => {
  await h?.close();
});

const dm = (platform: "slack" | "teams", userId: string, text: string): InboundEvent => ({
  type: "message",
  user: { platform, userId },
  conversation: `${platform}:dm-${userId}`,
  text,
  direct: true,
});
const click = (platform: "slack" | "teams", userId: string, actionId: string, value: string): InboundEvent => ({
  type: "action",
  user: { platform, userId },
  conversation: `${platform}:dm-${userId}`,
  actionId,
  value,
});

/** Direct messages the bot sent to a platform user, as text, from the `from`-th on. */
function sentTo(platform: "slack" | "teams", userId: string, from = 0): string[] {
  return h.chats.get(platform)!.directTextsTo(userId).slice(from);
}
function lastMessageTo(platform: "slack" | "teams", userId: string): Message {
  const calls = h.chats.get(platform)!.calls.filter((c) => c.op === "direct" && c.userId === userId);
  return (calls.at(-1) as { message: Message }).message;
}
async function say(text: string): Promise<string> {
  await h.boot().send(dm("slack", "UANNA", text));
  return sentTo("slack", "UANNA").at(-1)!;
}
const versions = (organisation: string) =>
  h.db.db
    .selectFrom("report_versions as v")
    .innerJoin("reports as r", "r.id", "v.report_id")
    .selectAll("v")
    .where("r.organisation_id", "=", h.organisations[organisation]!)
    .orderBy("v.version")
    .execute();

describe("the follow-up cycle of a half-year, answered in chat", () => {
  it("opens the form for each organisation's coordinator when it is due", async () => {
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    expect(await h.runDue()).toBe(0);
    h.clock.set("2026-12-17T07:00:00Z"); // 08.00 in Stockholm, 14 days before the half-year ends
    expect(await h.runDue()).toBe(2);
    const anna = sentTo("slack", "UANNA").join("\n");
    expect(anna).toContain("Uppföljning 2026H2 för Convictus är öppen (14 frågor). Sista dag att lämna in: 2027-01-30.");
    // The questions the alerts answered are named up front, and the first question says what kind of answer it takes.
    expect(anna).toContain("Fråga 7, 9–11 är ifyllda från larmen: Fick nej i brist på plats: 12; Extra kalla nätter med extra platser: 4;");
    expect(anna).toContain("Svara med ett heltal, t.ex. 12.");
    expect(anna).toContain("Fråga 1 av 14: Hur många unika besökare hade ni under perioden?");
    expect(sentTo("teams", "29:bertil").join("\n")).toContain("Uppföljning 2026H2 för Frälsningsarmén är öppen");
    // Running the same tick and the same due rows again sends nothing twice.
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    expect(await h.runDue()).toBe(0);
  });

  it("re-asks an invalid number, survives a pause and a restart, takes an edit and stores the submission", async () => {
    expect(await say("120")).toContain("Fråga 2 av 14: Hur många av dem var kvinnor?");
    await say("40");
    await say("70");
    const refused = await say("elva");
    // The refusal says what the hint said: a whole number, never "12,5" for a count.
    expect(refused).toContain("Det svaret gick inte att spara: det måste vara ett heltal, t.ex. 12.");
    expect(await say("10,5")).toContain("det måste vara ett heltal, t.ex. 12.");
    expect(refused).toContain("Fråga 4 av 14: Hur många var annat kön eller okänt?");
    const sums = await say("11");
    expect(sums).toContain("Kvinnor + Män + Annat/okänt kön blir 121, men Unika besökare är 120.");
    expect(await say("10")).toContain("Fråga 5 av 14");
    expect(await say("paus")).toContain("Pausat. Allt du svarat är sparat.");

    h.clock.set("2026-12-21T13:30:00Z"); // four days later, in a new process
    const resumed = await say("fortsätt");
    expect(resumed).toContain("Fråga 5 av 14: Hur många övernattningar gav ni totalt?");
    await say("900");
    // Prefilled questions are passed over, by name and number.
    const afterSkip = await say("hoppa över");
    expect(afterSkip).toContain("Fråga 7 är ifylld från larmen: Fick nej i brist på plats: 12. Skriv `ändra 7` för att ändra.");
    expect(afterSkip).toContain("Fråga 8 av 14");
    const afterReferrals = await say("15");
    expect(afterReferrals).toContain(
      "Fråga 9–11 är ifyllda från larmen: Extra kalla nätter med extra platser: 4; Extra platser använda: 60; Hot och våld, händelser: 2.",
    );
    expect(afterReferrals).toContain("Fråga 12 av 14: Har alla händelser dokumenterats och följts upp?");
    await say("ja");
    await say("35,5");
    const summary = await say("Lugn höst, fler kvinnor än förra året.");
    expect(summary).toContain("Sammanfattning: Uppföljning 2026H2 – Convictus");
    expect(summary).toContain("5. Övernattningar: 900");

    const edited = await say("ändra 5");
    expect(edited).toContain("Nuvarande svar: 900.");
    const back = await say("950");
    expect(back).toContain("5. Övernattningar: 950");

    const buttons = lastMessageTo("slack", "UANNA").blocks.find((b) => b.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((b) => b.label)).toEqual(["Skicka in", "Ändra"]);
    const submit = buttons!.type === "buttons" ? buttons!.buttons[0]! : undefined;
    await h.boot().send(click("slack", "UANNA", submit!.actionId, submit!.value));
    expect(sentTo("slack", "UANNA").at(-1)).toContain("Tack! Uppföljning 2026H2 för Convictus är inskickad (version 1).");

    const [v1] = await versions("convictus");
    expect(v1).toMatchObject({ version: 1, via: "chat", submitted_by: h.members.anna });
    expect(v1!.answers).toEqual(CONVICTUS_ANSWERS);
    // Once submitted, a number is no longer taken as an answer.
    expect(await say("12")).toContain("Jag förstod inte det du skrev.");
    expect(await versions("convictus")).toHaveLength(1);
  });

  it("takes a correction before the deadline as a new version, keeping the first with who and when", async () => {
    h.clock.set("2026-12-28T09:00:00Z");
    const summary = await say("rapport");
    expect(summary).toContain("Sammanfattning: Uppföljning 2026H2 – Convictus");
    expect(summary).toContain("5. Övernattningar: 950");
    await say("ändra 5");
    expect(await say("960")).toContain("5. Övernattningar: 960");
    expect(await say("skicka in")).toContain("är inskickad (version 2)");
    const all = await versions("convictus");
    expect(all.map((v) => [v.version, v.answers.nights_provided, v.submitted_by, v.submitted_at.toISOString()])).toEqual([
      [1, 950, h.members.anna, "2026-12-21T13:30:00.000Z"],
      [2, 960, h.members.anna, "2026-12-28T09:00:00.000Z"],
    ]);
  });

  it("refuses a personnummer in free text and keeps everything else", async () => {
    await say("rapport");
    expect(sentTo("slack", "UANNA").at(-1)).toContain("Sammanfattning");
    await say("ändra 14");
    const refused = await say("Gästen 811218-9876 var orolig");
    expect(refused).toContain("personnummer");
    expect(refused).toContain("Fråga 14 av 14");
    // Cancelling a correction leaves the submitted version standing, and says so.
    expect(await say("avbryt")).toContain("Ändringen avbröts. Version 2 gäller fortfarande.");
    expect(await versions("convictus")).toHaveLength(2);
  });

  it("reminds only the organisation that has not submitted, snoozes to tomorrow, and escalates when overdue", async () => {
    const annaBefore = sentTo("slack", "UANNA").length;
    const bertilBefore = sentTo("teams", "29:bertil").length;
    h.clock.set("2027-01-23T08:00:00Z"); // seven days before the deadline, 09.00
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    expect(await h.runDue()).toBe(1);
    expect(sentTo("slack", "UANNA", annaBefore)).toEqual([]);
    const reminder = sentTo("teams", "29:bertil", bertilBefore);
    expect(reminder.join("\n")).toContain("Påminnelse: Uppföljning 2026H2 för Frälsningsarmén ska lämnas in senast 2027-01-30 (om 7 dagar).");

    const reportId = (lastMessageTo("teams", "29:bertil").blocks.find((b) => b.type === "buttons") as { buttons: { value: string }[] }).buttons[0]!.value;
    await h.boot().send(click("teams", "29:bertil", "report.snooze", reportId));
    expect(sentTo("teams", "29:bertil").at(-1)).toContain("jag påminner dig i morgon kl. 09.00");
    h.clock.set("2027-01-24T08:05:00Z");
    expect(await h.runDue()).toBe(1);
    expect(sentTo("teams", "29:bertil").at(-1)).toContain("Påminnelse: Uppföljning 2026H2 för Frälsningsarmén ska lämnas in senast 2027-01-30 (om 6 dagar).");

    h.clock.set("2027-02-01T08:00:00Z"); // two days after the deadline
    const cecilia = sentTo("slack", "UCECILIA").length;
    await h.runDue();
    expect(sentTo("teams", "29:bertil").at(-1)).toContain("är försenad");
    expect(sentTo("slack", "UCECILIA", cecilia).join("\n")).toContain(
      "Frälsningsarmén har inte lämnat in Uppföljning 2026H2. Sista dag var 2027-01-30. Organisationens samordnare har påmints: Bertil Berg.",
    );
    expect(sentTo("slack", "UANNA", annaBefore)).toEqual([]);
    const annaRows = await h.db.db
      .selectFrom("reminders")
      .select(["key", "status"])
      .where("key", "like", `report:uppfoljning:2026H2:${h.organisations.convictus}:%`)
      .execute();
    expect(annaRows.filter((r) => r.key !== `report:uppfoljning:2026H2:${h.organisations.convictus}:open`).every((r) => r.status === "cancelled")).toBe(true);
  });

  it("shows per organisation who has submitted, and refuses corrections after the deadline", async () => {
    await h.boot().send(dm("slack", "UCECILIA", "rapport status"));
    const status = sentTo("slack", "UCECILIA").at(-1)!;
    expect(status).toContain("Rapportstatus: Uppföljning 2026H2 (sista dag 2027-01-30)");
    expect(status).toContain("Convictus: inskickad 2026-12-28 (version 2)");
    expect(status).toContain("Frälsningsarmén: saknas");
    expect(await say("rapport")).toContain("kan inte längre rättas");
  });
});

describe("the same report filled in as one form", () => {
  it("shows errors on the fields, then stores exactly what the conversation stored for the same answers", async () => {
    const app = h.boot();
    const opened = await app.send({
      type: "command",
      user: { platform: "teams", userId: "29:bertil" },
      conversation: "teams:dm-29:bertil",
      text: "rapport formulär",
    });
    expect(opened.forms[0]?.fields.find((f) => f.id === "turned_away")?.initial).toBe("12");
    const reportId = opened.forms[0]!.state;
    const values = formValuesOf(CONVICTUS_ANSWERS);
    const form = (v: Record<string, string>): InboundEvent => ({
      type: "form",
      user: { platform: "teams", userId: "29:bertil" },
      conversation: "teams:dm-29:bertil",
      formId: "report.fill",
      state: reportId,
      values: v,
    });
    const refused = await app.send(form({ ...values, visitors_men: "sjuttio", visitors_other: "11" }));
    expect(refused.result).toMatchObject({ ok: false, errors: { visitors_men: "Det måste vara ett heltal, t.ex. 12." } });
    // Drawn again (a Teams card) with what was typed, the refused text too, not with the prefilled draft.
    const redrawn = refused.result && !refused.result.ok ? refused.result.form?.fields : undefined;
    expect(redrawn?.find((f) => f.id === "visitors_men")?.initial).toBe("sjuttio");
    expect(redrawn?.find((f) => f.id === "visitors_other")?.initial).toBe("11");
    // A name in free text is warned about on the field (sent again unchanged it would be kept).
    const warned = await app.send(form({ ...values, observations: "Eva Berg ringer om lokalen." }));
    expect(warned.result && !warned.result.ok ? warned.result.errors.observations : undefined).toContain("ett namn (Eva Berg)");
    expect(warned.result && !warned.result.ok ? warned.result.form?.fields.find((f) => f.id === "observations")?.initial : undefined).toBe(
      "Eva Berg ringer om lokalen.",
    );
    const accepted = await app.send(form(values));
    expect(accepted.result).toMatchObject({ ok: true });
    const [fromForm] = await versions("fralsningsarmen");
    const [fromChat] = await versions("convictus");
    expect(fromForm!.via).toBe("form");
    expect(fromChat!.via).toBe("chat");
    expect(fromForm!.answers).toEqual(fromChat!.answers);
  });
});

describe("drafts of finished conversations", () => {
  it("are forgotten a month after they were finished, while submissions and open drafts stay", async () => {
    const statuses = async () => (await h.db.db.selectFrom("form_sessions").select("status").execute()).map((r) => r.status).sort();
    expect(await statuses()).toEqual(expect.arrayContaining(["cancelled", "completed"]));
    const purge = h.boot().feature.recurring!.find((t) => t.name === "reports.purge-drafts")!;
    await purge.run(h.clock.now());
    // Anna's conversations ended in December; Bertil's draft was closed today, when his form was submitted.
    expect(await statuses()).toEqual(["cancelled"]);
    h.clock.set("2027-03-15T03:40:00Z");
    await purge.run(h.clock.now());
    expect((await statuses()).filter((s) => s === "completed" || s === "cancelled")).toEqual([]);
    expect(await versions("convictus")).toHaveLength(2);
  });
});
