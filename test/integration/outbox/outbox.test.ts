import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { textMessage } from "../../../src/chat/message.ts";
import { createOutboxDelivery, defineRenderer, releaseOnInstall, type OutboxJobRef, type OutboxRenderer } from "../../../src/outbox/index.ts";
import { Paced } from "../../../src/outbox/pacing.ts";
import { requestRefresh } from "../../../src/outbox/outbox.repository.ts";
import { createManualClock, systemClock } from "../../../src/shared/clock.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { silentLogger, type Logger } from "../../../src/shared/logger.ts";
import { createInlineOutbox, type InlineOutbox } from "../../helpers/inline-outbox.ts";
import { createRecordingChat } from "../../helpers/recording-chat.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let ids: Record<string, string>;
let outbox: InlineOutbox;
const slack = createRecordingChat("slack");
const teams = createRecordingChat("teams");
const hello = ({ locale }: { locale: string }) => textMessage(locale === "sv" ? "Hej" : "Hello");
let tally = 0;
const tallyRenderer = defineRenderer({
  name: "test.tally",
  payload: z.object({ of: z.string() }),
  render: async ({ of }, { locale }) => textMessage(`${locale}: ${of} ${tally}`),
});
const noReminders = { enqueue: () => Promise.resolve(), enqueueMany: () => Promise.resolve(), remove: () => Promise.resolve() };

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await seedPartnership(
    t.db,
    "p1",
    [
      { key: "anna", name: "Anna", slack: "UANNA", teams: "aad-anna" },
      { key: "erik", name: "Erik", teams: "aad-erik", locale: "en" },
      { key: "sara", name: "Sara", roles: ["samordning"], slack: "USARA" },
      { key: "nobody", name: "No identity" },
    ],
    [
      { platform: "slack", conversation: "CMAIN" },
      { platform: "teams", conversation: "19:main@thread.tacv2" },
    ],
  );
  outbox = createInlineOutbox({
    db: t.db,
    chats: new Map([
      ["slack", slack],
      ["teams", teams],
    ]),
    clock: systemClock,
    reminderQueue: noReminders,
    renderers: [tallyRenderer],
  });
});
afterAll(async () => {
  await t.drop();
});
beforeEach(() => {
  slack.calls.length = 0;
  teams.calls.length = 0;
});

/** An outbox whose Slack side is in no channel yet: every post there is refused as `not_installed`. */
const outboxNotInSlackChannels = (renderers: OutboxRenderer[] = []) =>
  createInlineOutbox({
    db: t.db,
    chats: new Map([
      [
        "slack",
        { ...createRecordingChat("slack"), post: () => Promise.reject(new SamverkaError("not_installed", "Slack refused chat.postMessage: not_in_channel.")) },
      ],
      ["teams", teams],
    ]),
    clock: systemClock,
    reminderQueue: noReminders,
    renderers,
  });
const rows = (prefix: string) => t.db.selectFrom("outbox").where("key", "like", `${prefix}%`).selectAll().orderBy("key").execute();

