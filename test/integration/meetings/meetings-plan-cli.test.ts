import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../../src/app/cli-command.ts";
import { createMeetingsPlanCommand } from "../../../src/meetings/meetings.cli.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { seedPartnership } from "../../helpers/seed.ts";
import { LONG_PERIOD } from "./meeting-seed.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedPartnership(t.db, "eu-stockholm", [], [], LONG_PERIOD);
  const blackouts = [
    { from: "07-01", to: "07-31", label: "Sommar" },
    { from: "12-21", to: "01-06", label: "Jul" },
  ];
  await t.db
    .insertInto("groups")
    .values([
      {
        partnership_id: "eu-stockholm",
        key: "styrgrupp",
        kind: "styrgrupp",
        name: "Styrgruppen",
        cadence_kind: "months",
        cadence_months: 2,
        meeting_settings: JSON.stringify({ pattern: { weekday: "tuesday", week: 2, time: "13:00", durationMinutes: 120, everyMonths: 2 }, blackouts }),
      },
      {
        partnership_id: "eu-stockholm",
        key: "samverkan",
        kind: "samverkansgrupp",
        name: "Samverkansgruppen",
        cadence_kind: "months",
        cadence_months: 1,
        meeting_settings: JSON.stringify({ pattern: { weekday: "thursday", week: "last", time: "09:00", durationMinutes: 90 }, blackouts: [blackouts[1]] }),
      },
    ])
    .execute();
});
afterAll(async () => {
  await t.drop();
});

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    db: t.db,
    clock: createManualClock("2026-09-01T08:00:00Z"),
    logger: silentLogger,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  const code = await createMeetingsPlanCommand("sv").run(args, ctx);
  return { code, out, err };
}

describe("samverka meetings plan", () => {
  it("prints the plan as JSON with local times and offsets on both sides of the DST switch", async () => {
    const { code, out } = await run(["--partnership", "eu-stockholm", "--from", "2026-09-01", "--months", "6", "--json"]);
    expect(code).toBe(0);
    const plan = JSON.parse(out.join("\n")) as { meetings: { group: string; start: string; end: string; status: string }[] };
    const styrgrupp = plan.meetings.filter((m) => m.group === "Styrgruppen");
    expect(styrgrupp.map((m) => [m.start, m.end, m.status])).toEqual([
      ["2026-09-08T13:00:00+02:00", "2026-09-08T15:00:00+02:00", "planerat"],
      ["2026-11-10T13:00:00+01:00", "2026-11-10T15:00:00+01:00", "planerat"],
      ["2027-01-12T13:00:00+01:00", "2027-01-12T15:00:00+01:00", "planerat"],
    ]);
    // The last Thursday of December 2026 is the 31st (nyårsafton, in the Christmas blackout): pulled earlier.
    const december = plan.meetings.filter((m) => m.group === "Samverkansgruppen" && m.start.startsWith("2026-12"));
    expect(december.map((m) => m.start)).toEqual(["2026-12-17T09:00:00+01:00"]);
  });

  it("stores each meeting once however often it runs, and prints a table", async () => {
    await run(["--partnership", "eu-stockholm", "--from", "2026-09-01", "--months", "6"]);
    const again = await run(["--partnership", "eu-stockholm", "--from", "2026-09-01", "--months", "6"]);
    // The table is for people: weekday, date, ISO week and times written the Swedish way, not ISO timestamps.
    expect(again.out[0]).toMatch(/^grupp +dag +datum +vecka +start +slut +status$/);
    expect(again.out[1]).toMatch(/^Styrgruppen +tisdag +2026-09-08 +v\. 37 +kl\. 13\.00 +kl\. 15\.00 +planerat$/);
    expect(again.out.at(-1)).toBe("0 nya möten planerade.");
    const count = await t.db
      .selectFrom("meetings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(again.out.length - 2);
  });

  it("lets July's blackout yield for a monthly group, says so once naming the months, and shows an exempt month with its reason", async () => {
    await seedPartnership(t.db, "goteborg", [], [], LONG_PERIOD);
    const july = { from: "07-01", to: "07-31", label: "Sommar" };
    await t.db
      .insertInto("groups")
      .values([
        {
          partnership_id: "goteborg",
          key: "samverkan",
          kind: "samverkansgrupp",
          name: "Samverkan",
          cadence_kind: "months",
          cadence_months: 1,
          meeting_settings: JSON.stringify({ pattern: { weekday: "thursday", week: 1, time: "10:00" }, blackouts: [july] }),
        },
        {
          partnership_id: "goteborg",
          key: "referens",
          kind: "referensgrupp",
          name: "Referens",
          cadence_kind: "months",
          cadence_months: 1,
          meeting_settings: JSON.stringify({
            pattern: { weekday: "thursday", week: 1, time: "10:00" },
            blackouts: [july],
            exemptMonths: [{ month: 7, reason: "Sommarstängt enligt beslut 2027-03-02" }],
          }),
        },
      ])
      .execute();
    const { code, out, err } = await run(["--partnership", "goteborg", "--from", "2027-06-01", "--months", "14"]);
    expect(code).toBe(0);
    const samverkanJuly = out.filter((l) => l.startsWith("Samverkan ") && / 2027-07-| 2028-07-/.test(l));
    expect(samverkanJuly).toEqual([
      expect.stringMatching(/^Samverkan +torsdag +2027-07-01 +v\. 26 +kl\. 10\.00 +kl\. 12\.00 +planerat \(spärrperioden viker\)$/),
      expect.stringMatching(/^Samverkan +måndag +2028-07-31 +v\. 31 .*\(spärrperioden viker\)$/),
    ]);
    expect(out.filter((l) => l.startsWith("Referens ") && / 2027-07-| 2028-07-/.test(l))).toEqual([]);
    expect(out).toContain("Referens: inget möte i juli 2027, undantagen månad: Sommarstängt enligt beslut 2027-03-02");
    expect(out).toContain("Referens: inget möte i juli 2028, undantagen månad: Sommarstängt enligt beslut 2027-03-02");
    // One note for the colliding group, naming both Julys; none for the exempt one, and no gap warnings.
    expect(err).toHaveLength(1);
    expect(err[0]).toContain("Obs (Samverkan): gruppen ska mötas minst varje månad, men spärrperioderna tar alla arbetsdagar i juli 2027 och juli 2028.");

    const json = await run(["--partnership", "goteborg", "--from", "2027-06-01", "--months", "14", "--json", "--dry-run"]);
    const parsed = JSON.parse(json.out.join("\n")) as { meetings: { group: string; start: string; yielded: boolean }[]; exemptions: unknown[] };
    expect(parsed.meetings.filter((m) => m.yielded).map((m) => [m.group, m.start])).toEqual([
      ["Samverkan", "2027-07-01T10:00:00+02:00"],
      ["Samverkan", "2028-07-31T10:00:00+02:00"],
    ]);
    expect(parsed.exemptions).toEqual([
      { group: "Referens", month: "2027-07", reason: "Sommarstängt enligt beslut 2027-03-02" },
      { group: "Referens", month: "2028-07", reason: "Sommarstängt enligt beslut 2027-03-02" },
    ]);
  });

  it("refuses a bad date or an unknown partnership with a message that says how to fix it", async () => {
    const bad = await run(["--partnership", "eu-stockholm", "--from", "2026-13-01"]);
    expect(bad.code).toBe(2);
    expect(bad.err.join("\n")).toContain("2026-12-03");
    const missing = await run(["--partnership", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.err.join("\n")).toContain("samverka import");
  });
});
