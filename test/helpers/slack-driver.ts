/**
 * The Slack PlatformDriver: plays Slack against the REAL server, over HTTP, with signed requests.
 *
 *   const fake = await startSlackFakeApi();                       // Slack's Web API, loopback
 *   const app = await startApp(loadConfig({ ...env, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
 *                                           SLACK_API_URL: fake.apiUrl }));
 *   const driver = createSlackDriver({ serverUrl: app.url, fake });
 *   await driver.command({ userId: "U0MAJA" }, "hjälp");          // `/samverka hjälp`, form-encoded and signed
 *   const help = await driver.waitFor((i) => i.text.includes("hjälp"));
 *   await driver.click({ userId: "U0MAJA" }, help, "Ja");          // block_actions for the button labelled "Ja"
 *   const errors = await driver.submitForm(user, formItem, { plats: "…" });   // view_submission; field errors or undefined
 *   await driver.close();                                          // closes the fake too
 *
 * Without `conversation`, commands and messages come from the user's DM with the bot (`D<user id without U>`,
 * the same id the fake's conversations.open returns). A `conversation` makes `message` an @mention in that channel.
 * Lower-level helpers (`post`, `event`) let a test send raw or re-delivered requests (retries, bad signatures).
 * Give the driver the server's clock when the server runs on a manual one: requests are signed with its time,
 * since the server refuses signatures more than 5 minutes away from its now (startSlackServer does this).
 */
import { randomBytes } from "node:crypto";
import { fromSlackActionId } from "../../adapters/slack/blocks/action-id.ts";
import { signSlackRequest } from "../../adapters/slack/webhook/verify.ts";
import { systemClock, type Clock } from "../../src/shared/clock.ts";
import type { PlatformDriver, SentItem, TestUser } from "./platform-driver.ts";
import type { FakeCall, SlackFakeApi } from "./slack-fake-api.ts";
import { sentItemsOf } from "./slack-sent-items.ts";
import { elementState } from "./slack-view-state.ts";

/** The signing secret tests give the server (SLACK_SIGNING_SECRET). */
export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
/** The bot token tests give the server (SLACK_BOT_TOKEN). */
export const TEST_BOT_TOKEN = "xoxb-samverka-test";
/** The workspace the driver speaks for. */
export const TEST_TEAM_ID = "T0SAMVERKA";

/** A raw response from the server. */
export interface DriverResponse {
  status: number;
  body: string;
}

/** The Slack driver, with the lower-level calls Slack-only tests need. */
export interface SlackDriver extends PlatformDriver {
  readonly fake: SlackFakeApi;
  /** POSTs a body to /slack/events, signed unless `signature`/`timestamp` are given. */
  post(body: string, options?: { contentType?: string; timestamp?: number; signature?: string; headers?: Record<string, string> }): Promise<DriverResponse>;
  /** Delivers an Events API `event_callback` with the given event (and event id / retry number). */
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<DriverResponse>;
  /** The user's DM channel with the bot. */
  dmChannel(user: TestUser): string;
}

/** A trigger id as Slack makes them: issued at `nowSeconds`, unique. */
function triggerId(nowSeconds: number): string {
  return `${Math.floor(nowSeconds)}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString("hex")}`;
}

/**
 * The form-encoded body Slack sends for `/samverka <text>` typed in `conversation`, with a response_url on the fake
 * (so answers to it are recorded) and a fresh trigger id. Sign it before posting (the driver's `post` does).
 */
export function slashCommandBody(fake: SlackFakeApi, user: TestUser, text: string, o: { conversation: string; nowSeconds?: number }): string {
  const now = o.nowSeconds ?? Date.now() / 1000;
  const channel = o.conversation;
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: TEST_TEAM_ID,
    team_domain: "samverka-test",
    channel_id: channel,
    channel_name: channel.startsWith("D") ? "directmessage" : "samverka",
    user_id: user.userId,
    user_name: user.name ?? user.userId.toLowerCase(),
    command: "/samverka",
    text,
    api_app_id: "A0SAMVERKA",
    is_enterprise_install: "false",
    response_url: fake.createResponseUrl({ channel, userId: user.userId }),
    trigger_id: triggerId(now),
  }).toString();
}

