import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
// A command a person types is quoted as written; it is not the log line's language.
const QUOTED_COMMANDS = ['"hjälp"'];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every `x.debug(…)`, `x.info(…)`, `x.warn(…)`, `x.error(…)` call in a file, with its line number. */
function loggerCalls(text: string): { line: number; call: string }[] {
  const calls: { line: number; call: string }[] = [];
  for (const match of text.matchAll(/\.(debug|info|warn|error|fatal|trace)\(/g)) {
    let depth = 1;
    let i = match.index + match[0].length;
    while (i < text.length && depth > 0) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
      i++;
    }
    calls.push({ line: text.slice(0, match.index).split("\n").length, call: text.slice(match.index, i) });
  }
  return calls;
}

describe("log lines a city's IT can read", () => {
  it("are written in English: no Swedish in any logger call of the app", () => {
    const offenders = ["src", "adapters", "jobs"].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        loggerCalls(readFileSync(path.join(root, file), "utf8"))
          .filter(({ call }) => /[åäöÅÄÖ]/.test(QUOTED_COMMANDS.reduce((c, q) => c.replaceAll(q, ""), call)))
          .map(({ line, call }) => `${file}:${line}: ${call.slice(0, 120)}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
