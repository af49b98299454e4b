import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertReminders } from "../../../src/reminders/reminder.repository.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let statements = 0;
const counting: KyselyPlugin = {
  transformQuery: (args) => {
    statements += 1;
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** Runs one upsert of many in a unit of work's transaction; returns its results and the statements it took. */
async function upsertManyCounted(specs: { key: string; dueAt: Date }[], rearm = false) {
  return t.db
    .withPlugin(counting)
    .transaction()
    .execute(async (trx) => {
      statements = 0;
      const results = await upsertReminders(
        trx,
        specs.map((s) => ({ ...s, kind: "k" })),
        new Date(),
        rearm,
      );
      return { results, statements };
    });
}

/** Runs one upsert in a unit of work's transaction; returns it and the statements it took. */
async function upsertCounted(key: string, dueAt: Date, rearm = false) {
  const { results, statements: n } = await upsertManyCounted([{ key, dueAt }], rearm);
  return { result: results[0], statements: n };
}

describe("scheduling a reminder inside a unit of work", () => {
  it("takes one statement for a new key", async () => {
    const { result, statements: n } = await upsertCounted("new", new Date("2026-12-09T08:00:00Z"));

    expect(result).toMatchObject({ armed: true, movedFrom: undefined, record: { key: "new" } });
    expect(n).toBe(1);
  });

  it("takes two for a key that exists and moves (its weekly repeat), and says where it moved from", async () => {
    const first = new Date("2026-12-09T08:00:00Z");
    const next = new Date("2026-12-16T08:00:00Z");
    await upsertCounted("weekly", first);

    const { result, statements: n } = await upsertCounted("weekly", next);

    expect(result).toMatchObject({ armed: true, movedFrom: first, record: { key: "weekly", dueAt: next } });
    expect(n).toBe(2);
    const rows = await t.db.selectFrom("reminders").select(["due_at", "status"]).where("key", "=", "weekly").execute();
    expect(rows).toEqual([{ due_at: next, status: "pending" }]);
  });

  it("leaves a done reminder as it is, with its lock taken in the one statement", async () => {
    const dueAt = new Date("2026-12-09T08:00:00Z");
    await upsertCounted("finished", dueAt);
    await t.db.updateTable("reminders").set({ status: "done" }).where("key", "=", "finished").execute();

    const { result, statements: n } = await upsertCounted("finished", new Date("2026-12-16T08:00:00Z"));

    expect(result).toMatchObject({ armed: false, record: { dueAt } });
    expect(n).toBe(1);
  });
});

describe("scheduling many reminders at once", () => {
  it("takes two statements for new keys and moved ones together, and answers each in order", async () => {
    const first = new Date("2026-12-09T08:00:00Z");
    const next = new Date("2026-12-16T08:00:00Z");
    await upsertCounted("batch-moves-1", first);
    await upsertCounted("batch-moves-2", first);

    const { results, statements: n } = await upsertManyCounted([
      { key: "batch-moves-1", dueAt: next },
      { key: "batch-new", dueAt: first },
      { key: "batch-moves-2", dueAt: next },
    ]);

    expect(n).toBe(2);
    expect(results).toMatchObject([
      { armed: true, movedFrom: first, record: { key: "batch-moves-1", dueAt: next } },
      { armed: true, movedFrom: undefined, record: { key: "batch-new", dueAt: first } },
      { armed: true, movedFrom: first, record: { key: "batch-moves-2", dueAt: next } },
    ]);
    const rows = await t.db.selectFrom("reminders").select(["key", "due_at", "status"]).where("key", "like", "batch-%").orderBy("key").execute();
    expect(rows).toEqual([
      { key: "batch-moves-1", due_at: next, status: "pending" },
      { key: "batch-moves-2", due_at: next, status: "pending" },
      { key: "batch-new", due_at: first, status: "pending" },
    ]);
  });

  it("keeps each payload as given when it moves existing rows", async () => {
    const first = new Date("2026-12-09T08:00:00Z");
    const payloads = [{ text: 'citat "så" och \\ snedstreck' }, { nested: { list: [1, null, "två"] } }];
    const specs = (dueAt: Date) => payloads.map((payload, i) => ({ key: `payload-${i}`, kind: "k", dueAt, payload }));
    await t.db.transaction().execute((trx) => upsertReminders(trx, specs(first), new Date(), false));

    await t.db.transaction().execute((trx) => upsertReminders(trx, specs(new Date("2026-12-16T08:00:00Z")), new Date(), false));

    const rows = await t.db.selectFrom("reminders").select(["payload"]).where("key", "like", "payload-%").orderBy("key").execute();
    expect(rows.map((r) => r.payload)).toEqual(payloads);
  });

  it("writes a key given twice in order, the later time winning", async () => {
    const first = new Date("2026-12-09T08:00:00Z");
    const next = new Date("2026-12-16T08:00:00Z");

    const { results } = await upsertManyCounted([
      { key: "twice", dueAt: first },
      { key: "twice", dueAt: next },
    ]);

    expect(results).toMatchObject([
      { armed: true, record: { dueAt: first } },
      { armed: true, movedFrom: first, record: { dueAt: next } },
    ]);
    const rows = await t.db.selectFrom("reminders").select(["due_at"]).where("key", "=", "twice").execute();
    expect(rows).toEqual([{ due_at: next }]);
  });
});
