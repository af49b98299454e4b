import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/shared/logger.ts";

function line(msg: unknown[]): [object, string] {
  const error = msg.find((m): m is Error => m instanceof Error);
  const text = msg
    .filter((m) => !(m instanceof Error))
    .map((m) => (typeof m === "string" ? m : JSON.stringify(m)))
    .join(" ");
  return [error === undefined ? {} : { err: error }, text];
}

/** Bolt's logger interface over our pino-style logger; the level is set on ours, not through Bolt. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "bolt" });
  return {
    debug: (...msg: unknown[]) => log.debug(...line(msg)),
    info: (...msg: unknown[]) => log.info(...line(msg)),
    warn: (...msg: unknown[]) => log.warn(...line(msg)),
    error: (...msg: unknown[]) => log.error(...line(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
