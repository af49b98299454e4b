import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormConversations, startConversation } from "../../../src/forms/index.ts";
import { resolveTemplate } from "../../../src/reports/report-templates.ts";
import { createReportsHarness, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;

beforeAll(async () => {
  h = await createReportsHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("reports when things fail or race", () => {
  it("records each opening once; a message the platform refused is retried from its row, the report and conversation opened once", async () => {
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    h.clock.set("2026-12-17T07:00:00Z");
    h.chats.get("slack")!.failNext(1);
    expect(await h.runDue()).toBe(2);
    const open = await h.db.db.selectFrom("reminders").select(["key", "status", "attempts"]).where("key", "like", "%:open").orderBy("key").execute();
    expect(open.map((r) => [r.status, r.attempts])).toEqual([
      ["done", 1],
      ["done", 1],
    ]);
    expect(h.chats.get("slack")!.directTextsTo("UANNA")).toEqual([]);
    const waiting = await h.db.db.selectFrom("outbox").select(["status", "attempts"]).where("member_id", "=", h.members.anna!).executeTakeFirstOrThrow();
    expect(waiting).toEqual({ status: "pending", attempts: 1 });

    h.clock.advance(5 * 60_000);
    expect(await h.runDue()).toBe(0);
    expect(h.chats.get("slack")!.directTextsTo("UANNA")).toHaveLength(1);
    expect(h.chats.get("slack")!.directTextsTo("UANNA")[0]).toContain("Fråga 1 av 14");
    await h.outbox.deliver();
    expect(h.chats.get("slack")!.directTextsTo("UANNA")).toHaveLength(1);
    const sessions = await h.db.db.selectFrom("form_sessions").select("member_id").where("member_id", "=", h.members.anna!).execute();
    expect(sessions).toHaveLength(1);
    expect(await h.db.db.selectFrom("reports").select("id").execute()).toHaveLength(2);
  });

  it("gives up a reminder whose payload does not fit at once, without retrying it or sending anything", async () => {
    const before = h.chats.get("slack")!.calls.length;
    await h.db.db
      .insertInto("reminders")
      .values({
        key: "report:broken",
        kind: "report.reminder",
        partnership_id: "eu",
        due_at: h.clock.now(),
        payload: JSON.stringify({ partnershipId: "eu", form: "uppfoljning" }),
        last_error: null,
        claimed_at: null,
        done_at: null,
        updated_at: h.clock.now(),
      })
      .execute();
    expect(await h.runDue()).toBe(1);
    expect(await h.db.db.selectFrom("reminders").select(["status", "attempts"]).where("key", "=", "report:broken").executeTakeFirstOrThrow()).toEqual({
      status: "failed",
      attempts: 1,
    });
    expect(await h.runDue()).toBe(0);
    expect(h.chats.get("slack")!.calls).toHaveLength(before);
  });

  it("applies two answers that arrive at the same moment one after the other, losing neither", async () => {
    const conversations = createFormConversations({ db: h.db.db, clock: h.clock });
    const definition = resolveTemplate("uppfoljning", { templates: {} });
    const { session } = await conversations.open({
      partnershipId: "eu",
      memberId: h.members.david!,
      subject: "test:race",
      actionPrefix: "report.",
      definition,
      title: { sv: "T", en: "T" },
      state: startConversation(definition, {}),
    });
    const turns = await Promise.all([conversations.reply(h.members.david!, "120", "sv"), conversations.reply(h.members.david!, "40", "sv")]);
    expect(turns.every((t) => t?.outcome === "continue")).toBe(true);
    const saved = await conversations.openFor("test:race", h.members.david!);
    expect(saved!.revision).toBe(session.revision + 2);
    // Which came first is up to the database; that both count is not.
    expect(Object.keys(saved!.state.answers).sort()).toEqual(["unique_visitors", "visitors_women"]);
    expect(Object.values(saved!.state.answers).sort()).toEqual([120, 40]);
  });
});
