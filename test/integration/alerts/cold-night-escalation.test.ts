/**
 * The escalation ladder until someone answers: it repeats past its last rung, stops at an answer, goes quiet above
 * the staff once samordning acknowledges, restarts from a chosen rung, never sends after an answer (not even a step
 * recorded just before it), and catches up after downtime with one message per person.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "./alerts-seed.ts";
import { createAlertsWorld, type AlertsWorld } from "./alerts-world.ts";

let w: AlertsWorld;
const DM = { sConv: "slack:dm-U_SCONV", sFa: "teams:dm-29:sfa", sNg: "teams:dm-29:sng", sara: "slack:dm-U_SARA" } as const;

beforeAll(async () => {
  w = await createAlertsWorld({ start: "2026-12-03T15:00:00Z" });
  // Staff at 15, coordinator at 30, samordning at 45 minutes; then coordinator and samordning again every 20 minutes.
  await w.t.db.updateTable("cold_night_settings").set({ escalation_repeat_from: 2, escalation_repeat_minutes: 20 }).execute();
});
afterAll(async () => {
  await w.close();
});

/** Minutes after 16.00 on `day` (a December evening, CET). */
const at = (day: number, minutes: number) => new Date(Date.UTC(2026, 11, day, 15, minutes)).toISOString();
const counts = () =>
  Object.fromEntries((["sara", "jour", "cConv", "cFa", "cNg", "sConv", "sFa", "sNg"] as const).map((p) => [p, w.directTo(p).length])) as Record<Person, number>;
const since = (before: Record<Person, number>, person: Person) => w.directTo(person).slice(before[person]);
const alertOf = async (night: string) => (await w.t.db.selectFrom("cold_night_alerts").where("night", "=", night).select("id").executeTakeFirstOrThrow()).id;
const answer = (person: "sConv" | "sFa" | "sNg" | "sara", alertId: string, shelter: string, how: "full" | "cannot") =>
  w.act(person, { type: "action", conversation: DM[person], actionId: `coldnight.${how}`, value: `${alertId}:${w.activityIds[shelter]}` });
const runAt = async (iso: string) => {
  w.clock.set(iso);
  await w.runDue();
};
const ladderRows = async (alertId: string) =>
  (await w.t.db.selectFrom("reminders").where("status", "=", "pending").where("key", "like", `coldnight:${alertId}:%:step-%`).select("key").execute()).map(
    (r) => r.key,
  );

describe("a shelter nobody answers for", () => {
  let alertId: string;

  it("is escalated past the last rung, again and again, until it answers", async () => {
    await w.act("sara", { type: "command", conversation: DM.sara, text: "kallnatt -9" });
    alertId = await alertOf("2026-12-03");
    await answer("sConv", alertId, "natt-convictus", "full");
    await answer("sFa", alertId, "natt-fa", "cannot");

    const before = counts();
    await runAt(at(3, 15));
    expect(since(before, "sNg")).toEqual([expect.stringContaining("Påminnelse: Ny Gemenskaps nattcafé har inte svarat")]);
    await runAt(at(3, 30));
    expect(since(before, "cNg")).toHaveLength(1);
    await runAt(at(3, 45));
    expect(since(before, "sara")).toEqual([expect.stringContaining("Eskalering: Ny Gemenskaps nattcafé har fortfarande inte svarat")]);
    expect(since(before, "jour")).toHaveLength(1);
    // Past the last rung: coordinator at 65, samordning at 85, coordinator at 105 minutes.
    await runAt(at(3, 64));
    expect(since(before, "cNg")).toHaveLength(1);
    await runAt(at(3, 65));
    expect(since(before, "cNg")).toHaveLength(2);
    await runAt(at(3, 85));
    expect(since(before, "sara")).toHaveLength(2);
    expect(since(before, "jour")).toHaveLength(2);
    await runAt(at(3, 105));
    expect(since(before, "cNg")).toHaveLength(3);
    // Only the silent shelter's people heard; the answered shelters' staff and coordinators did not.
    expect([since(before, "sConv"), since(before, "cConv"), since(before, "sFa"), since(before, "cFa")]).toEqual([[], [], [], []]);
    expect(await ladderRows(alertId)).toEqual([`coldnight:${alertId}:${w.activityIds["natt-ng"]}:step-1-7`]);
  });

  it("sends nothing more once it answers, whatever fires later", async () => {
    w.clock.set(at(3, 110));
    await answer("sNg", alertId, "natt-ng", "cannot");
    expect(await ladderRows(alertId)).toEqual([]);
    const before = counts();
    for (const minutes of [125, 145, 165, 185]) await runAt(at(3, minutes));
    // A step job that fires anyway (lost cancel, repeated delivery) finds the answer and does nothing.
    const handler = w.feature.reminders!.find((h) => h.kind === "coldnight.escalate")!;
    const payload = { alertId, activityId: w.activityIds["natt-ng"]!, run: 1, position: 7 };
    await handler.run(
      { id: "x", key: "late", kind: "coldnight.escalate", partnershipId: w.partnershipId, dueAt: w.clock.now(), attempts: 1, payload },
      payload,
    );
    expect(counts()).toEqual(before);
  });
});

