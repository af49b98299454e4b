#!/usr/bin/env -S node --max-semi-space-size=16 --max-old-space-size=512
import { inspect } from "node:util";
import type { CliCommand, CliContext } from "./app/cli-command.ts";
import { loadConfig, type Config } from "./config.ts";
import { createSlackManifestCommand, loggerFor, openDatabase, platformForgetters, startApp, type Role } from "./main.ts";
import { createCadenceImportNotes, createMeetingsPlanCommand } from "./meetings/index.ts";
import { partnershipFiles } from "./partnership-sections.ts";
import { createPartnershipCommands } from "./partnerships/index.ts";
import { createMemberCommands } from "./privacy/index.ts";
import { createReportCompileCommand } from "./reports/index.ts";
import type { Locale } from "./shared/i18n.ts";
import { SamverkaError } from "./shared/errors.ts";
import { systemClock } from "./shared/clock.ts";

/** Admin commands contributed by the capabilities, in the configured language. */
function adminCommands(locale: Locale): CliCommand[] {
  return [
    ...createPartnershipCommands(partnershipFiles, locale, { importNotes: createCadenceImportNotes(locale) }),
    ...createMemberCommands(locale, platformForgetters),
    createMeetingsPlanCommand(locale),
    createReportCompileCommand(),
    createSlackManifestCommand(),
  ];
}

const SERVE: Record<string, Role> = { start: "all", web: "web", worker: "worker" };

function usage(commands: CliCommand[]): string {
  const builtins = [
    ["samverka start", "HTTP-server och jobb i samma process (npm start) / HTTP server and jobs in one process"],
    ["samverka web", "bara HTTP-servern / only the HTTP server (scale out separately)"],
    ["samverka worker", "bara jobben / only the job workers (reminders, escalations, forecasts)"],
    ["samverka migrate", "kör databasmigreringar / apply database migrations"],
  ];
  const lines = [...builtins, ...commands.map((c) => [c.usage, c.summary])].map(([u, summary]) => `  ${u}\n      ${summary}`);
  return ["Användning / usage:", ...lines].join("\n");
}

async function serve(config: Config, role: Role): Promise<void> {
  const logger = loggerFor(config);
  const app = await startApp(config, { role, logger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Samverka is shutting down");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

async function runAdmin(config: Config, command: CliCommand, args: string[]): Promise<number> {
  const logger = loggerFor(config, undefined, { toStderr: true });
  const database = await openDatabase(config, logger);
  const ctx: CliContext = {
    db: database.db,
    clock: systemClock,
    logger,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  try {
    return await command.run(args, ctx);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const config = loadConfig();
  const commands = adminCommands(config.locale);
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    process.stdout.write(`${usage(commands)}\n`);
    return first === undefined ? 2 : 0;
  }
  const role = SERVE[first];
  if (role !== undefined) {
    await serve(config, role);
    return -1;
  }
  if (first === "migrate") {
    const database = await openDatabase(config, loggerFor(config, undefined, { toStderr: true }));
    await database.close();
    return 0;
  }
  const command = commands.filter((c) => c.name.every((word, i) => argv[i] === word)).sort((a, b) => b.name.length - a.name.length)[0];
  if (command === undefined) {
    process.stderr.write(`Okänt kommando / unknown command: ${[first, ...rest].join(" ")}\n${usage(commands)}\n`);
    return 2;
  }
  return runAdmin(config, command, argv.slice(command.name.length));
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SamverkaError) {
      process.stderr.write(`${error.message}\n`);
      if (error.code !== "config_invalid" && error.cause !== undefined) process.stderr.write(`${inspect(error.cause)}\n`);
      process.exitCode = error.code === "config_invalid" ? 78 : 1;
      return;
    }
    process.stderr.write(`Samverka stopped on an unexpected error:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
