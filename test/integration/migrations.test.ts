import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnership } from "../helpers/seed.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function seedPartnership(id = "p-test"): Promise<void> {
  await insertPartnership(t.db, { id, extension_deadline: "02-01" });
}

describe("core schema", () => {
  it("creates every core table on an empty database", async () => {
    const rows = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.db);
    const names = rows.rows.map((r) => r.table_name);
    for (const table of ["partnerships", "organisations", "groups", "members", "member_identities", "channels", "activities", "reminders", "audit_events"]) {
      expect(names).toContain(table);
    }
  });

  it("refuses an organisation number that is not NNNNNN-NNNN", async () => {
    await seedPartnership("p-org");
    await expect(t.db.insertInto("organisations").values({ partnership_id: "p-org", key: "x", name: "X", org_number: "8020121581" }).execute()).rejects.toThrow(
      /check constraint/,
    );
    await t.db.insertInto("organisations").values({ partnership_id: "p-org", key: "y", name: "Y", org_number: "802012-1581" }).execute();
  });

  it("keeps platform identities unique within a partnership", async () => {
    await seedPartnership("p-ident");
    const [a, b] = await t.db
      .insertInto("members")
      .values([
        { partnership_id: "p-ident", key: "a", display_name: "A", organisation_id: null, city_unit_id: null, locale: "sv", roles: [] },
        { partnership_id: "p-ident", key: "b", display_name: "B", organisation_id: null, city_unit_id: null, locale: "sv", roles: [] },
      ])
      .returning("id")
      .execute();
    await t.db
      .insertInto("member_identities")
      .values({ partnership_id: "p-ident", member_id: a!.id, platform: "slack", platform_user_id: "U1", position: 0 })
      .execute();
    await expect(
      t.db
        .insertInto("member_identities")
        .values({ partnership_id: "p-ident", member_id: b!.id, platform: "slack", platform_user_id: "U1", position: 0 })
        .execute(),
    ).rejects.toThrow(/member_identities_unique/);
  });

  it("accepts cadences of 1-12 months or per term, and nothing else", async () => {
    await seedPartnership("p-cad");
    const group = (key: string, cadence_kind: "months" | "term", cadence_months: number | null) =>
      t.db
        .insertInto("groups")
        .values({ partnership_id: "p-cad", key, kind: "styrgrupp", name: key, cadence_kind, cadence_months, meeting_settings: JSON.stringify({}) })
        .execute();
    await group("ok-months", "months", 2);
    await group("ok-term", "term", null);
    await expect(group("zero", "months", 0)).rejects.toThrow(/groups_cadence/);
    await expect(group("thirteen", "months", 13)).rejects.toThrow(/groups_cadence/);
    await expect(group("term-with-months", "term", 2)).rejects.toThrow(/groups_cadence/);
  });
});
