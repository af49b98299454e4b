import { z } from "zod";
import { SamverkaError } from "./shared/errors.ts";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalUrl = (protocols: string[], example: string) =>
  optionalString.refine((v) => v === undefined || (URL.canParse(v) && protocols.includes(new URL(v).protocol)), {
    message: `must be a URL like ${example}`,
  });

const schema = z
  .object({
    DATABASE_URL: optionalUrl(["postgres:", "postgresql:"], "postgres://user:password@host:5432/samverka"),
    REDIS_URL: optionalUrl(["redis:", "rediss:"], "redis://127.0.0.1:6379"),
    HOST: z.string().trim().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    PUBLIC_URL: optionalUrl(["http:", "https:"], "https://samverka.example.se"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SAMVERKA_LOCALE: z.enum(["sv", "en"]).default("sv"),
    SAMVERKA_DATA_DIR: z.string().trim().default("./.data"),
    SAMVERKA_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    SAMVERKA_PLAYGROUND_PORT: z.coerce.number().int().min(1024).max(65535).default(56150),
    SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith("xoxb-"), {
      message: "must be a bot token starting with xoxb- (Slack app → OAuth & Permissions)",
    }),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith("xapp-"), {
      message: "must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens)",
    }),
    SLACK_API_URL: optionalUrl(["http:", "https:"], "https://slack.com/api/"),
    TEAMS_CLIENT_ID: optionalString,
    TEAMS_CLIENT_SECRET: optionalString,
    TEAMS_TENANT_ID: optionalString,
    SAMVERKA_RATE_LIMIT: optionalString.refine((v) => v === undefined || v === "off" || /^\d{1,5}\/\d{1,6}$/.test(v), {
      message: "must be BURST/PER_MINUTE, e.g. 30/60 (each person may send 30 commands at once, then 60 a minute), or off",
    }),
    SAMVERKA_TEAMS_LOCAL: optionalString.refine((v) => v === undefined || ["1", "0", "true", "false"].includes(v.toLowerCase()), {
      message: "must be 1 (serve Teams unauthenticated, on loopback only, for local use) or 0 (never)",
    }),
    SAMVERKA_CALENDAR_ORGANIZER: optionalString.refine((v) => v === undefined || z.email().safeParse(v).success, {
      message: "must be an e-mail address, e.g. samverka@stad.se (the ORGANIZER of meeting invitations)",
    }),
    SAMVERKA_ADMIN_USER: optionalString,
    SAMVERKA_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 12, {
      message: "must be at least 12 characters (it guards the queue dashboard at /admin/queues)",
    }),
    SAMVERKA_METRICS_PORT: optionalString
      .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), {
        message: "must be a port number (1-65535; 0 picks a free one) to serve /metrics on, apart from PORT",
      })
      .transform((v) => (v === undefined ? undefined : Number(v))),
    SMHI_BASE_URL: z.url().default("https://opendata-download-metfcst.smhi.se/api/category/snow1g/version/1"),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN !== undefined && env.SLACK_SIGNING_SECRET === undefined && env.SLACK_APP_TOKEN === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is required with SLACK_BOT_TOKEN over HTTP (Slack app → Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode",
      });
    }
    if ((env.SAMVERKA_ADMIN_USER === undefined) !== (env.SAMVERKA_ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["SAMVERKA_ADMIN_USER"],
        message: "SAMVERKA_ADMIN_USER and SAMVERKA_ADMIN_PASSWORD go together: set both to open the queue dashboard at /admin/queues, or neither",
      });
    }
    const teams = [env.TEAMS_CLIENT_ID, env.TEAMS_CLIENT_SECRET, env.TEAMS_TENANT_ID];
    if (teams.some((v) => v !== undefined) && teams.some((v) => v === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["TEAMS_CLIENT_ID"],
        message: "TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID go together: set all three (Azure bot registration) or none",
      });
    }
  });

type Env = z.infer<typeof schema>;

/** Every setting of Samverka, parsed once from the environment and frozen. */
export interface Config {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  locale: Env["SAMVERKA_LOCALE"];
  dataDir: string;
  embeddedPostgresPort: number;
  playgroundPort: number;
  slack: { botToken: string; signingSecret: string | undefined; appToken: string | undefined; apiUrl: string | undefined } | undefined;
  teams: { clientId: string; clientSecret: string; tenantId: string } | undefined;
  /** Commands, messages and form submissions one person may send: a burst, then per minute; undefined = the default; null = off. */
  rateLimit: { burst: number; perMinute: number } | null | undefined;
  /** SAMVERKA_TEAMS_LOCAL: true/false when set explicitly, undefined to let a fresh embedded data directory decide. */
  teamsLocal: boolean | undefined;
  smhiBaseUrl: string;
  calendarOrganizer: string | undefined;
  /** HTTP basic credentials for the queue dashboard (/admin/queues); without them it is not served. */
  admin: { user: string; password: string } | undefined;
  /** Serve /metrics on this port only (not on PORT); undefined: /metrics is on PORT. */
  metricsPort: number | undefined;
}

function parseRate(value: string): { burst: number; perMinute: number } {
  const [burst, perMinute] = value.split("/").map(Number) as [number, number];
  return { burst, perMinute };
}

/** Parses the environment; throws `config_invalid` naming each bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new SamverkaError(
      "config_invalid",
      `Samverka cannot start: the configuration is invalid.\n${lines.join("\n")}\nFix the variables above (see .env.example) and start again.`,
    );
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    locale: e.SAMVERKA_LOCALE,
    dataDir: e.SAMVERKA_DATA_DIR,
    embeddedPostgresPort: e.SAMVERKA_EMBEDDED_PG_PORT,
    playgroundPort: e.SAMVERKA_PLAYGROUND_PORT,
    slack:
      e.SLACK_BOT_TOKEN === undefined
        ? undefined
        : Object.freeze({
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }),
    teams:
      e.TEAMS_CLIENT_ID && e.TEAMS_CLIENT_SECRET && e.TEAMS_TENANT_ID
        ? Object.freeze({ clientId: e.TEAMS_CLIENT_ID, clientSecret: e.TEAMS_CLIENT_SECRET, tenantId: e.TEAMS_TENANT_ID })
        : undefined,
    rateLimit: e.SAMVERKA_RATE_LIMIT === undefined ? undefined : e.SAMVERKA_RATE_LIMIT === "off" ? null : parseRate(e.SAMVERKA_RATE_LIMIT),
    teamsLocal: e.SAMVERKA_TEAMS_LOCAL === undefined ? undefined : ["1", "true"].includes(e.SAMVERKA_TEAMS_LOCAL.toLowerCase()),
    smhiBaseUrl: e.SMHI_BASE_URL,
    calendarOrganizer: e.SAMVERKA_CALENDAR_ORGANIZER,
    admin: e.SAMVERKA_ADMIN_USER && e.SAMVERKA_ADMIN_PASSWORD ? Object.freeze({ user: e.SAMVERKA_ADMIN_USER, password: e.SAMVERKA_ADMIN_PASSWORD }) : undefined,
    metricsPort: e.SAMVERKA_METRICS_PORT,
  });
}

/**
 * The environment for a program Samverka starts itself (the embedded PostgreSQL's binaries, the Agents Playground): this process's, with
 * `overrides` (undefined removes a variable). Here because this is the one file that reads process.env.
 */
export function childProcessEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
