/**
 * The Teams PlatformDriver: plays Teams against the REAL server over HTTP.
 *
 *   const driver = await createTeamsDriver({ serverUrl: running.url });   // starts its own fake Bot Connector
 *   await driver.install({ conversation: "19:abc@thread.tacv2" });        // the app added to a channel (stores its reference)
 *   await driver.command({ userId: "29:maja", aadObjectId: "aad-maja" }, "status", { conversation: "19:abc@thread.tacv2" });
 *   const card = await driver.waitFor((i) => i.text.includes("Din status"));
 *   await driver.click(user, card, "Beta");                               // Action.Execute invoke; reads back the invoke response
 *   const errors = await driver.submitForm(user, form, { antal: "-1" });   // field errors from the re-rendered card, or undefined
 *   await driver.close();
 *
 * - `command` and `message` without `conversation` go to the user's personal chat (`a:personal-<userId>`); with a
 *   channel id they are channel messages that @mention the bot (Teams only delivers those).
 * - What the bot sent is read from the fake connector: `post`, `update`, `direct` (a personal chat), `form` (a card
 *   with inputs), `file` (a card linking to a download) and `invoke-response` (the card an Action.Execute answered with).
 * - Activities carry `serviceUrl` = the fake connector, tenant `TEAMS_TEST_TENANT` and bot `TEAMS_TEST_BOT`.
 */
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import { FIELD_INPUT_PREFIX, FORM_VERB } from "../../adapters/teams/cards/card-data.ts";
import { FILE_PATH } from "../../adapters/teams/chat/file-links.ts";
import type { PlatformDriver, SentButton, SentItem, TestUser } from "./platform-driver.ts";
import { startFakeConnector, type ConnectorCall, type FakeConnector } from "./teams-fake-connector.ts";

export const TEAMS_TEST_TENANT = "00000000-0000-0000-0000-00000000aaaa";
export const TEAMS_TEST_BOT = { id: "28:samverka-test-bot", name: "Samverka" };

type Json = Record<string, unknown>;

