import { describe, expect, it } from "vitest";
import { durabilityWarnings } from "../../../jobs/redis-durability.ts";

describe("Redis durability warnings at start", () => {
  it("says nothing for noeviction with persistence on, by AOF or by snapshots", () => {
    expect(durabilityWarnings({ maxmemoryPolicy: "noeviction", save: "", appendonly: true })).toEqual([]);
    expect(durabilityWarnings({ maxmemoryPolicy: "noeviction", save: "3600 1 300 100", appendonly: false })).toEqual([]);
  });

  it("warns when Redis may evict jobs, naming the policy and the setting to use", () => {
    expect(durabilityWarnings({ maxmemoryPolicy: "allkeys-lru", save: "3600 1", appendonly: false })).toEqual([
      expect.stringMatching(/maxmemory-policy is "allkeys-lru".*Set maxmemory-policy noeviction/),
    ]);
  });

  it("warns when Redis keeps nothing across a restart", () => {
    expect(durabilityWarnings({ maxmemoryPolicy: "noeviction", save: "", appendonly: false })).toEqual([
      expect.stringMatching(/persistence is off.*appendonly yes/),
    ]);
  });

  it("does not guess: what CONFIG could not tell raises no warning", () => {
    expect(durabilityWarnings({ maxmemoryPolicy: undefined, save: undefined, appendonly: false })).toEqual([]);
  });
});
