/**
 * The conversation decides the group, against the REAL server over HTTP (one file per platform): a partnership with a
 * styrgrupp and a samverkansgrupp, each with its own channel. `agenda` in a group's channel lands on that group's
 * meeting, whatever other groups the writer sits in; someone outside the group is told so and nothing lands
 * elsewhere; `möten` there lists that group; a button refused to someone says so and never shows success.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobRuntime } from "../../../jobs/job-runtime.ts";
import { createUnitOfWork } from "../../../src/app/unit-of-work.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { listGroups } from "../../../src/meetings/meeting-group.repository.ts";
import { planGroupMeetings } from "../../../src/meetings/plan-meetings.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import type { TestUser } from "../../helpers/platform-driver.ts";
import { sentMarks } from "../../helpers/sent-marks.ts";
import type { TestDatabase } from "../../helpers/test-database.ts";
import { createStyrgruppDatabase, directWaits, type MeetingsPlatform, type RunningServer } from "./meetings-scenario.ts";

/** Who is outside the styrgrupp, and the samverkansgrupp's channel, on this platform. */
export interface SecondGroup {
  david: TestUser;
  channel: string;
  /** A third group's channel the app has not been added to. */
  notYet: string;
}

export function describeConversationGroupStory(name: string, platform: MeetingsPlatform, second: SecondGroup): void {
  describe(`the conversation decides the group, end to end on ${name}`, () => {
    let db: TestDatabase;
    let server: RunningServer;
    const next: Record<string, string> = {};
    const clock = createManualClock("2026-09-20T07:00:00Z");
    const { anna, bo } = platform.users;
    const { david } = second;

    const marks = sentMarks(() => server.driver);
    const { snapshot, since, after } = marks;
    const directTo = directWaits(platform, marks);
    /** What was said in a channel for everyone there (an added agenda item is news for the whole group). */
    const inChannel = (channel: string, text: string, mark: Set<string>) =>
      after(mark, (i) => i.conversation === channel && i.kind === "post" && i.text.includes(text));
    const itemsOf = async (group: string) =>
      (
        await db.db
          .selectFrom("agenda_items as a")
          .innerJoin("meetings as m", "m.id", "a.proposed_for_meeting_id")
          .select(["a.text", "m.id as meeting"])
          .where("m.group_id", "=", group)
          .orderBy("a.text")
          .execute()
      ).map((r) => [r.text, r.meeting]);

    beforeAll(async () => {
      const seeded = await createStyrgruppDatabase(platform, david);
      db = seeded.db;
      // The samverkansgrupp meets monthly, so its next meeting comes before the styrgrupp's; Bo chairs it, Anna and David sit in it.
      const samverkan = await db.db
        .insertInto("groups")
        .values({
          partnership_id: "eu-sthlm",
          key: "samverkansgrupp",
          kind: "samverkansgrupp",
          name: "Samverkansgruppen",
          cadence_kind: "months",
          cadence_months: 1,
          meeting_settings: JSON.stringify({
            pattern: { weekday: "thursday", week: 1, time: "10:00", durationMinutes: 90 },
            inviteDaysBefore: 10,
            agendaRequestDaysBefore: 7,
            agendaSendDaysBefore: 2,
          }),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.db
        .insertInto("group_members")
        .values([
          { group_id: samverkan.id, member_id: seeded.ids.bo!, role: "chair" },
          { group_id: samverkan.id, member_id: seeded.ids.anna!, role: "member" },
          { group_id: samverkan.id, member_id: seeded.ids.david!, role: "member" },
        ])
        .execute();
      await db.db
        .insertInto("channels")
        .values({ partnership_id: "eu-sthlm", platform: platform.platform, conversation: second.channel, purpose: "group", group_id: samverkan.id })
        .execute();
      for (const group of await listGroups(db.db, "eu-sthlm")) {
        const plan = await planGroupMeetings(db.db, group, { from: "2026-10-01", until: "2027-03-31" }, clock.now());
        next[group.key] = plan.meetings[0]!.id;
      }
      server = await platform.start(db.url, clock);
    });
    afterAll(async () => {
      await server?.close();
      await db?.drop();
    });

    it("adds `agenda X` written in the styrgrupp's channel to the styrgrupp's meeting, and in the samverkansgrupp's to its own", async () => {
      const groups = await listGroups(db.db, "eu-sthlm");
      const styrgrupp = groups.find((g) => g.key === "styrgrupp")!;
      const samverkan = groups.find((g) => g.key === "samverkansgrupp")!;
      let mark = snapshot();
      // Bo sits in both groups, and the samverkansgrupp meets first: only the channel can say which group he means.
      await server.driver.command(bo, "agenda Förlängning av avtalet", { conversation: platform.channel });
      await inChannel(platform.channel, "Punkten är tillagd på dagordningen för Styrgruppen tisdag 2026-10-13", mark);
      mark = snapshot();
      await server.driver.command(bo, "agenda Vinterns extra platser", { conversation: second.channel });
      await inChannel(second.channel, "Punkten är tillagd på dagordningen för Samverkansgruppen torsdag 2026-10-01", mark);
      expect(await itemsOf(styrgrupp.id)).toEqual([["Förlängning av avtalet", next.styrgrupp]]);
      expect(await itemsOf(samverkan.id)).toEqual([["Vinterns extra platser", next.samverkansgrupp]]);
      expect(since(mark).filter((i) => i.kind === "form")).toEqual([]);
    });

    it("tells someone outside the channel's group so, and adds nothing to their own group's meeting", async () => {
      const mark = snapshot();
      await server.driver.command(david, "agenda Lokalfrågan", { conversation: platform.channel });
      await directTo(david, "Du sitter inte i Styrgruppen", mark);
      const texts = (await db.db.selectFrom("agenda_items").select("text").execute()).map((r) => r.text);
      expect(texts).not.toContain("Lokalfrågan");
    });

    it("lists the channel's group for `möten` there, with no move buttons for someone who may not change its meetings", async () => {
      const mark = snapshot();
      await server.driver.command(david, "möten", { conversation: platform.channel });
      const list = await directTo(david, "Kommande möten: Styrgruppen", mark);
      expect(list.text).not.toContain("Samverkansgruppen");
      expect(list.text).toContain("tisdag 2026-10-13");
      expect(list.buttons).toEqual([]);
    });

    it("answers a refused press with the refusal, never with success", async () => {
      let mark = snapshot();
      await server.driver.command(anna, "möten", { conversation: platform.channel });
      const list = await directTo(anna, "Kommande möten: Styrgruppen", mark);
      mark = snapshot();
      // David presses the chair's move button (a forwarded or shared card): refused, and he is told who may.
      await server.driver.click(david, list, "Flytta");
      await directTo(david, "Bara ordföranden i Styrgruppen eller administratör, samordnare och samordningsfunktionen kan flytta", mark);
      expect(since(mark).filter((i) => i.kind === "form")).toEqual([]);
      const banners = server.banners?.() ?? [];
      if (platform.platform === "teams") expect(banners.at(-1)).toContain("Bara ordföranden i Styrgruppen");
      expect(banners).not.toContain("Klart.");
    });

    it("keeps a meeting notice to a channel the app is not in waiting, tells the group's chair once, and posts it when the app is added", async () => {
      const group = await db.db
        .insertInto("groups")
        .values({
          partnership_id: "eu-sthlm",
          key: "referensgrupp",
          kind: "referensgrupp",
          name: "Referensgruppen",
          cadence_kind: "months",
          cadence_months: 3,
          meeting_settings: JSON.stringify({}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const anna = await db.db.selectFrom("members").select("id").where("key", "=", "anna").executeTakeFirstOrThrow();
      await db.db.insertInto("group_members").values({ group_id: group.id, member_id: anna.id, role: "chair" }).execute();
      await db.db
        .insertInto("channels")
        .values({ partnership_id: "eu-sthlm", platform: platform.platform, conversation: second.notYet, purpose: "group", group_id: group.id })
        .execute();
      const jobs = createJobRuntime({ postgres: { connectionString: db.url }, clock, logger: silentLogger });
      try {
        const work = createUnitOfWork({
          db: db.db,
          clock,
          logger: silentLogger,
          reminderQueue: jobs.reminderQueue,
          outboxQueue: jobs.outboxQueue,
          platforms: () => new Set([platform.platform]),
        });
        const row = (key: string) => db.db.selectFrom("outbox").select(["status", "attempts"]).where("key", "like", `${key}%`).executeTakeFirst();
        let mark = snapshot();
        const notice = (key: string) =>
          work.transact((u) => u.notifier.toChannels("eu-sthlm", { purpose: "group", groupId: group.id }, () => textMessage(`Kallelse ${key}`), { key }));
        server.refuseNextChannelPost();
        await notice("e2e:ref:1");
        await expect.poll(async () => (await row("e2e:ref:1"))?.status, { timeout: 15_000 }).toBe("waiting");
        // Named as the chair knows the channel, not by its platform id.
        const waiting = await directTo(platform.users.anna, "Samverka är inte med i kanalen", mark);
        expect(waiting.text).toContain(`Samverka är inte med i kanalen för Referensgruppen (${platform.platform === "slack" ? "Slack" : "Teams"}) ännu`);
        expect(waiting.text).not.toContain(second.notYet);
        server.refuseNextChannelPost();
        await notice("e2e:ref:2");
        await expect.poll(async () => (await row("e2e:ref:2"))?.status, { timeout: 15_000 }).toBe("waiting");
        expect(since(mark).filter((i) => i.text.includes("Samverka är inte med i kanalen"))).toHaveLength(1);
        expect((await row("e2e:ref:1"))?.attempts).toBe(1);

        mark = snapshot();
        await server.install(second.notYet);
        await server.driver.waitFor(
          () => since(mark).filter((i) => i.conversation.includes(second.notYet) && i.text.includes("Kallelse e2e:ref:")).length === 2,
          15_000,
        );
        // The platform has the posts before the rows are marked sent: that is committed after the call returns.
        await expect.poll(async () => [(await row("e2e:ref:1"))?.status, (await row("e2e:ref:2"))?.status], { timeout: 15_000 }).toEqual(["sent", "sent"]);
      } finally {
        await jobs.close();
      }
    });
  });
}
