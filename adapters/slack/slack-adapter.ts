import { App, SocketModeReceiver, type Receiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Router } from "express";
import type { Kysely } from "kysely";
import type { RecurringTask } from "../../src/app/feature.ts";
import type { ChatPort } from "../../src/chat/chat-port.ts";
import type { InboundHandler } from "../../src/chat/inbound.ts";
import type { Database } from "../../src/db/database.ts";
import { systemClock, type Clock } from "../../src/shared/clock.ts";
import { SamverkaError, toSamverkaError } from "../../src/shared/errors.ts";
import type { Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { toBoltLogger } from "./bolt-logger.ts";
import { createBotIdentity } from "./bolt-authorize.ts";
import { createPendingForms } from "./chat/pending-forms.ts";
import { createSlackChat } from "./chat/slack-chat.ts";
import { translateSlackBody } from "./parse/translate.ts";
import { dispatchSlack, type Ack } from "./slack-dispatch.ts";
import { createDedupeMiddleware, createEventDeduper } from "./webhook/dedupe.ts";
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
  /** Language of the adapter's own few messages (failures, yes/no). */
  locale?: Locale;
}

/** What the composition root gives the adapter. */
export interface SlackAdapterOptions {
  config: SlackAdapterConfig;
  handler: InboundHandler;
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
  /** Housekeeping to schedule with the features' recurring tasks (forgets old event ids and unopened forms). */
  recurring: RecurringTask[];
  /** Looks the bot up in the background and connects Socket Mode (over HTTP the lead's server listens). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

// Slack stops retrying an event after about an hour, so a day of event ids recognises every retry;
// a form offered behind a button is kept as long.
const MEMORY_MS = 24 * 60 * 60 * 1000;

// Rate-limited calls wait for Slack's Retry-After, then retry; network failures back off up to half a minute.
const RETRY_CONFIG = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true };

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Creates the Slack adapter: Bolt with our receiver (HTTP) or Socket Mode, and the ChatPort over its WebClient. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, handler, logger } = options;
  const log = logger.child({ platform: "slack" });
  const deduper = createEventDeduper(options.db);
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
    const http = createHttpReceiver({ signingSecret: config.signingSecret, deduper, logger: log, clock: options.clock ?? systemClock });
    receiver = http.receiver;
    router = http.router;
  }
  const clientOptions = {
    ...(config.apiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(config.apiUrl) }),
    rejectRateLimitedCalls: false,
    retryConfig: RETRY_CONFIG,
  };
  const client = new WebClient(config.botToken, clientOptions);
  const bot = createBotIdentity(client, config.botToken);
  const app = new App({ authorize: bot.authorize, receiver, logger: boltLogger, clientOptions, convoStore: false });
  const forms = createPendingForms(options.db);
  const chat = createSlackChat(client, config.locale ?? "sv", forms);
  const deps = { handler, chat, logger: log, locale: config.locale ?? "sv", formBudgetMs: options.formBudgetMs ?? 2500 };

  if (router === undefined) app.use(createDedupeMiddleware(deduper, log));
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
    await dispatchSlack(translated, ack, deps);
  });
  app.error((error) => {
    log.error({ err: error }, "bolt reported an error");
    return Promise.resolve();
  });

  const purgeEvents: RecurringTask = {
    name: "slack.housekeeping",
    cron: "40 3 * * *",
    run: async (now) => {
      const before = new Date(now.getTime() - MEMORY_MS);
      const events = await deduper.purge(before);
      const pendingForms = await forms.purge(before);
      log.info({ events, pendingForms }, "old slack event ids and unopened forms forgotten");
    },
  };

  return {
    chat,
    router,
    recurring: [purgeEvents],
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
