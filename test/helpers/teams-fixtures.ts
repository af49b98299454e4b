import { readFixtureJson, readFixtureText } from "./fixtures.ts";

/** A recorded Teams activity from `test/fixtures/` (see its README for sources). */
export function loadTeamsFixture(name: string): Record<string, unknown> {
  return readFixtureJson(name) as Record<string, unknown>;
}

/**
 * The recorded invoke is only Microsoft's documented shape (partial docs text, not JSON: type, name and
 * value.action {type, id, verb, data} plus value.trigger). This completes it: the envelope (serviceUrl, from,
 * recipient, conversation, channelData) comes from the recorded personal message, `data` from a Samverka button.
 */
export function buildInvokeFromDocs(data: Record<string, unknown>, verb: string, replyToId: string): Record<string, unknown> {
  const docs = readFixtureText("teams-invoke-adaptivecard-action-docs.txt");
  if (!docs.includes('"name": "adaptiveCard/action"') || !docs.includes('"type": "Action.Execute"')) {
    throw new Error("the documented invoke shape changed; rebuild this helper from it");
  }
  const { text: _text, textFormat: _format, attachments: _attachments, ...envelope } = loadTeamsFixture("teams-message-personal.json");
  return {
    ...envelope,
    type: "invoke",
    name: "adaptiveCard/action",
    id: "f:invoke-from-docs",
    replyToId,
    value: { action: { type: "Action.Execute", id: "abc", verb, data }, trigger: "manual" },
  };
}
