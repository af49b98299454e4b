import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRowObserver, measureBacklog } from "../../../src/metrics/index.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { noMetrics, type Metrics } from "../../../src/shared/metrics.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

describe("figures read from the rows", () => {
  let t: TestDatabase;
  let ids: Record<string, string>;
  const clock = createManualClock("2026-12-03T12:00:00Z");

  const recorder = () => {
    const seen: string[] = [];
    const metrics: Metrics = {
      ...noMetrics,
      formCompleted: (form, via) => void seen.push(`${via}:${form}`),
      coldNightAcknowledged: (seconds) => void seen.push(`ack:${seconds}`),
    };
    return { seen, metrics };
  };
  const completeForm = async (subject: string, at: string) => {
    await t.db
      .insertInto("form_sessions")
      .values({
        partnership_id: "p1",
        member_id: ids.anna!,
        subject,
        action_prefix: "report.",
        definition: JSON.stringify({}),
        title: JSON.stringify({ sv: "R", en: "R" }),
        state: JSON.stringify({}),
        status: "completed",
        revision: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ids = await seedPartnership(t.db, "p1", [{ key: "anna", name: "Anna", slack: "UANNA" }], []);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("observes each completed conversational form once across processes, by its owner, never its id", async () => {
    const [first, second] = [recorder(), recorder()];
    const a = createRowObserver({ db: t.db, clock, metrics: first.metrics });
    const b = createRowObserver({ db: t.db, clock, metrics: second.metrics });
    await completeForm("report:5b0e", "2026-12-03T11:50:00Z");
    await Promise.all([a.observe(), b.observe()]);
    expect([...first.seen, ...second.seen]).toEqual(["conversation:report"]);

    clock.advance(60_000);
    await completeForm("report:77aa", "2026-12-03T12:00:30Z");
    await b.observe();
    await a.observe();
    expect([...first.seen, ...second.seen]).toEqual(["conversation:report", "conversation:report"]);
  });

  it("reads the backlog: due rows not yet taken, and the oldest one's age", async () => {
    const now = clock.now();
    await t.db
      .insertInto("reminders")
      .values([
        { key: "r-due", kind: "k", due_at: new Date(now.getTime() - 90_000), payload: JSON.stringify({}), created_at: now, updated_at: now },
        { key: "r-later", kind: "k", due_at: new Date(now.getTime() + 90_000), payload: JSON.stringify({}), created_at: now, updated_at: now },
      ])
      .execute();
    await t.db
      .insertInto("inbox")
      .values({ key: "slack:ev1", platform: "slack", payload: JSON.stringify({}), received_at: new Date(now.getTime() - 5_000) })
      .execute();
    expect(await measureBacklog(t.db, now)).toEqual([
      { table: "outbox", due: 0, oldestDueSeconds: 0 },
      { table: "reminders", due: 1, oldestDueSeconds: 90 },
      { table: "inbox", due: 1, oldestDueSeconds: 5 },
    ]);
  });
});
