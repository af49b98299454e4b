#!/usr/bin/env node
import { inspect } from "node:util";
import type { CliCommand, CliContext } from "./app/cli-command.ts";
import { loadConfig, type Config } from "./config.ts";
import { loggerFor, openDatabase, startApp, type Role } from "./main.ts";
import { createPartnershipCommands } from "./partnerships/partnership.cli.ts";
import { SamverkaError } from "./shared/errors.ts";
import { systemClock } from "./shared/clock.ts";

/** Admin commands contributed by the capabilities. */
const commands: CliCommand[] = [...createPartnershipCommands()];

const SERVE: Record<string, Role> = { start: "all", web: "web", worker: "worker" };

function usage(): string {
  return [
    "Användning / usage: samverka <kommando>",
    "  start                    HTTP-server och jobb i samma process (npm start)",
    "  web                      bara HTTP-servern (skala ut separat)",
    "  worker                   bara jobben (påminnelser, eskalering, prognoser)",
    "  migrate                  kör databasmigreringar",
    ...commands.map((c) => `  ${c.usage.padEnd(24)} ${c.summary}`),
  ].join("\n");
}

async function serve(config: Config, role: Role): Promise<void> {
  const app = await startApp(config, { role });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: Samverka stängs ner…\n`);
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
  if (first === undefined || first === "help" || first === "--help" || first === "-h") {
    process.stdout.write(`${usage()}\n`);
    return first === undefined ? 2 : 0;
  }
  const config = loadConfig();
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
  const command = commands
    .filter((c) => c.name.every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (command === undefined) {
    process.stderr.write(`Okänt kommando / unknown command: ${[first, ...rest].join(" ")}\n${usage()}\n`);
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
    process.stderr.write(`Samverka stoppade på ett oväntat fel:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
