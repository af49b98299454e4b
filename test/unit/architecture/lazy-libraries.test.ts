/**
 * Idle memory: loading the composition root does not load the libraries only a few processes ever use (the report
 * export's ExcelJS, the meeting calendar's holiday tables, the queue dashboard's Bull Board) nor a chat platform's SDK
 * (Bolt; the Teams SDK with MSAL), which only a process serving that platform loads, nor BullMQ's PostgreSQL backend,
 * which only a process without Redis loads; each loads on first use.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { childEnvironment } from "../../helpers/child-env.ts";

const root = path.resolve(import.meta.dirname, "../../..");
// The repository's Node 24 runs the TypeScript sources; vitest itself may run on another node.
const node = existsSync(path.join(root, "node_modules/.bin/node")) ? path.join(root, "node_modules/.bin/node") : process.execPath;
const LAZY = [
  "exceljs",
  "date-holidays",
  "@bull-board/api",
  "@bull-board/express",
  "@slack/bolt",
  "@microsoft/teams.apps",
  "@azure/msal-node",
  "bullmq/dist/cjs/postgres",
];

/** Which of the lazy packages `code` loads, through import or require (every resolution is recorded). */
function packagesLoadedBy(code: string): string[] {
  const script = `const loaded = []; (await import("node:module")).registerHooks({ resolve: (s, c, next) => { const r = next(s, c); loaded.push(r.url); return r; } });
    ${code};
    process.stdout.write(JSON.stringify(${JSON.stringify(LAZY)}.filter((p) => loaded.some((f) => f.includes("/node_modules/" + p + "/")))));`;
  return JSON.parse(execFileSync(node, ["--input-type=module", "-e", script], { cwd: root, env: childEnvironment({}), encoding: "utf8" })) as string[];
}

describe("libraries loaded on first use", () => {
  it("leaves ExcelJS, the holiday tables, Bull Board and the chat SDKs unloaded when the composition root is loaded", () => {
    expect(packagesLoadedBy(`await import("./src/main.ts")`)).toEqual([]);
  }, 60_000);

  it("loads them when they are used (the check sees a loaded one)", () => {
    const used = `const { swedishDaysOff } = await import("./src/meetings/working-days.ts"); swedishDaysOff(2026); await import("exceljs")`;
    expect(packagesLoadedBy(used)).toEqual(["exceljs", "date-holidays"]);
  }, 60_000);
});
