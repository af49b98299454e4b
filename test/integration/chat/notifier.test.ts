import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNotifier } from "../../../src/chat/create-notifier.ts";
import { textMessage } from "../../../src/chat/message.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat } from "../../helpers/recording-chat.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
let ids: Record<string, string>;
const slack = createRecordingChat("slack");
const teams = createRecordingChat("teams");
const notifier = () => createNotifier({ db: t.db, chats: new Map([["slack", slack], ["teams", teams]]), logger: silentLogger });
const hello = ({ locale }: { locale: string }) => textMessage(locale === "sv" ? "Hej" : "Hello");

beforeAll(async () => {
  t = await createTestDatabase();
  ids = await seedPartnership(t.db, "p1", [
    { key: "anna", name: "Anna", slack: "UANNA", teams: "aad-anna" },
    { key: "erik", name: "Erik", teams: "aad-erik", locale: "en" },
    { key: "nobody", name: "No identity" },
  ], [{ platform: "slack", conversation: "CMAIN" }, { platform: "teams", conversation: "19:main@thread.tacv2" }]);
});
afterAll(async () => {
  await t.drop();
});

describe("notifier", () => {
  it("sends a direct message on the member's primary identity only, in their language", async () => {
    const [delivery] = await notifier().toMember(ids.erik!, hello);
    expect(delivery).toMatchObject({ platform: "teams", memberId: ids.erik, locale: "en", timeZone: "Europe/Stockholm" });
    expect(teams.directTextsTo("aad-erik")).toEqual(["Hello\nHello"]);
    await notifier().toMember(ids.anna!, hello);
    expect(slack.directTextsTo("UANNA")).toHaveLength(1);
    expect(teams.directTextsTo("aad-anna")).toHaveLength(0);
  });

  it("falls back to the member's next identity when the primary platform fails", async () => {
    slack.failNext();
    const [delivery] = await notifier().toMember(ids.anna!, hello);
    expect(delivery?.platform).toBe("teams");
  });

  it("returns nothing for a member without identities instead of throwing", async () => {
    expect(await notifier().toMember(ids.nobody!, hello)).toEqual([]);
  });

  it("posts to the partnership's channels on every platform and still delivers when one platform is down", async () => {
    teams.failNext();
    const deliveries = await notifier().toChannels("p1", { purpose: "partnership" }, hello);
    expect(deliveries.map((d) => d.platform)).toEqual(["slack"]);
    expect(deliveries[0]?.conversation).toBe("slack:CMAIN");
  });

  it("fails retryably when every platform is down", async () => {
    slack.failNext();
    teams.failNext();
    await expect(notifier().toChannels("p1", {}, hello)).rejects.toMatchObject({ code: "platform_unavailable", retryable: true });
  });

  it("updates earlier deliveries in place in each delivery's language", async () => {
    const deliveries = await notifier().toChannels("p1", {}, hello);
    await notifier().update(deliveries, ({ locale }) => textMessage(`${locale}: uppdaterad`));
    const updates = [...slack.calls, ...teams.calls].filter((c) => c.op === "update");
    expect(updates.map((u) => u.op === "update" && u.ref).sort()).toEqual(deliveries.map((d) => d.message).sort());
  });
});