describe("an escalation step recorded just before the answer", () => {
  it("is not sent once the shelter has answered, even when its delivery is retried after the answer", async () => {
    // Last night's alert closes by itself in the morning; its follow-up questions go out first.
    await runAt(at(4, 0));
    await w.runDue();
    await w.act("sara", { type: "command", conversation: DM.sara, text: "kallnatt -9" });
    const alertId = await alertOf("2026-12-04");
    const before = counts();
    // Slack refuses the reminder to Convictus' staff (the only Slack message of this step): it waits for a retry.
    w.chats.slack.failNext(1);
    w.clock.set(at(4, 15));
    await w.runDue({ retries: false });
    expect(since(before, "sConv")).toEqual([]);
    expect(since(before, "sNg")).toHaveLength(1);
    await answer("sConv", alertId, "natt-convictus", "full");
    await w.deliverDue();
    const row = await w.t.db
      .selectFrom("outbox")
      .where("key", "like", `coldnight:${alertId}:escalation:%:staff:member:${w.memberIds.sConv}`)
      .select(["status"])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("cancelled");
    expect(since(before, "sConv").filter((t) => t.includes("Påminnelse"))).toEqual([]);
  });
});

describe("samordning acknowledges the alert, then restarts one shelter's ladder", () => {
  let alertId: string;

  it("stops the ladder above the staff: only the silent shelters' staff keep getting a quiet reminder", async () => {
    await runAt(at(5, 0));
    await w.act("sara", { type: "command", conversation: DM.sara, text: "kallnatt -9" });
    alertId = await alertOf("2026-12-05");
    await answer("sFa", alertId, "natt-fa", "full");
    await runAt(at(5, 15));
    w.clock.set(at(5, 20));
    const refused = await w.act("sConv", { type: "action", conversation: DM.sConv, actionId: "coldnight.acknowledge", value: alertId });
    expect(refused.whispers[0]?.text).toBe("Bara samordningen kan kvittera larmet.");
    const { whispers } = await w.act("sara", { type: "action", conversation: DM.sara, actionId: "coldnight.acknowledge", value: alertId });
    expect(whispers[0]?.text).toBe(
      "Larmet om extra kall natt för natten mot söndag 6 december är kvitterat. Bara personalen på härbärgen som inte svarat får påminnelser nu.",
    );

    const before = counts();
    for (const minutes of [30, 45, 65, 85]) await runAt(at(5, minutes));
    expect([since(before, "cConv"), since(before, "cNg"), since(before, "sara"), since(before, "jour")]).toEqual([[], [], [], []]);
    expect(since(before, "sConv")).toHaveLength(4);
    expect(since(before, "sConv")[0]).toContain(
      "Påminnelse: Convictus natthärbärge har inte svarat på larmet om extra kall natt för natten mot söndag 6 december än. Svara med knapparna, eller skriv antalet extra platser här, när ni kan.",
    );
    expect(since(before, "sNg")).toHaveLength(4);
    expect(since(before, "sFa")).toEqual([]);
    // The card says who acknowledged, and offers no second acknowledgement.
    const card = w.chats.slack.calls.filter((c) => c.op === "update").at(-1);
    expect(card?.op === "update" ? card.message.blocks : []).toContainEqual({
      type: "text",
      text: "Kvitterat av Sara Samordning kl. 16.20: härbärgen som inte svarat får bara en stilla påminnelse.",
    });
  });

  it("restarts one shelter's ladder from the chosen rung at once, loud again, and the others stay quiet", async () => {
    w.clock.set(at(5, 90));
    const { forms } = await w.act("sara", { type: "action", conversation: DM.sara, actionId: "coldnight.restart", value: alertId });
    expect(forms[0]?.fields.find((f) => f.id === "shelter")?.choices?.map((c) => c.label)).toEqual(["Convictus natthärbärge", "Ny Gemenskaps nattcafé"]);
    expect(forms[0]?.fields.find((f) => f.id === "step")?.choices?.map((c) => c.label)).toEqual([
      "Steg 1: personalen",
      "Steg 2: organisationens samordnare",
      "Steg 3: samordningen och Socialjouren",
    ]);
    const before = counts();
    const { result } = await w.act("sara", {
      type: "form",
      conversation: DM.sara,
      formId: forms[0]!.formId,
      state: forms[0]!.state,
      values: { shelter: w.activityIds["natt-convictus"], step: "2" },
    });
    expect(result).toMatchObject({
      ok: true,
      message: { text: "Eskaleringen för Convictus natthärbärge börjar om från steg 2 (organisationens samordnare)." },
    });
    await w.runDue();
    expect(since(before, "cConv")).toEqual([expect.stringContaining("Convictus natthärbärge har inte svarat på larmet")]);
    // 15 minutes later (the gap between steps 2 and 3): samordning hears about Convictus only; Ny Gemenskap stays quiet.
    await runAt(at(5, 105));
    expect(since(before, "sara")).toHaveLength(1);
    expect(since(before, "sara")[0]).toContain("Eskalering: Convictus natthärbärge har fortfarande inte svarat");
    expect(since(before, "sara")[0]).not.toContain("Ny Gemenskaps nattcafé har");
    expect(since(before, "cNg")).toEqual([]);
    expect(since(before, "sNg").every((t) => t.includes("skriv antalet extra platser här, när ni kan"))).toBe(true);
    await w.act("sara", { type: "command", conversation: DM.sara, text: "kallnatt stäng 2026-12-05" });
  });
});

