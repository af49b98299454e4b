import pino from "pino";
import type { Logger } from "../../src/shared/logger.ts";

/**
 * Structured JSON logs; readable (pino-pretty) when a person watches a terminal. Admin commands log to stderr.
 * `destination` takes the JSON lines instead of stdout (the log-capture test reads what production would write).
 */
export function createLogger(options: { level: string; toStderr?: boolean; destination?: pino.DestinationStream }): Logger {
  const fd = options.toStderr ? 2 : 1;
  const base = { level: options.level, base: { app: "samverka" }, serializers: { err: pino.stdSerializers.err } };
  if (options.destination !== undefined) return pino(base, options.destination);
  if ((options.toStderr ? process.stderr : process.stdout).isTTY) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { destination: fd, colorize: true, translateTime: "SYS:yyyy-mm-dd HH:MM:ss", ignore: "pid,hostname,app" } },
    });
  }
  return pino(base, pino.destination(fd));
}
