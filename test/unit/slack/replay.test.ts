import { describe, expect, it } from "vitest";
import { readFormValues } from "../../../adapters/slack/parse/form-values.ts";
import { viewSubmissionSchema } from "../../../adapters/slack/parse/payloads.ts";
import { translateSlackBody } from "../../../adapters/slack/parse/translate.ts";
import { decodeSlackBody } from "../../../adapters/slack/webhook/http-receiver.ts";
import { readFixtureJson as json, readFixtureText } from "../../helpers/fixtures.ts";

// Recorded payloads (see test/fixtures/README.md) pushed through the adapter's parser as Slack sends them.

describe("replaying recorded Slack payloads", () => {
  it("reads the documented form-encoded slash command as a command with empty text", () => {
    const body = decodeSlackBody(readFixtureText("slack-slash-command-form.txt"), "application/x-www-form-urlencoded");
    const translated = translateSlackBody(body, {});
    expect(translated).toMatchObject({
      kind: "event",
      event: { type: "command", text: "", conversation: "slack:G8PSS9T3V", user: { platform: "slack", userId: "U2CERLKJA", displayName: "roadrunner" } },
      origin: {
        channel: "G8PSS9T3V",
        responseUrl: "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN",
        triggerId: "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
      },
    });
  });

  it("reads the recorded slash command with arguments, trimmed", () => {
    const translated = translateSlackBody(json("slack-slash-command-parsed.json"), {});
    expect(translated).toMatchObject({ kind: "event", event: { type: "command", text: "some arguments here", conversation: "slack:C00FAKECHAN3" } });
  });

  it("reads a recorded direct message as a direct message event", () => {
    const translated = translateSlackBody(json("slack-event-callback-message-im.json"), {});
    expect(translated.kind).toBe("event");
    if (translated.kind !== "event") return;
    expect(translated.event).toMatchObject({ type: "message", direct: true });
    expect(translated.event.conversation).toMatch(/^slack:D[A-Z0-9]+$/);
  });

  it("reads a recorded app mention without the bot's mention in the text", () => {
    const body = json("slack-event-callback-app-mention.json") as { event: { text: string }; authorizations: { user_id: string }[] };
    const botUserId = body.authorizations[0]!.user_id;
    const translated = translateSlackBody(body, { botUserId });
    expect(translated).toMatchObject({ kind: "event", event: { type: "message", direct: false } });
    if (translated.kind !== "event" || translated.event.type !== "message") return;
    expect(body.event.text).toContain(`<@${botUserId}>`);
    expect(translated.event.text).not.toContain("<@");
  });

  it("reads a recorded button click with the message it sits on", () => {
    const translated = translateSlackBody(json("slack-block-actions-button.json"), {});
    expect(translated).toMatchObject({
      kind: "event",
      event: { type: "action", actionId: "feedback", value: "", conversation: "slack:C00FAKECHAN2", message: "slack:C00FAKECHAN2:1769220161.503009" },
      origin: {
        source: { ts: "1769220161.503009", ephemeral: false },
        responseUrl: "https://hooks.slack.com/actions/T00FAKE00BB/10348409316023/sPe1cI1jl72ZPyKpdJYaBV9s",
      },
    });
  });

  it("reads the values of a recorded modal submission, and leaves a modal Samverka did not open alone", () => {
    const body = json("slack-view-submission.json");
    expect(readFormValues(viewSubmissionSchema.parse(body).view.state.values)).toEqual({ message: "Hello!", category: "feature", email: "user@example.com" });
    expect(translateSlackBody(body, {})).toEqual({ kind: "ignored", reason: "modal feedback_form was not opened by Samverka" });
  });

  it("reads the same submission as a form event once it carries Samverka's metadata", () => {
    const body = json("slack-view-submission.json") as { view: { private_metadata: string } };
    body.view.private_metadata = JSON.stringify({ s: "state-1", c: "slack:C00FAKECHAN2" });
    expect(translateSlackBody(body, {})).toMatchObject({
      kind: "form",
      event: { type: "form", formId: "feedback_form", state: "state-1", conversation: "slack:C00FAKECHAN2", values: { message: "Hello!" } },
      inputIds: ["message", "category", "email"],
      title: "Send Feedback",
    });
  });

  it("refuses a block_actions payload without actions as malformed", () => {
    const body = json("slack-block-actions-button.json") as Record<string, unknown>;
    expect(() => translateSlackBody({ ...body, actions: [] }, {})).toThrow();
  });
});
