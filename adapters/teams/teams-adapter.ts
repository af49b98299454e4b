import { App, ExpressAdapter } from "@microsoft/teams.apps";
import express, { type Router } from "express";
import type { Kysely } from "kysely";
import type { ChatPort } from "../../src/chat/chat-port.ts";
import type { InboundHandler, LocaleOf } from "../../src/chat/inbound.ts";
import type { Database } from "../../src/db/database.ts";
import type { Inbox } from "../../src/inbox/index.ts";
import { systemClock, type Clock } from "../../src/shared/clock.ts";
import type { Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { describeTeamsAccess, type TeamsAccess } from "./auth.ts";
import { connectorClients } from "./chat/connector-clients.ts";
import { createFileLinks, FILE_PATH } from "./chat/file-links.ts";
import { createTeamsChat } from "./chat/teams-chat.ts";
import { createConversationStore } from "./conversation-store.ts";
import { toSdkLogger } from "./sdk-logger.ts";
import { createTeamsInboxProcessor, dispatchActivity } from "./teams-dispatch.ts";
import { parseActivityBody, requireActivityShape, requireLocalOrigin, requireLoopbackConnector } from "./webhook/request-guard.ts";

const MESSAGES_PATH = "/api/messages";

/** What the composition root gives the adapter. */
export interface TeamsAdapterOptions {
  /** How inbound requests are trusted (`decideTeamsAccess`): validated with credentials, or local (unauthenticated, loopback only). */
  access: Exclude<TeamsAccess, { mode: "off" }>;
  handler: InboundHandler;
  /** Where every activity is recorded before it is answered. */
  inbox: Inbox;
  db: Kysely<Database>;
  logger: Logger;
  /** The address the HTTP server listens on (`Config.host`). */
  host: string;
  /** The base URL Teams users reach this server at, for file download links (PUBLIC_URL, else the listening URL). */
  publicUrl?: () => string | undefined;
  /** Language of the adapter's own few words for someone the core does not know. */
  locale?: Locale;
  /** The language of the person who acted; without it, everyone reads `locale`. */
  localeOf?: LocaleOf;
  clock?: Clock;
  /** With the Agents Playground as the connector: its users (`playgroundUsers`), the only people a 1:1 chat can be opened with. */
  playgroundUsers?: ReadonlySet<string>;
  /** How long a card action's answer may wait for the core before Teams gets one anyway (default 4 s); anything else is answered once recorded. */
  budget?: { invokeMs: number };
}

/** The running Teams adapter. */
export interface TeamsAdapter {
  chat: ChatPort;
  /** Express router with `POST /api/messages` and the file downloads; mount it on the one HTTP server. */
  router: Router;
  /** Registers `/api/messages` on the router (the SDK's initialisation); call before the server listens. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Creates the Teams adapter: the Teams SDK v2 on our express router, and the ChatPort over the Bot Connector. */
export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapter {
  const log = options.logger.child({ platform: "teams" });
  const access = options.access;
  const locale = options.locale ?? "sv";
  const router = express.Router();
  const creds = access.mode === "validated" ? access.credentials : undefined;
  const app = new App({
    // ExpressAdapter accepts anything with express's route methods; a Router is one, so the lead keeps one server.
    httpServerAdapter: new ExpressAdapter(router as unknown as express.Application, { logger: toSdkLogger(log) }),
    // Empty strings, not undefined: the SDK would otherwise read CLIENT_ID/CLIENT_SECRET/TENANT_ID from the environment.
    clientId: creds?.clientId ?? "",
    clientSecret: creds?.clientSecret ?? "",
    tenantId: creds?.tenantId ?? "",
    dangerouslyAllowUnauthenticatedRequests: access.mode === "local",
    logger: toSdkLogger(log),
    telemetry: { agent365: false },
  });
  const clock = options.clock ?? systemClock;
  const store = createConversationStore(options.db, clock);
  // Registered before the SDK's route, so every activity is size-limited and shape-checked, and a local one guarded, first.
  const local = access.mode === "local";
  router.post(
    MESSAGES_PATH,
    ...(local ? [requireLocalOrigin(log)] : []),
    parseActivityBody,
    requireActivityShape(log),
    ...(local ? [requireLoopbackConnector(log)] : []),
  );
  const files = createFileLinks(options.db, clock);
  const chat = createTeamsChat({
    store,
    files,
    clientFor: connectorClients((serviceUrl) => app.api.clone({ serviceUrl })),
    publicUrl: options.publicUrl ?? (() => undefined),
    tenantId: creds?.tenantId,
    locale,
    // Only a local adapter talks to the playground; with credentials the real connector decides who can be reached.
    ...(local && options.playgroundUsers !== undefined ? { reachableUsers: options.playgroundUsers } : {}),
  });
  const deps = {
    handler: options.handler,
    chat,
    inbox: options.inbox,
    store,
    logger: log,
    locale,
    localeOf: options.localeOf ?? (() => Promise.resolve(locale)),
    tenantId: creds?.tenantId,
    rememberMode: access.mode === "local" ? ("pin" as const) : ("refresh" as const),
    budget: options.budget ?? { invokeMs: 4000 },
  };
  options.inbox.register("teams", createTeamsInboxProcessor(deps));
  app.use(async ({ activity }) => dispatchActivity(activity, deps));

  router.get(`${FILE_PATH}/:token/:name`, async (req, res) => {
    const file = await files.read(req.params.token);
    if (file === undefined) {
      res.status(404).type("text/plain").send("This link has expired or does not exist.");
      return;
    }
    res.status(200).type(file.mimeType).attachment(file.filename).send(file.content);
  });

  let started = false;
  return {
    chat,
    router,
    start: async () => {
      if (started) return;
      await app.initialize();
      started = true;
      if (access.mode === "validated") log.info(describeTeamsAccess(access, options.host));
      else log.warn({ host: options.host }, describeTeamsAccess(access, options.host));
    },
    stop: () => Promise.resolve(),
  };
}