/** The Teams driver plus what only Teams has. */
export interface TeamsDriver extends PlatformDriver {
  connector: FakeConnector;
  /** The personal chat id the driver uses for a user. */
  personalChat(user: TestUser): string;
  /** Sends the conversationUpdate Teams sends when the app is added to a channel (or a personal chat, given a user). */
  install(options: { conversation?: string; user?: TestUser }): Promise<void>;
  /** The texts Teams showed in its banner for Action.Execute invokes answered with a message (not a card), oldest first. */
  banners(): string[];
  /** Posts any activity (filled in with serviceUrl, bot, tenant) and returns the HTTP status and body. */
  post(activity: Json): Promise<{ status: number; body: unknown }>;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function walk(node: unknown, visit: (el: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (typeof node !== "object" || node === null) return;
  const el = node as Json;
  visit(el);
  for (const key of ["body", "items", "actions", "columns"]) if (key in el) walk(el[key], visit);
}

/** The Adaptive Card inside an activity the bot sent. */
export function cardOf(activity: Json): IAdaptiveCard | undefined {
  const attachments = (activity.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content as IAdaptiveCard | undefined;
}

function describeCard(card: IAdaptiveCard | undefined): { text: string; buttons: SentButton[]; fields: string[]; isForm: boolean; isFile: boolean } {
  const texts: string[] = [];
  const buttons: SentButton[] = [];
  const fields: string[] = [];
  let isForm = false;
  let isFile = false;
  walk(card, (el) => {
    const type = el.type as string | undefined;
    if (type === "TextBlock" && typeof el.text === "string") texts.push(el.text);
    if (type === "FactSet") for (const f of el.facts as { title: string; value: string }[]) texts.push(`${f.title}: ${f.value}`);
    if (type?.startsWith("Input.") === true && typeof el.id === "string" && el.id.startsWith(FIELD_INPUT_PREFIX)) {
      fields.push(el.id.replace(/^field\.(multi\.)?/, ""));
      if (typeof el.label === "string") texts.push(el.label);
    }
    if (type === "Action.OpenUrl" && typeof el.url === "string" && el.url.includes(FILE_PATH)) isFile = true;
    if (type === "Action.Execute" || type === "Action.Submit") {
      const data = (el.data ?? {}) as Json;
      if (el.verb === FORM_VERB) isForm = true;
      else buttons.push({ actionId: str(el.verb) || str(data.actionId), value: str(data.value), label: str(el.title) });
      if (typeof el.title === "string") texts.push(el.title);
    }
  });
  return { text: texts.join("\n"), buttons, fields, isForm, isFile };
}

/** Starts a fake Bot Connector and returns a driver posting to `${serverUrl}/api/messages`. */
export async function createTeamsDriver(options: { serverUrl: string; connectorPort?: number }): Promise<TeamsDriver> {
  const connector = await startFakeConnector({ port: options.connectorPort });
  const endpoint = new URL("/api/messages", options.serverUrl).toString();
  const invokeResponses: SentItem[] = [];
  const banners: string[] = [];
  let forgotten = 0;
  let forgottenInvokes = 0;
  let sequence = 0;
  const personalChat = (user: TestUser) => `a:personal-${user.userId}`;
  const personalUsers = new Map<string, string>();

  function account(user: TestUser): Json {
    return { id: user.userId, name: user.name ?? user.userId, ...(user.aadObjectId === undefined ? {} : { aadObjectId: user.aadObjectId }) };
  }

  function conversationOf(user: TestUser, channel: string | undefined): Json {
    if (channel === undefined) {
      personalUsers.set(personalChat(user), user.userId);
      return { id: personalChat(user), conversationType: "personal", tenantId: TEAMS_TEST_TENANT };
    }
    return { id: channel, conversationType: "channel", isGroup: true, tenantId: TEAMS_TEST_TENANT };
  }

  async function post(activity: Json): Promise<{ status: number; body: unknown }> {
    const full = {
      id: `f:driver-${++sequence}`,
      channelId: "msteams",
      serviceUrl: `${connector.url}/`,
      timestamp: new Date().toISOString(),
      locale: "sv-SE",
      recipient: TEAMS_TEST_BOT,
      channelData: { tenant: { id: TEAMS_TEST_TENANT } },
      ...activity,
    };
    const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(full) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // A non-JSON body (an error page) stays text, for the assertion message.
    }
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}: ${text}`);
    return { status: res.status, body };
  }

  async function say(user: TestUser, text: string, channel: string | undefined): Promise<void> {
    const mention = `<at>${TEAMS_TEST_BOT.name}</at>`;
    await post({
      type: "message",
      from: account(user),
      conversation: conversationOf(user, channel),
      text: channel === undefined ? text : `${mention} ${text}`,
      textFormat: "plain",
      ...(channel === undefined ? {} : { entities: [{ type: "mention", text: mention, mentioned: TEAMS_TEST_BOT }] }),
    });
  }

  function toItem(call: ConnectorCall): SentItem | undefined {
    if (call.op === "create-conversation" || call.op === "delete") return undefined;
    const card = cardOf(call.body);
    const d = describeCard(card);
    const created = connector.calls.find((c) => c.op === "create-conversation" && c.conversationId === call.conversationId);
    const createdFor = ((created?.body.members ?? []) as { id: string }[])[0]?.id;
    const userId = personalUsers.get(call.conversationId) ?? createdFor;
    const personal = call.conversationId.startsWith("a:");
    const kind: SentItem["kind"] = call.op === "update" ? "update" : d.isForm ? "form" : d.isFile ? "file" : personal ? "direct" : "post";
    return {
      kind,
      conversation: call.conversationId,
      ...(userId === undefined ? {} : { userId }),
      messageId: call.activityId,
      text: d.text,
      buttons: d.buttons,
      ...(d.isForm ? { fields: d.fields } : {}),
      raw: call.body,
    };
  }

  async function invoke(user: TestUser, item: SentItem, action: Json, inputs: Json): Promise<IAdaptiveCard | undefined> {
    const channel = item.conversation.startsWith("a:") ? undefined : item.conversation;
    const { body } = await post({
      type: "invoke",
      name: "adaptiveCard/action",
      from: account(user),
      conversation: channel === undefined ? conversationOf(user, undefined) : conversationOf(user, channel),
      replyToId: item.messageId,
      value: { action: { type: "Action.Execute", id: str(action.id), verb: action.verb, data: { ...(action.data as Json), ...inputs } }, trigger: "manual" },
    });
    const response = body as { type?: string; value?: unknown } | undefined;
    if (response?.type === "application/vnd.microsoft.activity.message" && typeof response.value === "string") banners.push(response.value);
    if (response?.type !== "application/vnd.microsoft.card.adaptive") return undefined;
    const card = response.value as IAdaptiveCard;
    const d = describeCard(card);
    invokeResponses.push({
      kind: "invoke-response",
      conversation: item.conversation,
      messageId: item.messageId,
      text: d.text,
      buttons: d.buttons,
      ...(d.isForm ? { fields: d.fields } : {}),
      raw: card,
    });
    return card;
  }

  function actionsOf(item: SentItem): Json[] {
    const found: Json[] = [];
    const card = item.kind === "invoke-response" ? (item.raw as IAdaptiveCard) : cardOf(item.raw as Json);
    walk(card, (el) => {
      if (el.type === "Action.Execute" || el.type === "Action.Submit") found.push(el);
    });
    return found;
  }

  const sent = (): SentItem[] => [...connector.calls.slice(forgotten).flatMap((c) => toItem(c) ?? []), ...invokeResponses.slice(forgottenInvokes)];

  const driver: TeamsDriver = {
    platform: "teams",
    connector,
    personalChat,
    post,
    banners: () => [...banners],
    command: (user, text, opts) => say(user, text, opts?.conversation),
    message: (user, text, opts) => say(user, text, opts?.conversation),
    install: async ({ conversation, user }) => {
      const from = user ?? { userId: "29:installer", name: "Installer" };
      await post({
        type: "conversationUpdate",
        from: account(from),
        conversation: conversationOf(from, conversation),
        membersAdded: [TEAMS_TEST_BOT],
        channelData: {
          tenant: { id: TEAMS_TEST_TENANT },
          eventType: conversation === undefined ? undefined : "teamMemberAdded",
          ...(conversation === undefined ? {} : { team: { id: conversation } }),
        },
      });
    },
    click: async (user, item, button) => {
      const action = actionsOf(item).find((a) => a.title === button || a.verb === button);
      if (action === undefined) throw new Error(`no button "${button}" on: ${item.text}`);
      const select = action.data as { samverka?: string; input?: string };
      await invoke(user, item, action, select.samverka === "select" && select.input !== undefined ? { [select.input]: "" } : {});
    },
    submitForm: async (user, form, values) => {
      const action = actionsOf(form).find((a) => a.verb === FORM_VERB);
      if (action === undefined) throw new Error(`not a form: ${form.text}`);
      const card = form.kind === "invoke-response" ? (form.raw as IAdaptiveCard) : cardOf(form.raw as Json);
      const inputs: Json = {};
      walk(card, (el) => {
        if (typeof el.id !== "string" || !el.id.startsWith(FIELD_INPUT_PREFIX)) return;
        const field = el.id.replace(/^field\.(multi\.)?/, "");
        const value = values[field];
        if (value !== undefined) inputs[el.id] = Array.isArray(value) ? value.join(",") : value;
      });
      const answer = await invoke(user, form, action, inputs);
      const errors: Record<string, string> = {};
      walk(answer, (el) => {
        if (typeof el.id === "string" && el.id.startsWith(FIELD_INPUT_PREFIX) && typeof el.errorMessage === "string") {
          errors[el.id.replace(/^field\.(multi\.)?/, "")] = el.errorMessage;
        }
      });
      return Object.keys(errors).length === 0 ? undefined : errors;
    },
    sent,
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = sent().find(predicate);
        if (found !== undefined) return found;
        if (Date.now() > deadline) {
          throw new Error(`nothing matching was sent within ${timeoutMs} ms; sent: ${JSON.stringify(sent().map((i) => ({ kind: i.kind, text: i.text })))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    clear: () => {
      forgotten = connector.calls.length;
      forgottenInvokes = invokeResponses.length;
    },
    close: () => connector.close(),
  };
  return driver;
}
