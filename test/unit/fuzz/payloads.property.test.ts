/**
 * Fuzzing every platform payload parser (issue 13, item 9): thousands of arbitrary and mutated Slack and Teams
 * payloads each. A parser answers with a translation, or refuses with a typed error (a ZodError for a malformed
 * payload, a SamverkaError `invalid_input` for a forged reference); it never fails any other way. Counts are printed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { readFormValues as readSlackFormValues } from "../../../adapters/slack/parse/form-values.ts";
import { viewSubmissionSchema } from "../../../adapters/slack/parse/payloads.ts";
import { translateSlackBody } from "../../../adapters/slack/parse/translate.ts";
import { decodeMessage } from "../../../adapters/slack/refs.ts";
import { decodeSlackBody } from "../../../adapters/slack/webhook/http-receiver.ts";
import { verifySlackRequest } from "../../../adapters/slack/webhook/verify.ts";
import { inboundActivitySchema } from "../../../adapters/teams/parse/activity.ts";
import { translateActivity } from "../../../adapters/teams/parse/translate.ts";
import { decodeMessageRef } from "../../../adapters/teams/refs.ts";
import { encodeFormMetadata } from "../../../adapters/slack/blocks/form-metadata.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { anyJson, checkMany, mutated, nastyString } from "./arbitraries.ts";

const RUNS = 3000;

/** A parser may translate or refuse with a typed error; anything else (a TypeError, a crash) fails the property. */
function translatesOrRefuses(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (error instanceof ZodError || error instanceof SyntaxError) return;
    if (error instanceof SamverkaError && error.code === "invalid_input") return;
    throw error;
  }
}

const slashCommand = {
  command: "/samverka",
  text: "kallnatt -9",
  team_id: "T0",
  channel_id: "C0ALFA",
  user_id: "U0MAJA",
  user_name: "maja",
  trigger_id: "1.2.3",
  response_url: "https://hooks.slack.com/x",
};
const directMessage = {
  type: "event_callback",
  team_id: "T0",
  event_id: "Ev1",
  event: { type: "message", channel: "D0MAJA", channel_type: "im", user: "U0MAJA", text: "status" },
};
const mention = {
  type: "event_callback",
  team_id: "T0",
  event_id: "Ev2",
  event: { type: "app_mention", channel: "C0ALFA", user: "U0MAJA", text: "<@U0BOT> hjälp" },
};
const click = {
  type: "block_actions",
  user: { id: "U0MAJA", name: "maja" },
  team: { id: "T0" },
  container: { type: "message", channel_id: "C0ALFA", message_ts: "1.000001", is_ephemeral: false },
  trigger_id: "1.2.3",
  response_url: "https://hooks.slack.com/y",
  actions: [{ action_id: "coldnight.open", type: "button", value: "00000000-0000-0000-0000-000000000001" }],
};
const submission = {
  type: "view_submission",
  user: { id: "U0MAJA" },
  team: { id: "T0" },
  view: {
    callback_id: "incident.report",
    title: { text: "Hot och våld" },
    private_metadata: encodeFormMetadata({ state: "", conversation: "slack:C0ALFA", message: "slack:C0ALFA:1.000001" }),
    state: {
      values: {
        description: { "field.description": { type: "plain_text_input", value: "Hot i entrén" } },
        kind: { "field.kind": { type: "static_select", selected_option: { value: "threat" } } },
      },
    },
  },
};

