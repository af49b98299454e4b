/**
 * The inbox on a real database: a delivery is recorded and claimed in one insert, handled with bounded concurrency,
 * and what waits as rows is handled as slots free; handling one costs two statements, not four, and the deliveries
 * of concurrent requests are recorded in one, as the rows of handlings that end together are finished in one.
 */
import type { KyselyPlugin } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createInbox, type InboxEntry, type RunningInbox } from "../../../src/inbox/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

describe("the inbox", () => {
  let db: TestDatabase;
  let statements = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => ((statements += 1), args.node),
    transformResult: (args) => Promise.resolve(args.result),
  };
  const inboxes: RunningInbox[] = [];
  const startInbox = (concurrency: number) => {
    const inbox = createInbox({ db: db.db.withPlugin(counting), clock: systemClock, logger: silentLogger, concurrency });
    inbox.start();
    inboxes.push(inbox);
    return inbox;
  };
  const statusOf = async (key: string) => await db.db.selectFrom("inbox").select(["status", "attempts"]).where("key", "=", key).executeTakeFirstOrThrow();

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  // Each test's pump stops with it, so no inbox takes another test's rows.
  afterEach(async () => {
    await Promise.all(inboxes.splice(0).map((i) => i.stop()));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("records a delivery already claimed when a slot is free, and finishes it: two statements for the whole handling", async () => {
    const inbox = startInbox(8);
    // The pump's first look at start-up is not the deliveries' cost.
    await new Promise((resolve) => setTimeout(resolve, 100));
    statements = 0;
    const handled: string[] = [];
    for (let i = 0; i < 20; i++) {
      const receipt = await inbox.record(`cost:${i}`, "slack", { n: i });
      expect(receipt.fresh).toBe(true);
      expect(receipt.claimed?.attempts).toBe(1);
      expect(await inbox.handleNow(receipt, async (entry) => void handled.push(entry.key))).toEqual({ status: "done", result: undefined });
    }
    expect(handled).toHaveLength(20);
    // 20 inserts and 20 finishes, plus at most a tick or two of the pump's once-a-second look (the 20 status reads below are not counted).
    expect(statements).toBeLessThanOrEqual(20 * 2 + 2);
    for (let i = 0; i < 20; i++) expect(await statusOf(`cost:${i}`)).toEqual({ status: "done", attempts: 1 });
  });

  it("records the deliveries of concurrent requests in one statement, a key twice among them once", async () => {
    const inbox = startInbox(8);
    // Those recorded while others waited for their ack wait as rows.
    inbox.register("slack", () => Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 100));
    statements = 0;
    const keys = ["group:0", "group:1", "group:1", "group:2", "group:3", "group:4"];
    const receipts = await Promise.all(keys.map((key) => inbox.record(key, "slack", { key })));
    // The first insert runs alone; the five that arrived while it ran go in the next one (the pump may look once).
    expect(statements).toBeLessThanOrEqual(3);
    expect(receipts.filter((r) => r.fresh)).toHaveLength(5);
    expect(receipts[2]).toEqual({ id: receipts[1]!.id, fresh: false });
    for (const r of receipts) await inbox.handleNow(r, () => Promise.resolve());
    for (const key of new Set(keys)) await expect.poll(() => statusOf(key)).toEqual({ status: "done", attempts: 1 });
  });

  it("finishes the rows of handlings that end together in one statement", async () => {
    const inbox = startInbox(8);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const receipts = [];
    for (let i = 0; i < 6; i++) receipts.push(await inbox.record(`finish:${i}`, "slack", {}));
    statements = 0;
    await Promise.all(receipts.map((r) => inbox.handleNow(r, () => Promise.resolve())));
    // The first finish runs alone; the five that ended while it ran go in the next one (the pump may look once).
    expect(statements).toBeLessThanOrEqual(3);
    for (let i = 0; i < 6; i++) expect(await statusOf(`finish:${i}`)).toEqual({ status: "done", attempts: 1 });
  });

  it("a delivery the database refuses fails alone, not the others recorded with it", async () => {
    const inbox = startInbox(8);
    // PostgreSQL's jsonb cannot hold a NUL character.
    const results = await Promise.allSettled([
      inbox.record("alone:0", "slack", {}),
      inbox.record("alone:1", "slack", {}),
      inbox.record("alone:bad", "slack", { text: "\u0000" }),
      inbox.record("alone:2", "slack", {}),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    for (const r of results) if (r.status === "fulfilled") await inbox.handleNow(r.value, () => Promise.resolve());
    expect((await inbox.record("alone:3", "slack", {})).claimed).toBeDefined();
  });

  it("records a repeated key once, and the repeat takes no slot", async () => {
    const inbox = startInbox(1);
    const first = await inbox.record("dup:1", "teams", {});
    const again = await inbox.record("dup:1", "teams", {});
    expect(again).toEqual({ id: first.id, fresh: false });
    expect(await inbox.handleNow(again, () => Promise.resolve("never"))).toEqual({ status: "queued" });
    expect(await inbox.handleNow(first, () => Promise.resolve("once"))).toEqual({ status: "done", result: "once" });
    expect((await inbox.record("dup:2", "teams", {})).claimed).toBeDefined();
  });

  it("never handles more than its concurrency at once; the rest wait as rows and are all handled as slots free", async () => {
    const inbox = startInbox(2);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let running = 0;
    let most = 0;
    const done: string[] = [];
    const work = async (entry: InboxEntry) => {
      running += 1;
      most = Math.max(most, running);
      await gate;
      running -= 1;
      done.push(entry.key);
    };
    inbox.register("slack", (entry) => work(entry));
    const receipts = [];
    for (let i = 0; i < 6; i++) receipts.push(await inbox.record(`burst:${i}`, "slack", {}));
    expect(receipts.filter((r) => r.claimed !== undefined)).toHaveLength(2);
    const now = receipts.map((r) => inbox.handleNow(r, work));
    expect(await statusOf("burst:5")).toEqual({ status: "pending", attempts: 0 });
    open();
    await Promise.all(now);
    await expect.poll(() => done.length, { timeout: 10_000 }).toBe(6);
    expect(most).toBe(2);
    // A row is marked done just after its handler returns.
    for (let i = 0; i < 6; i++) await expect.poll(async () => (await statusOf(`burst:${i}`)).status).toBe("done");
  });

  it("gives handling's slots to requests waiting for their ack, except to one whose request waits for the result, and handles the rest once acknowledged", async () => {
    // Holds every insert into the inbox: the requests recording their deliveries wait for their ack until released.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const inserts = new Set<unknown>();
    const holding: KyselyPlugin = {
      transformQuery: (args) => (args.node.kind === "InsertQueryNode" && inserts.add(args.queryId), args.node),
      transformResult: async (args) => (inserts.has(args.queryId) && (await held), args.result),
    };
    const inbox = createInbox({ db: db.db.withPlugin(holding), clock: systemClock, logger: silentLogger, concurrency: 8 });
    inbox.start();
    inboxes.push(inbox);
    const done: string[] = [];
    inbox.register("slack", async (entry) => void done.push(entry.key));
    const recording = Array.from({ length: 8 }, (_, i) => inbox.record(`acking:${i}`, "slack", {}));
    // An answer that is the handling's result (a Teams card action) is not made to wait.
    const invoke = inbox.record("acking:invoke", "teams", {}, { answersWithResult: true });
    release();
    const receipts = await Promise.all(recording);
    // Each request found one more waiting than the one before: 8, 7, 6, 5 slots less those already taken.
    expect(receipts.map((r) => r.claimed !== undefined)).toEqual([true, true, true, true, false, false, false, false]);
    expect((await invoke).claimed).toBeDefined();
    for (const r of receipts) await inbox.handleNow(r, async (entry) => void done.push(entry.key));
    await expect.poll(() => done.length, { timeout: 10_000 }).toBe(8);
    for (let i = 0; i < 8; i++) await expect.poll(async () => (await statusOf(`acking:${i}`)).status).toBe("done");
  });
});
