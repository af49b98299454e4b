/**
 * The inbox on a real database: a delivery is recorded and claimed in one insert, handled with bounded concurrency,
 * and what waits as rows is handled as slots free; handling one costs two statements, not four.
 */
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  afterAll(async () => {
    await Promise.all(inboxes.map((i) => i.stop()));
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
    for (let i = 0; i < 6; i++) expect((await statusOf(`burst:${i}`)).status).toBe("done");
  });
});
