import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime, type JobRuntime } from "../../../jobs/job-runtime.ts";
import type { ChatPort, Platform } from "../../../src/chat/chat-port.ts";
import { textMessage, type Message } from "../../../src/chat/message.ts";
import { createOutboxDelivery, createPacer } from "../../../src/outbox/index.ts";
import { insertOutboxRows, type NewOutboxRow } from "../../../src/outbox/outbox.repository.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, messageText } from "../../helpers/recording-chat.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { BACKENDS, createJobsTestbed, type JobsTestbed } from "../jobs/job-backends.ts";
import { waitFor } from "../jobs/wait-for.ts";

// Messages to a conversation Slack lets take about one a second must not hold up messages to another one: the real
// delivery, pacer and job runtime, with two outbox workers so that two sleeping sends would block everything.
describe.each(BACKENDS)("outbox pacing on $name", (backend) => {
  let testbed: JobsTestbed;
  let runtime: JobRuntime;
  const slack = createRecordingChat("slack");
  // A message's key: its text (the recording chat's text repeats it as the fallback).
  const keyOf = (message: Message) => messageText(message).split("\n")[0]!;
  // When each text reached the platform.
  const landed = new Map<string, number>();
  const timed: ChatPort = {
    ...slack,
    sendDirect: async (userId, message) => {
      landed.set(keyOf(message), Date.now());
      return slack.sendDirect(userId, message);
    },
    post: async (conversation, message) => {
      landed.set(keyOf(message), Date.now());
      return slack.post(conversation, message);
    },
  };
  let ids: Record<string, string>;

  beforeAll(async () => {
    testbed = await createJobsTestbed(backend.name);
    const db = testbed.db.db;
    ids = await seedPartnership(db, "p1", [{ key: "anna", name: "Anna", slack: "UANNA" }], [{ platform: "slack", conversation: "CFREE" }]);
    runtime = createJobRuntime({ ...testbed.connection, logger: silentLogger, outboxConcurrency: 2 });
    const deliverOutbox = createOutboxDelivery({
      db,
      chats: new Map<Platform, ChatPort>([["slack", timed]]),
      renderers: [],
      queue: runtime.outboxQueue,
      pacer: createPacer(),
      clock: systemClock,
      logger: silentLogger,
    });
    await runtime.startWorkers({ processReminder: () => Promise.resolve(), deliverOutbox, recurring: [] });
  });

  afterAll(async () => {
    await runtime?.close();
    await testbed?.close();
  });

  it("sends to a free conversation while a busy one waits for its slots, each message once", async () => {
    const now = new Date();
    const row = (key: string, target: Pick<NewOutboxRow, "memberId" | "platform" | "conversation">): NewOutboxRow => ({
      key,
      partnershipId: "p1",
      kind: "message",
      ...target,
      content: { type: "message", message: textMessage(key) },
      locale: "sv",
      timeZone: "Europe/Stockholm",
      dueAt: now,
    });
    const busy = Array.from({ length: 6 }, (_, i) => row(`busy ${i + 1}`, { memberId: ids.anna! }));
    const free = [1, 2].map((i) => row(`free ${i}`, { platform: "slack", conversation: "CFREE" }));
    // The busy conversation's rows are queued first: with sleeping sends they would take both workers.
    const jobs = await insertOutboxRows(testbed.db.db, [...busy, ...free], now);
    await runtime.outboxQueue.enqueueMany(jobs);

    const rows = await waitFor(
      "every row to be sent",
      async () => {
        const all = await testbed.db.db.selectFrom("outbox").select(["key", "status", "attempts"]).orderBy("key").execute();
        return all.every((r) => r.status === "sent") ? all : undefined;
      },
      30_000,
    );

    // Each once, and pacing is no failed attempt.
    expect(rows.map((r) => [r.key, r.attempts])).toEqual([...[...busy, ...free].map((r) => [r.key, 1])].sort());
    const direct = slack.calls.flatMap((c) => (c.op === "direct" && c.userId === "UANNA" ? [keyOf(c.message)] : []));
    expect(direct.toSorted()).toEqual(busy.map((r) => r.key));
    expect(slack.calls.flatMap((c) => (c.op === "post" ? [keyOf(c.message)] : [])).toSorted()).toEqual(["free 1", "free 2"]);
    // When the busy conversation's sends landed, in order (two workers take its rows two at a time, so which row gets
    // which slot may vary).
    const busyAt = busy.map((r) => landed.get(r.key)!).toSorted((a, b) => a - b);
    // The free channel did not wait behind the busy conversation: sleeping for their slots, the busy one's fourth and
    // fifth sends (1 s and 2 s away) would have held both workers, its sixth the first one freed, so the free channel's
    // first message would land after the busy one's fifth.
    expect(Math.max(landed.get("free 1")!, landed.get("free 2")!)).toBeLessThan(busyAt[4]!);
    // And the busy conversation still kept Slack's pace: a burst of three, then one slot a second (a row that came
    // back late to its slot does not move the next one's).
    for (const i of [3, 4, 5]) expect(busyAt[i]! - busyAt[0]!).toBeGreaterThanOrEqual((i - 2) * 1000 - 50);
  });
});
