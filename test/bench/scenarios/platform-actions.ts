/**
 * What a person does on a platform, as the platform sends it to the bot: Slack slash commands and button clicks
 * (signed), Teams installs, messages and card buttons (Action.Execute invokes). Buttons are found in what the bot
 * sent to the fake, so the bench clicks what a person would see.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Delivery } from "../fakes/http-fake.ts";
import { SIGNING_SECRET, type World } from "./world.ts";

export const TEAMS_TENANT = "00000000-0000-0000-0000-00000000bbbb";
const BOT = { id: "28:samverka-bench-bot", name: "Samverka" };

async function postSlack(world: World, body: string, contentType: string): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const res = await fetch(`${world.target.url}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body,
  });
  if (res.status !== 200) throw new Error(`Slack request answered ${res.status}: ${await res.text()}`);
  return res;
}

/** `/samverka <text>` from a user's direct message with the bot. */
export async function slackCommand(world: World, userId: string, text: string): Promise<void> {
  const channel = `D${userId.replace(/^U/, "")}`;
  const unique = randomBytes(6).toString("hex");
  const body = new URLSearchParams({
    team_id: "T0SAMVERKA",
    channel_id: channel,
    channel_name: "directmessage",
    user_id: userId,
    user_name: userId.toLowerCase(),
    command: "/samverka",
    text,
    api_app_id: "A0SAMVERKA",
    response_url: world.slack.responseUrl(unique),
    trigger_id: `${Math.floor(Date.now() / 1000)}.${unique}`,
  }).toString();
  await postSlack(world, body, "application/x-www-form-urlencoded");
}

interface SlackButton {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
}

/** Clicks the button with action id (or label) `button` on a Slack message the bot posted. */
export async function slackClick(world: World, userId: string, message: Delivery, button: string): Promise<void> {
  // Samverka suffixes action ids (~n) so one message may carry several buttons of one action.
  const isIt = (e: SlackButton) => e.type === "button" && (e.action_id.replace(/~\d+$/, "") === button || e.text.text === button);
  const blocks = ((message.body?.blocks ?? []) as { type: string; block_id?: string; elements?: SlackButton[] }[]);
  const block = blocks.find((b) => b.type === "actions" && (b.elements ?? []).some(isIt));
  const element = block?.elements?.find(isIt);
  if (block === undefined || element === undefined) throw new Error(`no button "${button}" on the Slack message to ${message.conversation}`);
  const unique = randomBytes(6).toString("hex");
  const payload = {
    type: "block_actions",
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: "T0SAMVERKA" },
    api_app_id: "A0SAMVERKA",
    container: { type: "message", message_ts: message.id, channel_id: message.conversation, is_ephemeral: false },
    trigger_id: `${Math.floor(Date.now() / 1000)}.${unique}`,
    team: { id: "T0SAMVERKA", domain: "bench" },
    channel: { id: message.conversation, name: "directmessage" },
    message: { type: "message", ts: message.id, text: typeof message.body?.text === "string" ? message.body.text : "", blocks },
    state: { values: {} },
    response_url: world.slack.responseUrl(unique),
    actions: [{ action_id: element.action_id, block_id: block.block_id ?? "actions", text: element.text, value: element.value, type: "button", action_ts: (Date.now() / 1000).toFixed(6) }],
  };
  await postSlack(world, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");
}

/** A Teams user's personal chat with the bot. */
export const personalChat = (userId: string) => `a:personal-${userId}`;

async function postTeams(world: World, activity: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${world.target.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: `f:bench-${randomBytes(6).toString("hex")}`,
      channelId: "msteams",
      serviceUrl: `${world.teams.url}/`,
      timestamp: new Date().toISOString(),
      locale: "sv-SE",
      recipient: BOT,
      channelData: { tenant: { id: TEAMS_TENANT } },
      ...activity,
    }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${text}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

function conversation(userId: string, channel: string | undefined): Record<string, unknown> {
  return channel === undefined
    ? { id: personalChat(userId), conversationType: "personal", tenantId: TEAMS_TENANT }
    : { id: channel, conversationType: "channel", isGroup: true, tenantId: TEAMS_TENANT };
}

/** The app added to a Teams channel, or to a user's personal chat: the bot may write there from then on. */
export async function teamsInstall(world: World, where: { channel: string } | { userId: string }): Promise<void> {
  const from = "userId" in where ? { id: where.userId, name: where.userId } : { id: "29:installer", name: "Installer" };
  const channel = "channel" in where ? where.channel : undefined;
  await postTeams(world, {
    type: "conversationUpdate",
    from,
    conversation: conversation(from.id, channel),
    membersAdded: [BOT],
    channelData: { tenant: { id: TEAMS_TENANT }, ...(channel === undefined ? {} : { eventType: "teamMemberAdded", team: { id: channel } }) },
  });
}

/** A message from a Teams user to the bot in their personal chat. */
export async function teamsMessage(world: World, userId: string, text: string): Promise<void> {
  await postTeams(world, { type: "message", from: { id: userId, name: userId }, conversation: conversation(userId, undefined), text, textFormat: "plain" });
}

interface CardAction {
  type: string;
  title?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

function actionsOf(node: unknown, found: CardAction[] = []): CardAction[] {
  if (Array.isArray(node)) for (const n of node) actionsOf(n, found);
  else if (typeof node === "object" && node !== null) {
    const el = node as Record<string, unknown> & CardAction;
    if (el.type === "Action.Execute") found.push(el);
    for (const key of ["body", "items", "actions", "columns", "attachments", "content"]) if (key in el) actionsOf(el[key], found);
  }
  return found;
}

/** Presses the card button with action id (verb) or label `button` on a Teams message the bot sent to `userId`. */
export async function teamsClick(world: World, userId: string, message: Delivery, button: string): Promise<unknown> {
  const action = actionsOf(message.body).find((a) => a.verb === button || a.title === button);
  if (action === undefined) throw new Error(`no button "${button}" on the Teams message to ${message.conversation}`);
  return postTeams(world, {
    type: "invoke",
    name: "adaptiveCard/action",
    from: { id: userId, name: userId },
    conversation: conversation(userId, undefined),
    replyToId: message.id,
    value: { action: { type: "Action.Execute", verb: action.verb, data: action.data ?? {} }, trigger: "manual" },
  });
}
