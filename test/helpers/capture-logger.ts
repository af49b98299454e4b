/**
 * A Logger that keeps every line (level, message, fields with the child bindings), for tests that read what was
 * logged: `lines`, `messages(level?)` and `text()` (everything as JSON, to search for what must never be logged).
 */
import type { Logger } from "../../src/shared/logger.ts";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string;
  fields: Record<string, unknown>;
}

export interface CaptureLogger extends Logger {
  lines: LogLine[];
  messages(level?: LogLine["level"]): string[];
  text(): string;
}

function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) return { name: v.name, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
    if (typeof v === "bigint") return String(v);
    if (typeof v === "object" && v !== null) {
      if (seen.has(v)) return "[circular]";
      seen.add(v);
    }
    return v;
  });
}

export function createCaptureLogger(): CaptureLogger {
  const lines: LogLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at = (level: LogLine["level"]) => (obj: object | string, msg?: string) => {
      if (typeof obj === "string") lines.push({ level, msg: obj, fields: { ...bindings } });
      else lines.push({ level, msg: msg ?? "", fields: { ...bindings, ...(obj as Record<string, unknown>) } });
    };
    return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), child: (more) => make({ ...bindings, ...more }) };
  };
  return Object.assign(make({}), {
    lines,
    messages: (level?: LogLine["level"]) => lines.filter((l) => level === undefined || l.level === level).map((l) => l.msg),
    text: () => lines.map((l) => safeJson(l)).join("\n"),
  });
}
