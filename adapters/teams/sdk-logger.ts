import type { ILogger } from "@microsoft/teams.common";
import type { Logger } from "../../src/shared/logger.ts";

/**
 * An object the SDK hands its logger (a whole inbound activity at debug, a Bot Connector's answer on an error) is
 * reduced to its shape: an activity carries what people wrote and typed into forms, which must never reach a log.
 */
function outline(part: unknown): string {
  if (typeof part !== "object" || part === null) return String(part);
  const { type, name, id } = part as Record<string, unknown>;
  if (typeof type === "string") return `(activity ${[type, name, id].filter((v) => typeof v === "string").join(" ")})`;
  return `(${Array.isArray(part) ? "array" : "object"}, not logged)`;
}

function line(parts: unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === "string" ? p : outline(p)))
    .join(" ");
  return err === undefined ? { msg } : { msg, err };
}

// Samverka says this itself, once, naming the loopback address that makes it safe (adapters/teams/auth.ts).
const OWN_NOTICE = /dangerouslyAllowUnauthenticatedRequests/;

/**
 * The Teams SDK's logger interface over ours; its chatty info lines become debug, and its warning about accepting
 * unauthenticated requests becomes debug too, because Samverka logs its own (why it is allowed, and only on loopback).
 */
export function toSdkLogger(logger: Logger): ILogger {
  // The SDK asks for the same few named children on every activity (its stream, its files): each is made once.
  const children = new Map<string, ILogger>();
  const write = (level: "debug" | "warn" | "error", parts: unknown[]): void => {
    const { msg, err } = line(parts);
    const shown = level === "warn" && OWN_NOTICE.test(msg) ? "debug" : level;
    logger[shown](err === undefined ? {} : { err }, msg);
  };
  const sdk: ILogger = {
    debug: (...msg: unknown[]) => write("debug", msg),
    info: (...msg: unknown[]) => write("debug", msg),
    warn: (...msg: unknown[]) => write("warn", msg),
    error: (...msg: unknown[]) => write("error", msg),
    trace: (...msg: unknown[]) => write("debug", msg),
    log: (level, ...msg: unknown[]) => write(level === "error" || level === "warn" ? level : "debug", msg),
    child: (name: string) => {
      let child = children.get(name);
      if (child === undefined) {
        child = toSdkLogger(logger.child({ sdk: name }));
        children.set(name, child);
      }
      return child;
    },
  };
  return sdk;
}
