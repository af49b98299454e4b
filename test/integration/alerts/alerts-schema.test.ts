import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnership } from "../../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await insertPartnership(t.db, { id: "p-schema" });
});
afterAll(async () => {
  await t.drop();
});

const alert = (night: string) => ({
  partnership_id: "p-schema",
  night,
  temperature_c: -9,
  declared_by: null,
  declared_at: new Date("2026-12-03T15:00:00Z"),
  closes_at: new Date("2026-12-04T08:00:00Z"),
});

describe("alerts schema", () => {
  it("keeps one cold-night alert per partnership and night", async () => {
    await t.db.insertInto("cold_night_alerts").values(alert("2026-12-03")).execute();
    await expect(t.db.insertInto("cold_night_alerts").values(alert("2026-12-03")).execute()).rejects.toThrow(/cold_night_alerts_night/);
  });

  it("refuses an incident that is marked purged but still holds its description", async () => {
    const row = {
      partnership_id: "p-schema",
      reported_by: null,
      organisation_id: null,
      activity_id: null,
      occurred_at: new Date(),
      reported_at: new Date(),
      kind: "threat" as const,
      severity: "minor" as const,
      injuries: "none" as const,
      police: "none" as const,
      support_needed: false,
      description: "Hot i entrén",
      purged_at: new Date(),
    };
    await expect(t.db.insertInto("incidents").values(row).execute()).rejects.toThrow(/incidents_purged/);
  });
});
