import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Feature } from "../../../src/app/feature.ts";
import type { InboundEvent, ReplyPort } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import { createChatRouter } from "../../../src/chat/router.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { createRecordingChat, messageText } from "../../helpers/recording-chat.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
const chat = createRecordingChat("slack");
const seen: string[] = [];
const failing: Feature = {
  name: "test",
  commands: [
    { words: ["kallnatt", "cold-night"], run: async (ctx) => void seen.push(`kallnatt:${ctx.args}:${ctx.actor.partnership.id}`) },
    { words: ["rapport"], run: () => Promise.reject(new Error("database on fire")) },
  ],
  directMessages: [async (ctx) => ctx.args.startsWith("42") && (seen.push(`dm:${ctx.args}`), true)],
};

interface Said {
  kind: "say" | "whisper" | "update" | "form";
  text: string;
  message: Message;
}
/** Answers as a Slack channel gives them: said there, or shown to the person alone. */
function recordingReply(out: Said[]): ReplyPort {
  return {
    direct: false,
    post: async (message) => (out.push({ kind: "say", text: messageText(message), message }), "ref"),
    showPrivately: async (message) => void out.push({ kind: "whisper", text: messageText(message), message }),
    sendDirect: () => Promise.reject(new Error("a Slack channel answers the person in place")),
    updateSource: async (message) => void out.push({ kind: "update", text: messageText(message), message }),
    openForm: async (form) => void out.push({ kind: "form", text: form.title, message: { text: form.title, blocks: [] } }),
  };
}

const router = () => createChatRouter({ db: t.db, chats: new Map([["slack", chat]]), features: [failing], logger: silentLogger, defaultLocale: "sv" });
async function send(event: InboundEvent): Promise<Said[]> {
  const out: Said[] = [];
  await router().handle(event, recordingReply(out));
  return out;
}
const command = (userId: string, text: string, conversation = "slack:D1"): InboundEvent => ({
  type: "command",
  user: { platform: "slack", userId },
  conversation,
  text,
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedPartnership(
    t.db,
    "sthlm",
    [
      { key: "anna", name: "Anna Admin", roles: ["admin", "samordning"], slack: "UANNA" },
      { key: "erik", name: "Erik", roles: ["coordinator"], slack: "UERIK", locale: "en" },
      { key: "both", name: "Bo Båda", roles: ["shelter_staff"], slack: "UBOTH" },
    ],
    [{ platform: "slack", conversation: "CSTHLM" }],
  );
  await seedPartnership(t.db, "gbg", [{ key: "both", name: "Bo Båda", roles: ["coordinator"], slack: "UBOTH" }], [{ platform: "slack", conversation: "CGBG" }]);
});
afterAll(async () => {
  await t.drop();
});
beforeEach(() => {
  seen.length = 0;
});

describe("chat router", () => {
  it("shows the help in Swedish for hjälp and for unknown words", async () => {
    for (const text of ["hjälp", "vad kan du"]) {
      const [reply] = await send(command("UANNA", text));
      expect(reply?.text).toContain("Samverka – det här kan jag");
      expect(reply?.text).toContain("kallnatt");
    }
  });

  it("asks 'Menade du …?' above the help for a mistyped command, and not for an unrelated word", async () => {
    expect((await send(command("UANNA", "kalnatt i kväll")))[0]?.message.blocks[0]).toEqual({
      type: "text",
      text: "Menade du **kallnatt**? Skriv det igen så här:",
    });
    expect((await send(command("UANNA", "stauts")))[0]?.text).toContain("Menade du **status**?");
    expect((await send(command("UERIK", "hlep")))[0]?.text).toContain("Did you mean **help**?");
    const [unrelated] = await send(command("UANNA", "vad kan du"));
    expect(unrelated?.text).not.toContain("Menade du");
    expect(seen).toEqual([]);
  });

  it("answers in the member's own language", async () => {
    const [reply] = await send(command("UERIK", "help"));
    expect(reply?.text).toContain("what I can do");
  });

  it("lists partnerships and roles on status", async () => {
    const [reply] = await send(command("UANNA", "status"));
    expect(reply?.text).toContain("Partnerskap sthlm");
    expect(reply?.text).toMatch(/administratör, samordningsfunktionen/);
  });

  it("tells an outsider whom to ask and shows nothing of the partnership", async () => {
    const [reply] = await send(command("UNOBODY", "status", "slack:CSTHLM"));
    expect(reply?.kind).toBe("whisper");
    expect(reply?.text).toContain("inte med i något partnerskap");
    expect(reply?.text).toContain("Anna Admin");
    expect(reply?.text).not.toContain("Erik");
  });

  it("lets the channel decide for a member of two partnerships", async () => {
    await send(command("UBOTH", "kallnatt -9", "slack:CGBG"));
    expect(seen).toEqual(["kallnatt:-9:gbg"]);
  });

  it("asks a member of two partnerships to choose in a direct message, then remembers the choice", async () => {
    const [ask] = await send(command("UBOTH", "kallnatt"));
    expect(ask?.text).toContain("flera partnerskap");
    const buttons = ask!.message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons.map((b) => b.value).sort()).toEqual(["gbg", "sthlm"]);
    const [done] = await send({
      type: "action",
      user: { platform: "slack", userId: "UBOTH" },
      conversation: "slack:D1",
      actionId: "chat.choose",
      value: "sthlm",
    });
    expect(done?.kind).toBe("update");
    await send(command("UBOTH", "cold-night 2026-12-03"));
    expect(seen).toEqual(["kallnatt:2026-12-03:sthlm"]);
  });

  it("gives direct messages to an open conversation first", async () => {
    await send({ type: "message", user: { platform: "slack", userId: "UANNA" }, conversation: "slack:D1", text: "42 nätter", direct: true });
    expect(seen).toEqual(["dm:42 nätter"]);
  });

  it("answers a failing command with a clear message and keeps running", async () => {
    const [reply] = await send(command("UANNA", "rapport"));
    expect(reply?.kind).toBe("whisper");
    expect(reply?.text).toContain("Något gick fel");
    const [after] = await send(command("UANNA", "hjälp"));
    expect(after?.text).toContain("det här kan jag");
  });

  it("says a known command without a handler is coming", async () => {
    const [reply] = await send(command("UANNA", "möten"));
    expect(reply?.text).toContain("kommer snart");
  });
});
