import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Feature } from "../../../src/app/feature.ts";
import type { InboundEvent, ReplyPort } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import { createChatRouter } from "../../../src/chat/router.ts";
import { createUnitOfWork } from "../../../src/app/unit-of-work.ts";
import { systemClock } from "../../../src/shared/clock.ts";
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
    {
      words: { sv: ["kallnatt"], en: ["cold-night"] },
      help: (locale) => (locale === "sv" ? "**kallnatt** – testlinjen för kalla nätter" : "**cold-night** – the test line for cold nights"),
      run: async (ctx) => void seen.push(`kallnatt:${ctx.args}:${ctx.actor.partnership.id}`),
    },
    { words: { sv: ["rapport"], en: ["report"] }, help: () => "**rapport** – går sönder", run: () => Promise.reject(new Error("database on fire")) },
    {
      words: { sv: ["granska"], en: ["audit"] },
      help: (locale) => (locale === "sv" ? "**granska** – bara för administratörer" : "**audit** – administrators only"),
      roles: ["admin"],
      run: async () => void seen.push("granska"),
    },
  ],
  directMessages: [async (ctx) => ctx.args.startsWith("42") && (seen.push(`dm:${ctx.args}`), true)],
};

const noQueue = { enqueue: () => Promise.resolve(), enqueueMany: () => Promise.resolve(), remove: () => Promise.resolve() };
/** A form that records the places it was given (in one unit of work, unless `save` is "no"), then answers the person. */
const placesForm = (): Feature => {
  const work = createUnitOfWork({
    db: t.db,
    clock: systemClock,
    logger: silentLogger,
    reminderQueue: noQueue,
    outboxQueue: noQueue,
    platforms: () => new Set(["slack"]),
  });
  return {
    name: "places",
    forms: [
      {
        prefix: "places.",
        async submit({ event, actor, reply }) {
          if (event.values.save !== "no") {
            await work.transact((w) =>
              w.db
                .insertInto("audit_events")
                .values({
                  partnership_id: actor.partnership.id,
                  actor_member_id: actor.member.id,
                  action: "places.saved",
                  subject_type: "test",
                  subject_id: event.state,
                  details: JSON.stringify({}),
                  at: new Date(),
                })
                .execute(),
            );
          }
          await reply.whisper({ text: "12 platser sparade.", blocks: [{ type: "text", text: "12 platser sparade." }] });
          return { ok: true };
        },
      },
    ],
  };
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
  it("builds the help card from the registered commands: each feature's help line, in the member's language", async () => {
    const [sv] = await send(command("UANNA", "hjälp"));
    expect(sv?.text).toContain("Samverka – det här kan jag");
    const list = sv!.message.blocks.find((b) => b.type === "list");
    expect(list).toEqual({
      type: "list",
      items: [
        "**hjälp** – visar den här listan",
        "**status** – vilka partnerskap du tillhör och dina roller",
        "**kallnatt** – testlinjen för kalla nätter",
        "**rapport** – går sönder",
        "**granska** – bara för administratörer",
      ],
    });
    expect(sv?.text).toContain("Engelska ord fungerar också (help, status, cold-night, report, audit).");
    expect(sv?.text).toContain("Skriv `/samverka` och ett kommando");
    const [en] = await send(command("UERIK", "help"));
    expect(en?.text).toContain("**cold-night** – the test line for cold nights");
    expect(en?.text).toContain("Swedish words work too (hjälp, status, kallnatt, rapport).");
  });

  it("shows a command with roles only to those members, and refuses it to others", async () => {
    const [erik] = await send(command("UERIK", "help"));
    expect(erik?.text).not.toContain("audit");
    const [refused] = await send(command("UERIK", "audit"));
    expect(refused?.kind).toBe("whisper");
    expect(refused?.text).toContain("You are not allowed to do this.");
    await send(command("UANNA", "granska"));
    expect(seen).toEqual(["granska"]);
  });

  it("says it did not understand, with 'Menade du …?' for a near miss of a registered word and the nearest commands", async () => {
    const [nearMiss] = await send(command("UANNA", "kalnatt i kväll"));
    expect(nearMiss?.message.blocks.slice(0, 3)).toEqual([
      { type: "text", text: "Jag förstod inte det du skrev." },
      { type: "text", text: "Menade du **kallnatt**?" },
      { type: "text", text: "Det här ligger närmast:" },
    ]);
    const nearest = nearMiss?.message.blocks[3];
    expect(nearest?.type === "list" ? nearest.items : []).toContain("**kallnatt** – testlinjen för kalla nätter");
    expect(nearMiss?.text).not.toContain("Samverka – det här kan jag");
    expect((await send(command("UANNA", "gransak")))[0]?.text).toContain("Menade du **granska**?");
    expect((await send(command("UANNA", "stauts")))[0]?.text).toContain("Menade du **status**?");
    expect((await send(command("UERIK", "hlep")))[0]?.text).toContain("Did you mean **help**?");
    // Erik may not use `granska`: it is not suggested to him.
    expect((await send(command("UERIK", "gransak")))[0]?.text).not.toContain("granska");
    expect(seen).toEqual([]);
  });

  it("answers garbage and a 5,000-character message with 'Jag förstod inte' and three commands, never echoing the text", async () => {
    for (const text of ["vad kan du", "asdf qwerty", `${"9".repeat(4990)} hotade`]) {
      const [reply] = await send(command("UANNA", text));
      expect(reply?.text).toContain("Jag förstod inte det du skrev.");
      expect(reply?.text).not.toContain("Menade du");
      expect(reply?.text).not.toContain(text.slice(0, 10));
      expect(reply?.message.blocks.find((b) => b.type === "list")).toMatchObject({ items: { length: 3 } });
      expect(reply?.text).toContain("Skriv **hjälp** för allt jag kan.");
    }
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

  it("treats a member removed from the partnership file as an outsider: no command runs, nothing of the partnership is shown", async () => {
    const { gone } = await seedPartnership(t.db, "removed", [{ key: "gone", name: "Greta Gått", roles: ["samordning"], slack: "UGONE" }]);
    await t.db.updateTable("members").set({ active: false }).where("id", "=", gone!).execute();
    const [reply] = await send(command("UGONE", "kallnatt -12"));
    expect(seen).toEqual([]);
    expect(reply?.text).toContain("inte med i något partnerskap");
    const [status] = await send(command("UGONE", "status"));
    expect(status?.text).not.toContain("Din status");
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

  describe("when the platform refuses the answer", () => {
    const submit = (delivery: string, save: "yes" | "no"): InboundEvent => ({
      type: "form",
      delivery,
      user: { platform: "slack", userId: "UANNA" },
      conversation: "slack:CSTHLM",
      formId: "places.report",
      state: delivery,
      values: { save },
    });
    /** A Slack channel that refuses the first answer shown to the person alone. */
    function refusingOnce(out: Said[]): ReplyPort {
      let refused = false;
      const port = recordingReply(out);
      return { ...port, showPrivately: (m) => (refused ? port.showPrivately!(m) : ((refused = true), Promise.reject(new Error("fatal_error")))) };
    }
    const handle = (event: InboundEvent, out: Said[]) =>
      createChatRouter({ db: t.db, chats: new Map([["slack", chat]]), features: [placesForm()], logger: silentLogger, defaultLocale: "sv" }).handle(
        event,
        refusingOnce(out),
      );
    const savedBy = (delivery: string) =>
      t.db.selectFrom("audit_events").select("id").where("action", "=", "places.saved").where("subject_id", "=", delivery).execute();
    const outboxFor = (delivery: string) => t.db.selectFrom("outbox").select(["member_id", "content"]).where("key", "like", `reply:${delivery}%`).execute();

    it("after the change was saved: closes the form, never says it failed, and records the answer as a direct message", async () => {
      const out: Said[] = [];
      expect(await handle(submit("d-saved", "yes"), out)).toEqual({ ok: true });
      expect(await savedBy("d-saved")).toHaveLength(1);
      expect(out).toEqual([]);
      const [row, ...more] = await outboxFor("d-saved");
      expect(more).toEqual([]);
      const text = JSON.stringify(row?.content);
      expect(text).toContain("Det du gjorde är sparat, men svaret kunde inte visas där du var.");
      expect(text).toContain("12 platser sparade.");
      // Handled again (the inbox redelivers a row whose process died), it records nothing new.
      await handle(submit("d-saved", "yes"), []);
      expect(await outboxFor("d-saved")).toHaveLength(1);
    });

    it("before anything was saved: still says nothing was done and keeps the form open with that error", async () => {
      const out: Said[] = [];
      const result = await handle(submit("d-unsaved", "no"), out);
      const generic = "Något gick fel hos mig och det du gjorde kunde inte slutföras. Inget av det du redan skickat har försvunnit. Försök igen om en stund.";
      expect(result).toEqual({ ok: false, errors: { "": generic } });
      expect(out.map((s) => s.message.text)).toEqual([generic]);
      expect(await outboxFor("d-unsaved")).toEqual([]);
    });
  });

  it("refuses two features that claim the same word, naming it", () => {
    const twin: Feature = { name: "twin", commands: [{ words: { sv: ["kallnatt"], en: ["cold"] }, help: () => "", run: async () => undefined }] };
    expect(() =>
      createChatRouter({ db: t.db, chats: new Map([["slack", chat]]), features: [failing, twin], logger: silentLogger, defaultLocale: "sv" }),
    ).toThrow(/"kallnatt"/);
  });
});
