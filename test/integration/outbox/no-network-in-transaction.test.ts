import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSlack } from "../../../adapters/slack/chat/slack-errors.ts";
import { callConnector } from "../../../adapters/teams/chat/teams-errors.ts";
import { createUnitOfWork } from "../../../src/app/unit-of-work.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const noQueue = { enqueue: () => Promise.resolve(), enqueueMany: () => Promise.resolve(), remove: () => Promise.resolve() };

describe("no platform call inside a database transaction", () => {
  // Every Slack Web API and Bot Connector call goes through these two functions, so the guard covers every feature.
  const work = () =>
    createUnitOfWork({ db: t.db, clock: systemClock, logger: silentLogger, reminderQueue: noQueue, outboxQueue: noQueue, platforms: () => new Set() });
  const platformCalls = [
    ["Slack", () => callSlack("chat.postMessage", () => Promise.resolve("sent"))],
    ["Teams", () => callConnector("sending a message", () => Promise.resolve("sent"))],
  ] as const;

  for (const [platform, call] of platformCalls) {
    it(`refuses a ${platform} call made inside a unit of work, and rolls the unit back`, async () => {
      await expect(
        work().transact(async (w) => {
          await w.db
            .insertInto("sweep_runs")
            .values({ name: `guard-${platform}`, completed_at: new Date(), details: "{}" })
            .execute();
          return call();
        }),
      ).rejects.toThrow(/inside a database transaction/);
      expect(await t.db.selectFrom("sweep_runs").where("name", "=", `guard-${platform}`).select("name").execute()).toEqual([]);
    });

    it(`lets the same ${platform} call through after the unit of work has committed`, async () => {
      await work().transact(async (w) => w.db.selectFrom("sweep_runs").select("name").execute());
      await expect(call()).resolves.toBe("sent");
    });
  }
});
