import { App, SocketModeReceiver, type Receiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Router } from "express";
import type { Kysely } from "kysely";
import type { RecurringTask } from "../../src/app/feature.ts";
import type { ChatPort } from "../../src/chat/chat-port.ts";
import type { InboundHandler, LocaleOf } from "../../src/chat/inbound.ts";
import type { Database } from "../../src/db/database.ts";
import type { Inbox } from "../../src/inbox/index.ts";
import { systemClock, type Clock } from "../../src/shared/clock.ts";
import { SamverkaError, toSamverkaError } from "../../src/shared/errors.ts";
import type { Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { toBoltLogger } from "./bolt-logger.ts";
import { createBotIdentity } from "./bolt-authorize.ts";
import { createPendingForms } from "./chat/pending-forms.ts";
import { createSlackChat } from "./chat/slack-chat.ts";
import { translateSlackBody } from "./parse/translate.ts";
import { createHash } from "node:crypto";
import { createSlackInboxProcessor, dispatchSlack, type Ack } from "./slack-dispatch.ts";
import { createHttpReceiver } from "./webhook/http-receiver.ts";

/** Slack settings (from `Config.slack`). */
export interface SlackAdapterConfig {
  botToken: string;
  /** Required over HTTP; every request's signature is checked with it. */
  signingSecret?: string | undefined;
  /** When set, Socket Mode is used instead of HTTP. */
  appToken?: string | undefined;
  /** Base URL of the Web API (tests point it at a loopback fake). */
  apiUrl?: string | undefined;
  /** Language of the adapter's own few words (failures, yes/no) for someone the core does not know. */
  locale?: Locale;
}

/** What the composition root gives the adapter. */
export interface SlackAdapterOptions {
  config: SlackAdapterConfig;
  handler: InboundHandler;
  /** The language of the person who acted; without it, everyone reads `config.locale`. */
  localeOf?: LocaleOf;
  /** Where every command, click and event is recorded before it is acknowledged. */
  inbox: Inbox;
  db: Kysely<Database>;
  logger: Logger;
  clock?: Clock;
  /** Time a modal submission may take before the modal closes unanswered (Slack allows 3 s). */
  formBudgetMs?: number;
}

/** The running Slack adapter. */
export interface SlackAdapter {
  chat: ChatPort;
  /** Express router for `POST /slack/events`; undefined in Socket Mode. */
  router: Router | undefined;
  /** Housekeeping to schedule with the features' recurring tasks (forgets unopened forms). */
  recurring: RecurringTask[];
  /** Looks the bot up in the background and connects Socket Mode (over HTTP the lead's server listens). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

// A form offered behind a button is kept a day.
const MEMORY_MS = 24 * 60 * 60 * 1000;

// Answers to the person who acted wait out a short rate limit or blip; they are bounded so a handler never hangs.
const REPLY_RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000, randomize: true };
// Outbox deliveries retry nothing themselves: a 429 or a blip goes back to the row, which retries with backoff.
const DELIVERY_RETRY_CONFIG = { retries: 0 };

/** The inbox key of a delivery: Slack's event id, else the interaction's trigger id, else the body's hash. */
function deliveryKey(body: unknown): string {
  const b = body as { event_id?: unknown; trigger_id?: unknown };
  if (typeof b.event_id === "string") return `slack:event:${b.event_id}`;
  if (typeof b.trigger_id === "string") return `slack:trigger:${b.trigger_id}`;
  return `slack:body:${createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Creates the Slack adapter: Bolt with our receiver (HTTP) or Socket Mode, and the ChatPort over its WebClient. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, handler, logger } = options;
  const log = logger.child({ platform: "slack" });
  const boltLogger = toBoltLogger(log);
  let receiver: Receiver;
  let router: Router | undefined;
  if (config.appToken !== undefined) {
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      // apps.connections.open goes to the same (configurable) Web API as every other call.
      installerOptions: { clientOptions: config.apiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(config.apiUrl) } },
    });
  } else {
    if (config.signingSecret === undefined) {
      throw new SamverkaError("config_invalid", "SLACK_SIGNING_SECRET is required over HTTP (Slack app → Basic Information → Signing Secret).");
    }
    const http = createHttpReceiver({ signingSecret: config.signingSecret, logger: log, clock: options.clock ?? systemClock });
    receiver = http.receiver;
    router = http.router;
  }
  const apiUrl = config.apiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(config.apiUrl) };
  const clientOptions = { ...apiUrl, rejectRateLimitedCalls: false, retryConfig: REPLY_RETRY_CONFIG };
  const client = new WebClient(config.botToken, clientOptions);
  const deliveryClient = new WebClient(config.botToken, { ...apiUrl, rejectRateLimitedCalls: true, retryConfig: DELIVERY_RETRY_CONFIG });
  const bot = createBotIdentity(client, config.botToken);
  const app = new App({ authorize: bot.authorize, receiver, logger: boltLogger, clientOptions, convoStore: false });
  const forms = createPendingForms(options.db);
  const locale = config.locale ?? "sv";
  const localeOf = options.localeOf ?? (() => Promise.resolve(locale));
  const deps = {
    handler,
    chat: createSlackChat(client, locale, forms, log),
    inbox: options.inbox,
    logger: log,
    locale,
    localeOf,
    formBudgetMs: options.formBudgetMs ?? 2500,
  };
  options.inbox.register("slack", createSlackInboxProcessor(deps));

  app.use(async (args) => {
    const maybeAck = (args as { ack?: (response?: object) => Promise<void> }).ack;
    const ack: Ack = maybeAck === undefined ? () => Promise.resolve() : (response) => maybeAck(response);
    let translated;
    try {
      translated = translateSlackBody(args.body, { botUserId: args.context.botUserId });
    } catch (error) {
      log.warn({ err: toSamverkaError(error) }, "slack payload did not match the expected shape; ignored");
      await ack();
      return;
    }
    await dispatchSlack(translated, deliveryKey(args.body), ack, deps);
  });
  // Rethrown, so the receiver answers 500 instead of acknowledging a request that was never recorded.
  app.error((error) => {
    log.error({ err: error }, "bolt reported an error");
    return Promise.reject(error);
  });

  const purgeForms: RecurringTask = {
    name: "slack.housekeeping",
    cron: "40 3 * * *",
    run: async (now) => {
      const pendingForms = await forms.purge(new Date(now.getTime() - MEMORY_MS));
      log.info({ pendingForms }, "unopened slack forms forgotten");
    },
  };

  return {
    // The outbox delivers through the client that leaves retries to the row.
    chat: createSlackChat(deliveryClient, locale, forms, log),
    router,
    recurring: [purgeForms],
    start: async () => {
      // Bolt authorizes before it acks; looking the bot up now keeps that lookup out of the first ack's 3 s.
      bot.warm().catch((error: unknown) => log.warn({ err: error }, "could not look up the Slack bot yet; will retry on the first event"));
      if (config.appToken !== undefined) await app.start();
    },
    stop: async () => {
      if (config.appToken !== undefined) await app.stop();
    },
  };
}