/** Creates the driver for a server at `serverUrl` (its /slack/events) whose Web API is `fake`. */
export function createSlackDriver(options: { serverUrl: string; fake: SlackFakeApi; signingSecret?: string; path?: string; clock?: Clock }): SlackDriver {
  // Slack stamps requests with the time of the world the server lives in: the server's (manual) clock in tests.
  const clock = options.clock ?? systemClock;
  const nowSeconds = () => clock.now().getTime() / 1000;
  const { fake } = options;
  const endpoint = `${options.serverUrl.replace(/\/$/, "")}${options.path ?? "/slack/events"}`;
  const secret = options.signingSecret ?? TEST_SIGNING_SECRET;
  const dmChannel = (user: TestUser) => `D${user.userId.replace(/^U/, "")}`;
  const trigger = () => triggerId(nowSeconds());
  const userObject = (user: TestUser) => ({
    id: user.userId,
    username: user.name ?? user.userId.toLowerCase(),
    name: user.name ?? user.userId.toLowerCase(),
    team_id: TEST_TEAM_ID,
  });

  const post: SlackDriver["post"] = async (body, o = {}) => {
    const timestamp = String(o.timestamp ?? Math.floor(nowSeconds()));
    const res = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": o.contentType ?? "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": o.signature ?? signSlackRequest(secret, timestamp, body),
        ...o.headers,
      },
      body,
    });
    return { status: res.status, body: await res.text() };
  };
  const expectOk = (res: DriverResponse, what: string) => {
    if (res.status !== 200) throw new Error(`server answered ${res.status} to ${what}: ${res.body}`);
    return res;
  };
  const interaction = (payload: object) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  const event: SlackDriver["event"] = (e, o = {}) =>
    post(
      JSON.stringify({
        token: "legacy-verification-token",
        team_id: TEST_TEAM_ID,
        api_app_id: "A0SAMVERKA",
        event: { event_ts: nowSeconds().toFixed(6), ts: nowSeconds().toFixed(6), ...e },
        type: "event_callback",
        event_id: o.eventId ?? `Ev${randomBytes(6).toString("hex").toUpperCase()}`,
        event_time: Math.floor(nowSeconds()),
        authorizations: [{ enterprise_id: null, team_id: TEST_TEAM_ID, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      }),
      {
        contentType: "application/json",
        headers: o.retryNum === undefined ? {} : { "x-slack-retry-num": String(o.retryNum), "x-slack-retry-reason": "http_timeout" },
      },
    );
  // The same call always reads as the same SentItem objects, so callers may compare items by identity.
  const items = new WeakMap<FakeCall, SentItem[]>();
  const sent = () =>
    fake.calls().flatMap((call) => {
      let read = items.get(call);
      if (read === undefined) items.set(call, (read = sentItemsOf([call])));
      return read;
    });

  return {
    platform: "slack",
    fake,
    post,
    event,
    dmChannel,
    async command(user, text, o = {}) {
      const body = slashCommandBody(fake, user, text, { conversation: o.conversation ?? dmChannel(user), nowSeconds: nowSeconds() });
      expectOk(await post(body), `/samverka ${text}`);
    },
    async message(user, text, o = {}) {
      const ts = nowSeconds().toFixed(6);
      const e =
        o.conversation === undefined
          ? { type: "message", channel: dmChannel(user), channel_type: "im", user: user.userId, text, ts }
          : { type: "app_mention", channel: o.conversation, user: user.userId, text: `<@${fake.botUserId}> ${text}`, ts };
      expectOk(await event(e), `message "${text}"`);
    },
    async click(user, item, button) {
      const blocks =
        (
          item.raw as {
            blocks?: { type: string; block_id?: string; elements?: { type: string; action_id: string; value?: string; text: { text: string } }[] }[];
          }
        ).blocks ?? [];
      let found: { blockId: string; element: { type: string; action_id: string; value?: string; text: { text: string } } } | undefined;
      for (const block of blocks) {
        for (const element of block.type === "actions" ? (block.elements ?? []) : []) {
          if (element.type === "button" && (element.text.text === button || fromSlackActionId(element.action_id) === button)) {
            found ??= { blockId: block.block_id ?? "actions", element };
          }
        }
      }
      if (found === undefined) throw new Error(`no button "${button}" on the message; it has ${JSON.stringify(item.buttons)}`);
      const ephemeral = item.kind === "private";
      const messageTs = item.messageId ?? "";
      const payload = {
        type: "block_actions",
        user: userObject(user),
        api_app_id: "A0SAMVERKA",
        token: "legacy-verification-token",
        container: { type: "message", message_ts: messageTs, channel_id: item.conversation, is_ephemeral: ephemeral },
        trigger_id: trigger(),
        team: { id: TEST_TEAM_ID, domain: "samverka-test" },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: item.conversation, name: "samverka" },
        message: { type: "message", ts: messageTs, text: (item.raw as { text?: string }).text ?? "", blocks },
        state: { values: {} },
        response_url: fake.createResponseUrl({ channel: item.conversation, userId: user.userId, messageTs }),
        actions: [
          {
            action_id: found.element.action_id,
            block_id: found.blockId,
            text: found.element.text,
            value: found.element.value,
            type: "button",
            action_ts: nowSeconds().toFixed(6),
          },
        ],
      };
      expectOk(await interaction(payload), `click on "${button}"`);
    },
    async submitForm(user, form, values) {
      const view = (
        form.raw as {
          view: {
            callback_id: string;
            private_metadata: string;
            title: unknown;
            blocks: { type: string; block_id: string; element: { type: string; action_id: string } }[];
          };
        }
      ).view;
      const state: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const block of view.blocks.filter((b) => b.type === "input")) {
        state[block.block_id] = { [block.element.action_id]: elementState(block.element, values[block.block_id]) };
      }
      const payload = {
        type: "view_submission",
        team: { id: TEST_TEAM_ID, domain: "samverka-test" },
        user: userObject(user),
        api_app_id: "A0SAMVERKA",
        token: "legacy-verification-token",
        trigger_id: trigger(),
        view: {
          id: "V0FORM",
          team_id: TEST_TEAM_ID,
          type: "modal",
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          title: view.title,
          blocks: view.blocks,
          state: { values: state },
          hash: "1.fake",
        },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const res = expectOk(await interaction(payload), "form submission");
      if (res.body === "") return undefined;
      const answer = JSON.parse(res.body) as { response_action?: string; errors?: Record<string, string> };
      return answer.response_action === "errors" ? answer.errors : undefined;
    },
    sent,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = sent().find(predicate);
        if (hit !== undefined) return hit;
        if (Date.now() > deadline)
          throw new Error(
            `nothing matching was sent within ${timeoutMs} ms; sent so far:\n${JSON.stringify(
              sent().map((i) => ({ kind: i.kind, text: i.text })),
              null,
              2,
            )}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    clear: () => fake.clear(),
    close: () => fake.close(),
  };
}
