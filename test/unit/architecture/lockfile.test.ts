import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

const root = path.resolve(import.meta.dirname, "../../..");
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** Where npm would look for `name` required from the package at `from`: its own node_modules, then each parent's. */
function resolves(from: string, name: string): boolean {
  let dir = from;
  for (;;) {
    if (`${dir}${dir ? "/" : ""}node_modules/${name}` in lock.packages) return true;
    const parent = dir.lastIndexOf("/node_modules/");
    if (dir === "") return false;
    dir = parent === -1 ? "" : dir.slice(0, parent);
  }
}

describe("package-lock.json", () => {
  it("records every platform build of every optional dependency, or a clean `npm ci` refuses the lock", () => {
    // The registry reachable here serves only the Linux builds of some packages (msgpackr-extract), so
    // `npm install` cannot write the others into the lock; they are kept by hand and npm skips them by os/cpu.
    const missing = Object.entries(lock.packages).flatMap(([at, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((dep) => !resolves(at, dep))
        .map((dep) => `${at || "(root)"} → ${dep}`),
    );
    expect(missing).toEqual([]);
  });
});
