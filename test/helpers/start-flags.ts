import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The Node flags `npm start` runs the bot with (package.json), so what a harness measures is what runs in production. */
export function nodeFlagsOfStartScript(): string[] {
  const start = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const match = /^node((?:\s+--\S+)*)\s+src\/cli\.ts\b/.exec(start);
  if (match === null) throw new Error(`package.json's start script is not "node [--flags] src/cli.ts …": ${start}`);
  return match[1]!
    .trim()
    .split(/\s+/)
    .filter((f) => f !== "");
}
