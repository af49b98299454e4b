import { describe, expect, it } from "vitest";
import { textMessage, type FormView } from "../../../src/chat/message.ts";
import { createReply, ReplyFailedError } from "../../../src/chat/reply.ts";
import { recordAnswers } from "../../helpers/recording-reply.ts";

const form: FormView = { formId: "test.form", title: "Extra platser", submitLabel: "Skicka", state: "s", fields: [] };
const texts = (messages: { text: string }[]) => messages.map((m) => m.text);

describe("where an answer goes (the one rule)", () => {
  it("in the person's 1:1 chat posts every answer there, and points nowhere", async () => {
    const dm = recordAnswers({ direct: true });
    const reply = createReply(dm.port, "sv");
    await reply.say(textMessage("för alla"));
    await reply.whisper(textMessage("för dig"));
    await reply.announce(textMessage("för de andra"));
    await reply.pointToDirect();
    await reply.openForm(form);
    expect(texts(dm.said)).toEqual(["för alla", "för dig"]);
    expect(dm.forms).toEqual([{ ...form, locale: "sv" }]);
    expect([...dm.whispers, ...dm.direct, ...dm.directForms]).toEqual([]);
  });

  it("in a Slack channel says for everyone there, and shows the person alone their answers and forms in place", async () => {
    const channel = recordAnswers();
    const reply = createReply(channel.port, "sv");
    await reply.say(textMessage("för alla"));
    await reply.announce(textMessage("för de andra"));
    await reply.whisper(textMessage("för dig"));
    await reply.openForm(form);
    expect(texts(channel.said)).toEqual(["för alla", "för de andra"]);
    expect(texts(channel.whispers)).toEqual(["för dig"]);
    expect(channel.forms).toHaveLength(1);
    expect([...channel.direct, ...channel.directForms]).toEqual([]);
  });

  it("in a Teams channel sends the person's answers and forms to their 1:1 chat, and says once, in their language, where they went", async () => {
    const channel = recordAnswers({ privately: false });
    const reply = createReply(channel.port, "en");
    await reply.whisper(textMessage("status"));
    await reply.whisper(textMessage("more"));
    await reply.openForm(form);
    expect(texts(channel.direct)).toEqual(["status", "more"]);
    expect(channel.directForms).toHaveLength(1);
    expect(channel.said).toEqual([{ text: "I answered you in our chat.", blocks: [{ type: "text", text: "I answered you in our chat." }], locale: "en" }]);
    expect(channel.whispers).toEqual([]);
  });

  it("points with the button's banner when Teams still lets the press be answered, and posts nothing then", async () => {
    const channel = recordAnswers({ privately: false });
    const notices: string[] = [];
    const reply = createReply({ ...channel.port, notice: (text) => (notices.push(text), true) }, "sv");
    await reply.whisper(textMessage("Ditt svar: Kommer"));
    expect(notices).toEqual(["Jag svarade dig i vår chatt."]);
    expect(channel.said).toEqual([]);
    expect(texts(channel.direct)).toEqual(["Ditt svar: Kommer"]);
  });

  it("keeps a language the feature chose for a message, and gives the rest the person's", async () => {
    const dm = recordAnswers({ direct: true });
    const reply = createReply(dm.port, "sv");
    await reply.whisper({ ...textMessage("Language: English"), locale: "en" });
    await reply.whisper(textMessage("Hej"));
    expect(dm.said.map((m) => m.locale)).toEqual(["en", "sv"]);
  });
});

describe("an answer the platform refuses", () => {
  it("fails as reply_failed naming the message not shown, kept out of what a log serialises", async () => {
    const channel = recordAnswers();
    const refused = new Error("fatal_error");
    const reply = createReply({ ...channel.port, showPrivately: () => Promise.reject(refused) }, "sv");
    const error: unknown = await reply.whisper(textMessage("12 platser sparade")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyFailedError);
    const failed = error as ReplyFailedError;
    expect(failed).toMatchObject({ code: "reply_failed", cause: refused });
    expect(failed.unsent?.text).toBe("12 platser sparade");
    expect(JSON.stringify({ ...failed })).not.toContain("platser");
  });

  it("in a Teams channel, a pointer that fails after the answer reached the 1:1 chat names no message of its own", async () => {
    const channel = recordAnswers({ privately: false });
    const reply = createReply({ ...channel.port, post: () => Promise.reject(new Error("403")) }, "sv");
    const error: unknown = await reply.whisper(textMessage("status")).catch((e: unknown) => e);
    expect(texts(channel.direct)).toEqual(["status"]);
    expect(error).toBeInstanceOf(ReplyFailedError);
    expect((error as ReplyFailedError).unsent).toBeUndefined();
  });
});
