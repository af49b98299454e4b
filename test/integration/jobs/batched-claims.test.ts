import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/chat/message.ts";
import { claimOutbox, insertOutboxRows, markSent } from "../../../src/outbox/outbox.repository.ts";
import { claimReminders, settleDone } from "../../../src/reminders/reminder.repository.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let ids: Record<string, string>;
const now = new Date("2026-12-02T08:00:00Z");
const due = new Date("2026-12-02T07:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await seedPartnership(t.db, "p1", [
    { key: "anna", name: "Anna", slack: "UANNA", teams: "aad-anna" },
    { key: "gone", name: "Gone", slack: "UGONE" },
  ]);
  await t.db.updateTable("members").set({ active: false }).where("id", "=", ids.gone!).execute();
});
afterAll(async () => {
  await t.drop();
});

async function reminder(key: string, status: "pending" | "done", dueAt = due): Promise<string> {
  const row = await t.db
    .insertInto("reminders")
    .values({ key, kind: "k", due_at: dueAt, status, payload: JSON.stringify({}), updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("claiming and settling many jobs' rows in one statement", () => {
  it("claims each pending reminder still due at its job's time once, and answers every job in order", async () => {
    const [a, moved, done] = [await reminder("a", "pending"), await reminder("moved", "pending", now), await reminder("done", "done")];
    const jobs = [
      { reminderId: a, dueAt: due },
      { reminderId: moved, dueAt: due },
      { reminderId: done, dueAt: due },
      { reminderId: a, dueAt: due },
    ];

    const claimed = await claimReminders(t.db, jobs, now);

    expect(claimed.map((r) => r?.key)).toEqual(["a", undefined, undefined, undefined]);
    expect(claimed[0]).toMatchObject({ attempts: 1 });
    const rows = await t.db.selectFrom("reminders").select(["key", "status", "attempts"]).where("id", "in", [a, moved, done]).orderBy("key").execute();
    expect(rows).toEqual([
      { key: "a", status: "processing", attempts: 1 },
      { key: "done", status: "done", attempts: 0 },
      { key: "moved", status: "pending", attempts: 0 },
    ]);
  });

  it("settles running reminders as done, and leaves one that moved while it ran", async () => {
    const [b, c] = [await reminder("b", "pending"), await reminder("c", "pending")];
    await claimReminders(
      t.db,
      [
        { reminderId: b, dueAt: due },
        { reminderId: c, dueAt: due },
      ],
      now,
    );
    // The handler moved c to next week (its own reschedule): the claim must not mark the new time done.
    const next = new Date("2026-12-09T07:00:00Z");
    await t.db.updateTable("reminders").set({ status: "pending", due_at: next, claimed_at: null, attempts: 0 }).where("id", "=", c).execute();

    await settleDone(
      t.db,
      [
        { reminderId: b, dueAt: due },
        { reminderId: c, dueAt: due },
      ],
      now,
    );

    const rows = await t.db.selectFrom("reminders").select(["key", "status", "due_at", "claimed_at"]).where("id", "in", [b, c]).orderBy("key").execute();
    expect(rows).toEqual([
      { key: "b", status: "done", due_at: due, claimed_at: null },
      { key: "c", status: "pending", due_at: next, claimed_at: null },
    ]);
  });

  it("claims outbox rows with the recipient's identities in order, none for a channel post or an inactive member", async () => {
    const row = (key: string, target: { memberId: string } | { platform: "slack"; conversation: string }) => ({
      key,
      partnershipId: "p1",
      kind: "message" as const,
      ...target,
      content: { type: "message" as const, message: textMessage("Hej") },
      locale: "sv",
      timeZone: "Europe/Stockholm",
      dueAt: due,
    });
    const jobs = await insertOutboxRows(
      t.db,
      [row("to-anna", { memberId: ids.anna! }), row("to-channel", { platform: "slack", conversation: "CMAIN" }), row("to-gone", { memberId: ids.gone! })],
      now,
    );

    const claimed = await claimOutbox(t.db, [...jobs, jobs[0]!], now);

    expect(claimed.map((r) => [r?.key, r?.identities])).toEqual([
      [
        "to-anna",
        [
          { platform: "slack", platformUserId: "UANNA" },
          { platform: "teams", platformUserId: "aad-anna" },
        ],
      ],
      ["to-channel", []],
      ["to-gone", []],
      [undefined, undefined],
    ]);

    // Each row keeps where its own message landed; one not being sent is left alone.
    await markSent(
      t.db,
      [
        { ...jobs[0]!, messageRef: "slack:D1:1", platform: "slack", conversation: null },
        { ...jobs[1]!, messageRef: "slack:CMAIN:2", platform: "slack", conversation: "CMAIN" },
      ],
      now,
    );
    const sent = await t.db
      .selectFrom("outbox")
      .select(["key", "status", "message_ref", "sent_conversation"])
      .where("partnership_id", "=", "p1")
      .orderBy("key")
      .execute();
    expect(sent).toEqual([
      { key: "to-anna", status: "sent", message_ref: "slack:D1:1", sent_conversation: null },
      { key: "to-channel", status: "sent", message_ref: "slack:CMAIN:2", sent_conversation: "CMAIN" },
      { key: "to-gone", status: "processing", message_ref: null, sent_conversation: null },
    ]);
  });
});
