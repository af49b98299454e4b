import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/shared/clock.ts";
import type { ColdNightSettings } from "../../../src/alerts/index.ts";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import type { PartnershipFile } from "../../../src/partnerships/index.ts";
import type { ReportSettings } from "../../../src/reports/index.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { readExample } from "./partnership-cli.helpers.ts";

let t: TestDatabase;
const clock = createManualClock("2026-11-22T08:00:00Z");
const base = partnershipFiles.parse(readExample("stockholm-eu-medborgare.yaml"), "stockholm.yaml") as PartnershipFile & {
  coldNights?: ColdNightSettings;
  reports?: ReportSettings;
};

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** A valid variant of the Stockholm file: some members left, renamed, re-roled; identities moved; places changed. */
const variant = fc
  .record({
    kept: fc.subarray(
      base.members.map((m) => m.key),
      { minLength: 1 },
    ),
    renamed: fc.subarray(base.members.map((m) => m.key)),
    swapIdentities: fc.boolean(),
    channels: fc.subarray(base.channels.map((_, i) => i)),
    extraPlaces: fc.integer({ min: 0, max: 10 }),
    dropColdNights: fc.boolean(),
  })
  .map((v): PartnershipFile => {
    const coordinator = base.reports?.coordinator ?? "";
    const kept = new Set([...v.kept, coordinator]);
    const members = base.members.filter((m) => kept.has(m.key)).map((m) => ({ ...m, name: v.renamed.includes(m.key) ? `${m.name} (ny)` : m.name }));
    if (v.swapIdentities && members.length > 1) {
      const [first, second] = [members[0]!, members[1]!];
      [first.identities, second.identities] = [second.identities, first.identities];
    }
    return partnershipFiles.schema.parse({
      ...base,
      members,
      groups: base.groups.map((g) => ({ ...g, members: g.members.filter((gm) => kept.has(gm.member)) })),
      activities: base.activities.map((a) => ({ ...a, places: a.places + v.extraPlaces, staff: a.staff.filter((s) => kept.has(s)) })),
      channels: base.channels.filter((_, i) => v.channels.includes(i)),
      coldNights: v.dropColdNights ? undefined : base.coldNights,
    });
  });

let run = 0;

describe("import convergence", () => {
  it("reaches the same state importing B over A as importing B alone, and B again changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(variant, variant, async (a, b) => {
        run++;
        const over = `over-${run}`;
        const fresh = `fresh-${run}`;
        await partnershipFiles.import(t.db, { ...a, id: over }, { clock });
        await partnershipFiles.import(t.db, { ...b, id: over }, { clock });
        await partnershipFiles.import(t.db, { ...b, id: fresh }, { clock });

        const again = await partnershipFiles.import(t.db, { ...b, id: over }, { clock });

        expect(again.changed).toBe(false);
        expect({ ...(await partnershipFiles.export(t.db, over)), id: "x" }).toEqual({ ...(await partnershipFiles.export(t.db, fresh)), id: "x" });
      }),
      { numRuns: 20 },
    );
  });
});
