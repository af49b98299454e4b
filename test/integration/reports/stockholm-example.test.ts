import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { createReportsHarness, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;
const EXAMPLE = path.resolve(import.meta.dirname, "../../../examples/stockholm-eu-medborgare.yaml");

beforeAll(async () => {
  h = await createReportsHarness({
    start: "2027-03-31T08:00:00Z",
    seed: async (db) => {
      const file = partnershipFiles.parse(await readFile(EXAMPLE, "utf8"), "stockholm-eu-medborgare.yaml");
      await partnershipFiles.import(db, file, { clock: createManualClock("2027-01-01T00:00:00Z") });
      return { members: {}, organisations: {} };
    },
  });
});
afterAll(async () => {
  await h?.close();
});

describe("the Stockholm EU-citizens partnership's report cycles", () => {
  it("opens the monthly report and the contract year's economic report for each organisation's coordinator", async () => {
    await h.boot().feature.recurring![0]!.run(h.clock.now());
    await h.runDue();
    const reports = await h.db.db.selectFrom("reports").select(["form", "period"]).distinct().orderBy("form").execute();
    expect(reports).toEqual([
      { form: "ekonomi", period: "2026/27" },
      { form: "manadsrapport", period: "2027-03" },
    ]);
    const count = await h.db.db
      .selectFrom("reports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(8);
    // Ali coordinates Convictus on Slack: one report starts as a conversation, the other waits behind a button.
    const ali = h.chats.get("slack")!.directTextsTo("U0FAKECONV").join("\n");
    expect(ali).toContain("Ekonomisk redovisning 2026/27 för Convictus är öppen (8 frågor). Sista dag att lämna in: 2027-04-30.");
    expect(ali).toContain("Månadsrapport 2027-03 för Convictus är öppen (5 frågor). Sista dag att lämna in: 2027-04-10.");
    expect(ali).toContain("Du håller på med en annan rapport.");
    expect(h.chats.get("teams")!.directTextsTo("29:fake-fralsningsarmen-samordnare").join("\n")).toContain("för Frälsningsarmén är öppen");
  });
});