describe("catching up after downtime", () => {
  it("sends each person one message for the step the ladder has reached, not one per overdue step or shelter", async () => {
    await runAt(at(6, 0));
    await w.act("sara", { type: "command", conversation: DM.sara, text: "kallnatt -9" });
    const alertId = await alertOf("2026-12-06");
    const before = counts();
    // Down from 16.00 to 18.10: the ladder has reached position 7 (samordning, due at 18.05) for all three shelters.
    await runAt(at(6, 130));
    expect(since(before, "sara")).toHaveLength(1);
    expect(since(before, "sara")[0]).toContain(
      "Eskalering: Convictus natthärbärge, Frälsningsarméns härbärge och Ny Gemenskaps nattcafé har fortfarande inte svarat",
    );
    expect(since(before, "jour")).toHaveLength(1);
    expect([since(before, "sConv"), since(before, "sNg"), since(before, "cConv"), since(before, "cNg")]).toEqual([[], [], [], []]);
    const audit = await w.t.db
      .selectFrom("audit_events")
      .where("subject_id", "=", alertId)
      .where("action", "=", "coldnight.escalated")
      .select("details")
      .execute();
    expect(audit.map((a) => (a.details as { position: number; skipped: number }).position)).toEqual([7, 7, 7]);
    expect((await ladderRows(alertId)).map((k) => k.slice(-9))).toEqual([":step-1-8", ":step-1-8", ":step-1-8"]);
  });
});
