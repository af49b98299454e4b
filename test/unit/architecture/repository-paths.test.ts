import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const self = path.relative(root, import.meta.filename);

/** Folders at the top of a filesystem a test could reach for; URL paths (`/api/messages`) are not among them. */
const OUTSIDE_ROOTS = /^(\/(work|home|root|tmp|var|etc|opt|mnt|media|srv|usr|data|private|Users|Volumes)(\/|$)|~\/|[A-Za-z]:[\\/])/;
const HOME = /\b(homedir\(\)|process\.env\.(HOME|USERPROFILE)\b)/;
const LITERAL = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const PATH_CALL = /\b(?:path\.(?:resolve|join)|new URL)\(([^()]*)\)/g;

/** The string literals of `text`; comments go first, so an apostrophe in prose does not open a string. */
function literalsIn(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/.*$/gm, "$1");
  return [...code.matchAll(LITERAL)].map((m) => m[2]!);
}

/** What in `text` (the source of `file`, relative to `repo`) names a place outside `repo`. */
function pathsOutside(repo: string, file: string, text: string): string[] {
  const dir = path.join(repo, path.dirname(file));
  const leaves = (relative: string): boolean => relative.startsWith("..") && path.relative(repo, path.resolve(dir, relative)).startsWith("..");
  // Segments passed separately (`path.resolve(dir, "../..", "shared")`) escape together.
  const joined = [...text.matchAll(PATH_CALL)]
    .map((m) => literalsIn(m[1]!))
    .filter((parts) => parts.length > 0)
    .map((parts) => path.join(...parts));
  return [
    ...literalsIn(text).filter((s) => OUTSIDE_ROOTS.test(s)),
    ...new Set([...literalsIn(text), ...joined].filter(leaves)),
    ...[...text.matchAll(new RegExp(HOME, "g"))].map((m) => m[1]!),
  ];
}

/**
 * Files that name such places without using them as data: the environment handed to child processes, path logic
 * tested on made-up paths (no file there is read or written), and the system browser the browser suite runs.
 */
const ALLOWED = new Set(["test/helpers/child-env.ts", "test/unit/postgres/embedded-placement.test.ts", "test/browser/harness/browser-options.ts"]);

function testSources(): string[] {
  return readdirSync(path.join(root, "test"), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .concat("vitest.config.ts")
    .filter((f) => f !== self && !ALLOWED.has(f));
}

describe("tests stay inside the repository", () => {
  it("no test, helper or fixture server reads or writes a path outside the repository", () => {
    const offenders = testSources().flatMap((f) => pathsOutside(root, f, readFileSync(path.join(root, f), "utf8")).map((p) => `${f}: ${p}`));
    expect(offenders).toEqual([]);
  });

  it("recognises the ways a test has reached outside: absolute folders, climbing past the root, the home folder", () => {
    const repo = "/r";
    const file = "test/integration/alerts/fake.ts";
    expect(pathsOutside(repo, file, 'const F = "/work/shared/fixtures";')).toEqual(["/work/shared/fixtures"]);
    expect(pathsOutside(repo, file, "const out = `/tmp/${name}.xlsx`;")).toEqual(["/tmp/${name}.xlsx"]);
    expect(pathsOutside(repo, file, 'path.resolve(import.meta.dirname, "../../../../shared/fixtures/x.json")')).toEqual(["../../../../shared/fixtures/x.json"]);
    expect(pathsOutside(repo, file, 'path.resolve(import.meta.dirname, "../../../..", "shared")')).toEqual(["../../../..", "../../../../shared"]);
    expect(pathsOutside(repo, file, 'new URL("../../../../x", import.meta.url)')).toEqual(["../../../../x"]);
    expect(pathsOutside(repo, file, "path.join(homedir(), '.samverka')")).toEqual(["homedir()"]);
  });

  it("lets a test reach the repository's own files and the platform APIs' URL paths", () => {
    const source = [
      'path.resolve(import.meta.dirname, "../../../examples/stockholm-eu-medborgare.yaml")',
      'import { x } from "../../../src/shared/clock.ts";',
      'path.join(tmpdir(), "samverka-playground-test.log")',
      'fetch(`${base}/api/chat.postMessage`); post("/v3/conversations/a/activities"); "/slack/events"',
    ].join("\n");
    expect(pathsOutside("/r", "test/integration/alerts/fake.ts", source)).toEqual([]);
  });
});
