import type { ILogger } from "@microsoft/teams.common";
import type { Logger } from "../../src/shared/logger.ts";

function line(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === "string" ? p : JSON.stringify(p)))
    .join(" ");
  return err === undefined ? { msg } : { msg, err };
}

/** The Teams SDK's logger interface over ours; its chatty info lines become debug. */
export function toSdkLogger(logger: Logger): ILogger {
  const write = (level: "debug" | "warn" | "error", parts: unknown[]): void => {
    const { msg, err } = line(parts);
    logger[level](err === undefined ? {} : { err }, msg);
  };
  const sdk: ILogger = {
    debug: (...msg: unknown[]) => write("debug", msg),
    info: (...msg: unknown[]) => write("debug", msg),
    warn: (...msg: unknown[]) => write("warn", msg),
    error: (...msg: unknown[]) => write("error", msg),
    trace: (...msg: unknown[]) => write("debug", msg),
    log: (level, ...msg: unknown[]) => write(level === "error" || level === "warn" ? level : "debug", msg),
    child: (name: string) => toSdkLogger(logger.child({ sdk: name })),
  };
  return sdk;
}
