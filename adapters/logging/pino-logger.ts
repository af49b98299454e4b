import pino from "pino";
import type { Logger } from "../../src/shared/logger.ts";

/** Structured JSON logs; readable (pino-pretty) when a person watches a terminal. */
export function createLogger(options: { level: string; pretty?: boolean }): Logger & { flush(): void } {
  const pretty = options.pretty ?? process.stdout.isTTY;
  return pino({
    level: options.level,
    base: { app: "samverka" },
    serializers: { err: pino.stdSerializers.err },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:yyyy-mm-dd HH:MM:ss", ignore: "pid,hostname,app" } } } : {}),
  });
}
