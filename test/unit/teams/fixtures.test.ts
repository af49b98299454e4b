import { describe, expect, it } from "vitest";
import { inboundActivitySchema } from "../../../adapters/teams/parse/activity.ts";
import { translateActivity } from "../../../adapters/teams/parse/translate.ts";
import { buildInvokeFromDocs, loadTeamsFixture } from "../../helpers/teams-fixtures.ts";

const parse = (name: string) => inboundActivitySchema.parse(loadTeamsFixture(name));
const choose = { samverka: "action", actionId: "chat.choose", value: "stockholm-eu" };

describe("recorded Teams payloads through the adapter's parser", () => {
  it("reads a channel @mention as a command without the mention, in the thread it came from", () => {
    const activity = parse("teams-message-channel-mention.json");
    const translated = translateActivity(activity);
    expect(translated).toMatchObject({
      kind: "event",
      event: {
        type: "command",
        text: "Hey",
        conversation: "teams:19:d441d38c655c47a085215b2726e76927@thread.tacv2;messageid=1771290107407",
        user: { platform: "teams", aadObjectId: "00000000-1111-2222-3333-444444444444", displayName: "Test User" },
      },
    });
  });

  it("reads a personal message as a direct message", () => {
    const translated = translateActivity(parse("teams-message-personal.json"));
    expect(translated).toMatchObject({ kind: "event", event: { type: "message", direct: true, text: "Hey" } });
  });

  it("ignores an Action.Submit from a card Samverka did not send (no Samverka data), instead of guessing", () => {
    const translated = translateActivity(parse("teams-message-action-submit-value.json"));
    expect(translated).toEqual({ kind: "ignored", reason: "card submit without Samverka data" });
  });

  it("reads the bot being added to a team as an install in that channel", () => {
    const translated = translateActivity(parse("teams-conversation-update-members-added.json"));
    expect(translated).toMatchObject({
      kind: "event",
      event: { type: "installed", direct: false, conversation: "teams:19:d441d38c655c47a085215b2726e76927@thread.tacv2" },
    });
  });

  it("reads the documented adaptiveCard/action invoke (completed) as the clicked action on its card", () => {
    const translated = translateActivity(inboundActivitySchema.parse(buildInvokeFromDocs(choose, "chat.choose", "1:card-activity")));
    expect(translated).toMatchObject({
      kind: "event",
      via: "execute",
      event: {
        type: "action",
        actionId: "chat.choose",
        value: "stockholm-eu",
        message: expect.stringMatching(/^teams:a:17Ndit.*\|1:card-activity$/) as unknown,
      },
    });
  });

  it("refuses an activity whose serviceUrl is not a URL, since replies are posted to it", () => {
    expect(inboundActivitySchema.safeParse({ ...loadTeamsFixture("teams-message-personal.json"), serviceUrl: "smba.trafficmanager.net" }).success).toBe(false);
  });
});
