/**
 * The notice samordning gets when messages could not be delivered names them as people know them: a live card by
 * what it is ("mötesinbjudan", "kallnattskortet"), a channel by what it is for and on which platform, never by the
 * renderer's or the platform's id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { textMessage } from "../../../src/chat/message.ts";
import { createFailureNoticeRenderer, defineRenderer } from "../../../src/outbox/index.ts";
import { systemClock } from "../../../src/shared/clock.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { createInlineOutbox } from "../../helpers/inline-outbox.ts";
import { createRecordingChat } from "../../helpers/recording-chat.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let ids: Record<string, string>;
const refused = () => Promise.reject(new SamverkaError("platform_rejected", "the platform refused it for good"));
const renderer = (name: string) => defineRenderer({ name, payload: z.object({}), render: async () => textMessage(name) });

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await seedPartnership(t.db, "p1", [{ key: "erik", name: "Erik", teams: "aad-erik" }], [{ platform: "teams", conversation: "19:main@thread.tacv2" }]);
  const group = await t.db
    .insertInto("groups")
    .values({
      partnership_id: "p1",
      key: "styrgrupp",
      kind: "styrgrupp",
      name: "Styrgruppen",
      cadence_kind: "months",
      cadence_months: 2,
      meeting_settings: "{}",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("channels")
    .values({ partnership_id: "p1", platform: "teams", conversation: "19:styrgrupp@thread.tacv2", purpose: "group", group_id: group.id })
    .execute();
  const outbox = createInlineOutbox({
    db: t.db,
    chats: new Map([["teams", { ...createRecordingChat("teams"), post: refused, sendDirect: refused }]]),
    clock: systemClock,
    reminderQueue: { enqueue: () => Promise.resolve(), enqueueMany: () => Promise.resolve(), remove: () => Promise.resolve() },
    renderers: [renderer("meetings.invitation"), renderer("coldnight.card")],
  });
  await outbox.notifier.toChannels("p1", { purpose: "group", groupId: group.id }, { render: "meetings.invitation", payload: {} }, { key: "invite" });
  await outbox.notifier.toChannels("p1", { purpose: "partnership" }, { render: "coldnight.card", payload: {} }, { key: "card" });
  await outbox.notifier.toMember(ids.erik!, { render: "coldnight.card", payload: {} }, { key: "card" });
});
afterAll(async () => {
  await t.drop();
});

describe("the failure notice", () => {
  it("names live cards and channels in words from the catalogue, in each language", async () => {
    const failed = await t.db.selectFrom("outbox").where("status", "=", "failed").select("key").execute();
    expect(failed).toHaveLength(3);
    const window = { partnershipId: "p1", from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const itemsIn = async (locale: "sv" | "en") => {
      const notice = await createFailureNoticeRenderer(t.db).render(window, { locale, timeZone: "Europe/Stockholm" }, { refresh: false });
      return notice?.blocks.flatMap((b) => (b.type === "list" ? b.items : [])).sort();
    };
    expect(await itemsIn("sv")).toEqual([
      "Kallnattskortet i partnerskapets kanal (Teams)",
      "Kallnattskortet till Erik",
      "Mötesinbjudan i kanalen för Styrgruppen (Teams)",
    ]);
    expect(await itemsIn("en")).toEqual([
      "The cold-night card in the partnership channel (Teams)",
      "The cold-night card to Erik",
      "The meeting invitation in the Styrgruppen channel (Teams)",
    ]);
  });
});
