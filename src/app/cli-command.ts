import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";

/** What an admin command gets: the database, the clock, and where to print. */
export interface CliContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Prints one line of the command's result to stdout. */
  out(line: string): void;
  /** Prints one line of diagnostics to stderr. */
  err(line: string): void;
}

/** A `samverka <name …>` admin command; returns the process exit code. */
export interface CliCommand {
  /** Words after `samverka`, e.g. `["import"]` or `["meetings", "plan"]`. */
  name: readonly string[];
  usage: string;
  summary: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}