const teamsBase = {
  serviceUrl: "http://127.0.0.1:9/",
  channelId: "msteams",
  recipient: { id: "28:bot", name: "Samverka" },
  channelData: { tenant: { id: "t" } },
};
const teamsMessage = {
  ...teamsBase,
  type: "message",
  id: "1",
  text: "status",
  from: { id: "29:maja", aadObjectId: "aad-maja" },
  conversation: { id: "a:maja", conversationType: "personal" },
};
const teamsMention = {
  ...teamsBase,
  type: "message",
  id: "2",
  text: "<at>Samverka</at> hjälp",
  from: { id: "29:maja" },
  conversation: { id: "19:alfa@thread.tacv2;messageid=1", conversationType: "channel" },
  entities: [{ type: "mention", text: "<at>Samverka</at>", mentioned: { id: "28:bot" } }],
};
const teamsInvoke = {
  ...teamsBase,
  type: "invoke",
  name: "adaptiveCard/action",
  id: "3",
  replyToId: "1:act",
  from: { id: "29:maja" },
  conversation: { id: "a:maja", conversationType: "personal" },
  value: {
    action: {
      type: "Action.Execute",
      verb: "samverka.form",
      data: { samverka: "form", formId: "incident.report", state: "", "field.description": "Hot", "field.kind": "threat" },
    },
  },
};
const teamsInstall = {
  ...teamsBase,
  type: "conversationUpdate",
  id: "4",
  from: { id: "29:maja" },
  conversation: { id: "19:alfa@thread.tacv2", conversationType: "channel" },
  membersAdded: [{ id: "28:bot" }],
};

describe("fuzzing the Slack payload parsers", () => {
  it("translates or refuses any JSON and every mutation of a command, message, mention, click and modal submission", () => {
    const arbitrary = fc.oneof(anyJson, mutated(slashCommand), mutated(directMessage), mutated(mention), mutated(click), mutated(submission));
    const n = checkMany("slack translateSlackBody", arbitrary, RUNS * 3, (body) => {
      translatesOrRefuses(() => {
        const translated = translateSlackBody(body, { botUserId: "U0BOT" });
        expect(["event", "form", "ignored"]).toContain(translated.kind);
      });
    });
    expect(n).toBe(RUNS * 3);
  });

  it("decodes or refuses any body in any content type, and reads any modal state", () => {
    checkMany(
      "slack decodeSlackBody",
      fc.tuple(nastyString, fc.constantFrom("application/json", "application/x-www-form-urlencoded", undefined)),
      RUNS,
      ([raw, type]) => {
        translatesOrRefuses(() => decodeSlackBody(raw, type));
      },
    );
    checkMany("slack modal state", mutated(submission), RUNS, (body) => {
      const parsed = viewSubmissionSchema.safeParse(body);
      if (parsed.success) expect(typeof readSlackFormValues(parsed.data.view.state.values)).toBe("object");
    });
  });

  it("refuses any unsigned, stale or forged signature without throwing", () => {
    checkMany("slack verify", fc.record({ timestamp: nastyString, signature: nastyString, body: nastyString }), RUNS, (r) => {
      const result = verifySlackRequest("secret", { timestamp: r.timestamp, signature: r.signature, rawBody: r.body }, 1_800_000_000);
      expect(result.ok).toBe(false);
    });
  });

  it("decodes only references it made", () => {
    checkMany("slack and teams refs", nastyString, RUNS, (ref) => {
      translatesOrRefuses(() => decodeMessage(ref));
      try {
        decodeMessageRef(ref);
      } catch (error) {
        expect(error).toBeInstanceOf(SamverkaError);
      }
    });
  });
});

describe("fuzzing the Teams activity parsers", () => {
  it("validates any JSON and every mutation of a message, mention, card action and install, and translates what passes", () => {
    const arbitrary = fc.oneof(anyJson, mutated(teamsMessage), mutated(teamsMention), mutated(teamsInvoke), mutated(teamsInstall));
    let translated = 0;
    checkMany("teams inboundActivitySchema + translateActivity", arbitrary, RUNS * 3, (body) => {
      const parsed = inboundActivitySchema.safeParse(body);
      if (!parsed.success) return;
      translated += 1;
      expect(["event", "ignored"]).toContain(translateActivity(parsed.data).kind);
    });
    console.log(`fuzz teams: ${translated} of them passed validation and were translated`);
    // Mutations that break a required field are refused by validation; enough must get through to reach the translator.
    expect(translated).toBeGreaterThan(RUNS / 5);
  });
});