describe("the outbox", () => {
  it("sends a direct message on the member's primary identity only, in their language, and remembers where it landed", async () => {
    expect(await outbox.notifier.toMember(ids.erik!, hello, { key: "t1" })).toBe(1);
    expect(teams.directTextsTo("aad-erik")).toEqual(["Hello\nHello"]);
    await outbox.notifier.toMember(ids.anna!, hello, { key: "t1" });
    expect(slack.directTextsTo("UANNA")).toHaveLength(1);
    expect(teams.directTextsTo("aad-anna")).toHaveLength(0);
    const [anna, erik] = [(await rows(`t1:member:${ids.anna}`))[0]!, (await rows(`t1:member:${ids.erik}`))[0]!];
    expect(anna).toMatchObject({ status: "sent", sent_platform: "slack", locale: "sv" });
    expect(erik).toMatchObject({ status: "sent", sent_platform: "teams", locale: "en" });
    expect(erik.message_ref).toMatch(/^teams:dm-aad-erik\//);
  });

  it("records a message once however often the same use case runs: the key decides", async () => {
    await outbox.notifier.toMember(ids.anna!, hello, { key: "t2" });
    await outbox.notifier.toMember(ids.anna!, hello, { key: "t2" });
    expect(slack.directTextsTo("UANNA")).toHaveLength(1);
    expect(await rows("t2:")).toHaveLength(1);
  });

  it("falls back to the member's next identity when the primary platform fails", async () => {
    slack.failNext();
    await outbox.notifier.toMember(ids.anna!, hello, { key: "t3" });
    expect(teams.directTextsTo("aad-anna")).toHaveLength(1);
    expect((await rows("t3:"))[0]).toMatchObject({ status: "sent", sent_platform: "teams" });
  });

  it("records nothing for a member without identities, and says so with 0", async () => {
    expect(await outbox.notifier.toMember(ids.nobody!, hello, { key: "t4" })).toBe(0);
    expect(await rows("t4:")).toEqual([]);
  });

  it("posts to every platform's channel; one refusing is retried and then sent exactly once", async () => {
    teams.failNext();
    expect(await outbox.notifier.toChannels("p1", { purpose: "partnership" }, hello, { key: "t5" })).toBe(2);
    expect(slack.calls.filter((c) => c.op === "post")).toHaveLength(1);
    expect(teams.calls.filter((c) => c.op === "post")).toHaveLength(0);
    expect((await rows("t5:channel:teams"))[0]).toMatchObject({ status: "pending", attempts: 1 });
    await outbox.deliverDue();
    await outbox.deliverDue();
    expect(teams.calls.filter((c) => c.op === "post")).toHaveLength(1);
    expect((await rows("t5:channel:teams"))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("writes nothing when the transaction that records a message rolls back", async () => {
    await expect(
      outbox.transact(async (w) => {
        await w.notifier.toMember(ids.anna!, hello, { key: "t6" });
        throw new Error("the use case failed after recording");
      }),
    ).rejects.toThrow("the use case failed");
    expect(await rows("t6:")).toEqual([]);
    expect(slack.directTextsTo("UANNA")).toHaveLength(0);
  });

  it("sends every message with its key, and a re-send with the time to look for an earlier copy from", async () => {
    const options: unknown[] = [];
    const spying = { ...createRecordingChat("slack"), post: (...args: Parameters<typeof slack.post>) => (options.push(args[2]), slack.post(...args)) };
    const spied = createInlineOutbox({ db: t.db, chats: new Map([["slack", spying]]), clock: systemClock, reminderQueue: noReminders });
    slack.failNext();
    await spied.notifier.toChannels("p1", { purpose: "partnership" }, hello, { key: "t11" });
    await spied.deliverDue();
    const row = (await rows("t11:channel:slack"))[0]!;
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(options).toEqual([{ key: row.key }, { key: row.key, resendSince: row.created_at }]);
  });

  it("renders a live card when it is sent and re-renders every copy in place on refresh, each in its language", async () => {
    tally = 1;
    await outbox.notifier.toChannels("p1", {}, { render: "test.tally", payload: { of: "platser" } }, { key: "t7", card: "card-7" });
    await outbox.notifier.toMember(ids.erik!, { render: "test.tally", payload: { of: "places" } }, { key: "t7", card: "card-7" });
    expect(slack.calls.find((c) => c.op === "post")).toMatchObject({ message: { text: "sv: platser 1" } });
    tally = 5;
    await outbox.notifier.refreshCard("card-7", "p1");
    const updates = [...slack.calls, ...teams.calls].flatMap((c) => (c.op === "update" ? [c.message.text] : []));
    expect(updates.sort()).toEqual(["en: places 5", "sv: platser 5", "sv: platser 5"]);
  });

  it("refreshes the copies that landed at once, while another copy of the card waits for its retry", async () => {
    tally = 1;
    teams.failNext();
    await outbox.notifier.toChannels("p1", {}, { render: "test.tally", payload: { of: "platser" } }, { key: "t12", card: "card-12" });
    expect((await rows("t12:channel:teams"))[0]).toMatchObject({ status: "pending", attempts: 1 });
    tally = 3;
    await outbox.notifier.refreshCard("card-12", "p1");
    expect(slack.calls.flatMap((c) => (c.op === "update" ? [c.message.text] : []))).toEqual(["sv: platser 3"]);
    // The waiting copy, when it goes, shows the newest rows itself.
    await outbox.deliverDue();
    expect(teams.calls.find((c) => c.op === "post")).toMatchObject({ message: { text: "sv: platser 3" } });
  });

  it("refreshes the copies in free conversations at once, and comes back for a copy whose conversation is busy at its slot", async () => {
    tally = 1;
    await outbox.notifier.toChannels("p1", {}, { render: "test.tally", payload: { of: "platser" } }, { key: "t31", card: "card-31" });
    await outbox.notifier.toMember(ids.erik!, { render: "test.tally", payload: { of: "places" } }, { key: "t31", card: "card-31" });
    slack.calls.length = 0;
    teams.calls.length = 0;
    tally = 4;
    const queued: OutboxJobRef[] = [];
    const refresh = createOutboxDelivery({
      db: t.db,
      chats: new Map([
        ["slack", slack],
        ["teams", teams],
      ]),
      renderers: [tallyRenderer],
      queue: { enqueueMany: (jobs) => Promise.resolve(void queued.push(...jobs)) },
      // The Slack channel's next slot is 5 s away; the others are free.
      pacer: { pace: (_platform, conversation) => (conversation.startsWith("slack:CMAIN") ? Promise.reject(new Paced(5_000)) : Promise.resolve()) },
      clock: systemClock,
      logger: silentLogger,
    });
    const before = Date.now();
    await refresh((await requestRefresh(t.db, "card-31", "p1", new Date(), { quietMs: 0, latestMs: 1_000 }))!);
    expect(teams.calls.flatMap((c) => (c.op === "update" ? [c.message.text] : [])).sort()).toEqual(["en: places 4", "sv: platser 4"]);
    expect(slack.calls.filter((c) => c.op === "update")).toEqual([]);
    // Waiting for a slot is no failed attempt: the refresh is pending again at the busy conversation's slot, and queued.
    const [row] = await rows("refresh:card-31");
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row!.due_at.getTime()).toBeGreaterThanOrEqual(before + 5_000);
    expect(queued).toEqual([{ outboxId: row!.id, dueAt: row!.due_at }]);
  });

  it("coalesces refreshes asked for close together into one waiting refresh", async () => {
    await outbox.transact(async (w) => {
      await w.notifier.refreshCard("card-8", "p1");
      await w.notifier.refreshCard("card-8", "p1");
      await w.notifier.refreshCard("card-8", "p1");
    });
    expect(await rows("refresh:card-8")).toHaveLength(1);
  });

  it("sends a burst of changes' refresh once they are quiet, and never later than a second after the first", async () => {
    const timing = { quietMs: 250, latestMs: 1_000 };
    const at = (ms: number) => new Date(Date.parse("2030-01-07T10:00:00Z") + ms);
    const due = async (ms: number) => (await requestRefresh(t.db, "card-30", "p1", at(ms), timing))?.dueAt.getTime();
    expect(await due(0)).toBe(at(250).getTime());
    // Each change moves the refresh to a quiet moment after it...
    expect(await due(100)).toBe(at(350).getTime());
    expect(await due(600)).toBe(at(850).getTime());
    // ...but not past a second after the first, however long the changes go on.
    expect(await due(900)).toBe(at(1_000).getTime());
    expect(await due(950)).toBe(at(1_000).getTime());
    // A refresh waiting for a retry keeps its time (its backoff is not cut short).
    await t.db.updateTable("outbox").set({ attempts: 1 }).where("key", "=", "refresh:card-30").execute();
    expect(await due(980)).toBeUndefined();
    // A sent one is armed again from the next change.
    await t.db.updateTable("outbox").set({ status: "sent", attempts: 1 }).where("key", "=", "refresh:card-30").execute();
    expect(await due(3_000)).toBe(at(3_250).getTime());
    expect(await due(3_100)).toBe(at(3_350).getTime());
    // ...but not sooner than a second after the one before went: about one update a second per conversation.
    await t.db.updateTable("outbox").set({ status: "sent" }).where("key", "=", "refresh:card-30").execute();
    expect(await due(3_400)).toBe(at(4_350).getTime());
  });

  it("fails a message the platform refuses for good, and tells samordning through another route", async () => {
    const refusing = { ...createRecordingChat("teams"), sendDirect: () => Promise.reject(new SamverkaError("platform_rejected", "never installed")) };
    const failing = createInlineOutbox({
      db: t.db,
      chats: new Map([
        ["slack", slack],
        ["teams", refusing],
      ]),
      clock: systemClock,
      reminderQueue: noReminders,
    });
    await failing.notifier.toMember(ids.erik!, hello, { key: "t9" });
    expect((await rows("t9:"))[0]).toMatchObject({ status: "failed", attempts: 1 });
    const notices = await rows("outbox-failed:p1:");
    expect(notices.map((n) => n.member_id ?? n.conversation)).toEqual(expect.arrayContaining([ids.sara, "CMAIN"]));
  });

  it("tells samordning once that a member cannot be reached where the app is not installed, not again every window", async () => {
    // The Agents Playground refuses everyone it does not have this way, for as long as it runs.
    const clock = createManualClock("2030-01-07T10:00:00Z");
    const notThere = { ...createRecordingChat("teams"), sendDirect: () => Promise.reject(new SamverkaError("not_installed", "not a playground user")) };
    const failing = createInlineOutbox({
      db: t.db,
      chats: new Map([
        ["slack", slack],
        ["teams", notThere],
      ]),
      clock,
      reminderQueue: noReminders,
    });
    await failing.notifier.toMember(ids.erik!, hello, { key: "t21a" });
    clock.set("2030-01-07T10:20:00Z");
    await failing.notifier.toMember(ids.erik!, hello, { key: "t21b" });
    expect((await rows("t21")).map((r) => [r.status, r.attempts])).toEqual([
      ["failed", 1],
      ["failed", 1],
    ]);
    // One notice, for the first window: the second failure is the same news (Erik cannot be reached there).
    const notices = await rows("outbox-failed:p1:2030-");
    expect(new Set(notices.map((n) => n.key.slice(0, "outbox-failed:p1:2030-01-07T10:00:00.000Z".length)))).toEqual(
      new Set(["outbox-failed:p1:2030-01-07T10:00:00.000Z"]),
    );
  });

  it("keeps posts to a channel the app is not in waiting, logs that once without a stack, tells who answers for it once, and sends them when the app is added", async () => {
    const lines: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
    const record = (level: string) => (fields: object | string, msg?: string) =>
      void lines.push(typeof fields === "string" ? { level, fields: {}, msg: fields } : { level, fields: { ...fields }, msg: msg ?? "" });
    const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error"), child: () => logger };
    const notInstalled = () =>
      Promise.reject(new SamverkaError("not_installed", "Samverka has never been added to the Teams conversation 19:main@thread.tacv2."));
    let refusing = true;
    const teamsChannel = {
      ...createRecordingChat("teams"),
      post: (...args: Parameters<typeof teams.post>) => (refusing ? notInstalled() : teams.post(...args)),
    };
    const quiet = createInlineOutbox({
      db: t.db,
      chats: new Map([
        ["slack", slack],
        ["teams", teamsChannel],
      ]),
      clock: systemClock,
      reminderQueue: noReminders,
      logger,
    });
    for (const key of ["t10a", "t10b", "t10c"]) await quiet.notifier.toChannels("p1", { purpose: "partnership" }, hello, { key });
    expect((await rows("t10")).filter((r) => r.platform === "teams").map((r) => [r.status, r.attempts])).toEqual([
      ["waiting", 1],
      ["waiting", 1],
      ["waiting", 1],
    ]);
    const loud = lines.filter((l) => l.level === "warn" || l.level === "error");
    expect(loud).toHaveLength(1);
    expect(loud[0]).toMatchObject({ level: "warn", fields: { code: "not_installed" }, msg: expect.stringContaining("not in this channel yet") as unknown });
    expect(loud[0]?.fields.reason).toContain("never been added");
    expect(lines.some((l) => "err" in l.fields)).toBe(false);
    // The partnership channel belongs to no group: samordning (Sara) is told, once for the three.
    await quiet.deliverDue();
    const notices = await rows("outbox-waiting:teams:19:main@thread.tacv2:");
    expect(notices.map((r) => [r.member_id, r.status])).toEqual([[ids.sara, "sent"]]);
    // The channel is named as people know it, not by its platform id.
    expect(JSON.stringify(notices[0]!.content)).toContain("Samverka är inte med i partnerskapets kanal (Teams) ännu");
    expect(JSON.stringify(notices[0]!.content)).not.toContain("19:main@thread.tacv2");

    // The app is added there: what waited is sent, once each.
    refusing = false;
    teams.calls.length = 0;
    expect(await releaseOnInstall({ db: t.db, clock: systemClock, logger, queue: quiet.queue }, "teams", "19:main@thread.tacv2")).toBe(3);
    expect((await rows("t10")).filter((r) => r.platform === "teams").map((r) => r.status)).toEqual(["sent", "sent", "sent"]);
    expect(teams.calls.filter((c) => c.op === "post")).toHaveLength(3);
    expect(await releaseOnInstall({ db: t.db, clock: systemClock, logger, queue: quiet.queue }, "teams", "19:main@thread.tacv2")).toBe(0);

    // Once a message gets through there again, the next refusal is news and is warned about again.
    refusing = true;
    await quiet.notifier.toChannels("p1", { purpose: "partnership" }, hello, { key: "t10e" });
    expect(lines.filter((l) => l.level === "warn")).toHaveLength(2);
  });

  it("tells the chair of the group whose channel a waiting post is for, not samordning", async () => {
    const group = await t.db
      .insertInto("groups")
      .values({
        partnership_id: "p1",
        key: "styr",
        kind: "styrgrupp",
        name: "Styrgrupp",
        cadence_kind: "months",
        cadence_months: 2,
        meeting_settings: JSON.stringify({}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.insertInto("group_members").values({ group_id: group.id, member_id: ids.anna!, role: "chair" }).execute();
    await t.db
      .insertInto("channels")
      .values({ partnership_id: "p1", platform: "slack", conversation: "CSTYR", purpose: "group", group_id: group.id })
      .execute();
    const box = outboxNotInSlackChannels();
    for (const key of ["t20a", "t20b"]) await box.notifier.toChannels("p1", { purpose: "group", groupId: group.id }, hello, { key });
    expect((await rows("t20")).map((r) => r.status)).toEqual(["waiting", "waiting"]);
    const notices = await rows("outbox-waiting:slack:CSTYR:");
    expect(notices.map((r) => r.member_id)).toEqual([ids.anna]);
    expect(JSON.stringify(notices[0]!.content)).toContain("Samverka är inte med i kanalen för Styrgrupp (Slack) ännu");
  });

  it("says what waits by what it is when it is a live card, not with an empty quote", async () => {
    await t.db.insertInto("channels").values({ partnership_id: "p1", platform: "slack", conversation: "CALERTS", purpose: "alerts" }).execute();
    const box = outboxNotInSlackChannels([
      defineRenderer({ name: "coldnight.card", payload: z.object({}), render: async () => textMessage("Extra kall natt") }),
    ]);
    await box.notifier.toChannels("p1", { purpose: "alerts" }, { render: "coldnight.card", payload: {} }, { key: "t30" });
    const notices = await rows("outbox-waiting:slack:CALERTS:");
    expect(notices.map((r) => r.member_id)).toEqual([ids.sara]);
    expect(JSON.stringify(notices[0]!.content)).toContain(
      "Samverka är inte med i larmkanalen (Slack) ännu, så det som ska dit väntar (först: kallnattskortet).",
    );
  });
});
