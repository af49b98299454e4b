import pino from "pino";
import type { Logger } from "../../src/shared/logger.ts";

// What an error from an HTTP or database client carries besides its message: the request with its Authorization
// header (a bot token), the response, the connection. None of it helps a reader; some of it is a secret.
const CARRIERS = new Set(["config", "request", "response", "headers", "client", "connection", "socket", "agent", "raw"]);
const SECRET_NAME = /token|secret|password|authorization|cookie|credential/i;

/** pino's error serializer, without the request, response and connection objects and anything named like a secret. */
function serializeError(error: unknown): unknown {
  return strip(pino.stdSerializers.err(error as Error));
}

/** A serialized error (and the errors it carries, already serialized by pino) without the carriers. */
function strip(serialized: unknown): unknown {
  if (Array.isArray(serialized)) return serialized.map(strip);
  if (typeof serialized !== "object" || serialized === null) return serialized;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (CARRIERS.has(key) || SECRET_NAME.test(key)) continue;
    const nestedError = typeof value === "object" && value !== null && "stack" in value && "message" in value;
    kept[key] = key === "aggregateErrors" || nestedError ? strip(value) : value;
  }
  return kept;
}

/**
 * Structured JSON logs; readable (pino-pretty) when a person watches a terminal. Admin commands log to stderr.
 * `destination` takes the JSON lines instead of stdout (the log-capture test reads what production would write).
 */
export function createLogger(options: { level: string; toStderr?: boolean; destination?: pino.DestinationStream }): Logger {
  const fd = options.toStderr ? 2 : 1;
  const base = { level: options.level, base: { app: "samverka" }, serializers: { err: serializeError } };
  if (options.destination !== undefined) return pino(base, options.destination);
  if ((options.toStderr ? process.stderr : process.stdout).isTTY) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { destination: fd, colorize: true, translateTime: "SYS:yyyy-mm-dd HH:MM:ss", ignore: "pid,hostname,app" } },
    });
  }
  return pino(base, pino.destination(fd));
}
