import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgendaPort } from "../../../src/meetings/index.ts";
import { messageText } from "../../helpers/recording-chat.ts";
import { createReportsHarness, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;
let groupId: string;
let meetingId: string;

beforeAll(async () => {
  h = await createReportsHarness({ agenda: { addItem: (item) => createAgendaPort({ db: h.db.db, clock: h.clock }).addItem(item) } });
  // Like the Stockholm EU-citizens agreement: extendable a year at a time, in writing by 1 February.
  await h.db.db
    .updateTable("partnerships")
    .set({ period_start: "2026-05-01", period_end: "2027-04-30", extension_step_months: 12, extension_until: "2029-04-30", extension_deadline: "02-01" })
    .where("id", "=", "eu")
    .execute();
  const group = await h.db.db
    .insertInto("groups")
    .values({
      partnership_id: "eu",
      key: "styrgrupp",
      kind: "styrgrupp",
      name: "Styrgruppen",
      cadence_kind: "months",
      cadence_months: 2,
      meeting_settings: JSON.stringify({}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  groupId = group.id;
  await h.db.db
    .insertInto("channels")
    .values({ partnership_id: "eu", platform: "slack", conversation: "C0STYR", purpose: "group", group_id: groupId })
    .execute();
  const meeting = await h.db.db
    .insertInto("meetings")
    .values({
      partnership_id: "eu",
      group_id: groupId,
      starts_at: "2027-01-14T13:00:00Z",
      ends_at: "2027-01-14T15:00:00Z",
      planned_starts_at: "2027-01-14T13:00:00Z",
      invited_at: null,
      agenda_sent_at: null,
      minutes_at: null,
      cancelled_at: null,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  meetingId = meeting.id;
});
afterAll(async () => {
  await h?.close();
});

const styrgruppPosts = () => h.chats.get("slack")!.calls.flatMap((c) => (c.op === "post" && c.conversation === "slack:C0STYR" ? [messageText(c.message)] : []));
const tick = () => h.boot().feature.recurring![0]!.run(h.clock.now());
const agendaItems = () => h.db.db.selectFrom("agenda_items").select(["group_id", "proposed_for_meeting_id", "source_key", "text", "text_en"]).execute();

describe("the written-extension deadline", () => {
  it("puts the extension on the styrgrupp agenda and reminds the group 60, 30 and 7 days before 1 February", async () => {
    h.clock.set("2026-11-20T07:00:00Z");
    await tick();
    expect(await agendaItems()).toEqual([]);
    h.clock.set("2026-12-03T08:00:00Z");
    await tick();
    await tick();
    expect(await agendaItems()).toEqual([
      {
        group_id: groupId,
        proposed_for_meeting_id: meetingId,
        source_key: "extension:eu:2027-02-01",
        text: "Förlängning av överenskommelsen: skriftligt beslut senast 2027-02-01",
        text_en: "Extension of the agreement: written decision by 2027-02-01",
      },
    ]);
    expect(await h.runDue()).toBe(1);
    expect(styrgruppPosts()).toEqual([
      expect.stringContaining(
        "Påminnelse till styrgruppen: förlängning av Partnerskap eu måste vara skriftligt överenskommen senast 2027-02-01 (om 60 dagar).",
      ),
    ]);
    h.clock.set("2027-01-02T08:00:00Z");
    await h.runDue();
    expect(styrgruppPosts().at(-1)).toContain("(om 30 dagar)");
  });

  it("stops reminding once the agreement has been extended", async () => {
    await h.db.db.updateTable("partnerships").set({ period_end: "2028-04-30" }).where("id", "=", "eu").execute();
    const before = styrgruppPosts().length;
    h.clock.set("2027-01-25T08:00:00Z");
    await h.runDue();
    expect(styrgruppPosts()).toHaveLength(before);
    await tick();
    const rows = await h.db.db.selectFrom("reminders").select("key").where("key", "like", "extension:eu:2028-02-01:%").orderBy("key").execute();
    expect(rows.map((r) => r.key)).toEqual(["extension:eu:2028-02-01:days-30", "extension:eu:2028-02-01:days-60", "extension:eu:2028-02-01:days-7"]);
  });
});
