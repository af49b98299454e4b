import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/shared/clock.ts";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import { createExportCommand, createImportCommand } from "../../../src/partnerships/partnership.cli.ts";
import { createCadenceImportNotes } from "../../../src/meetings/index.ts";
import { chooseMemberLocale, findPartnership, recordPeriodDecision } from "../../../src/partnerships/index.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { EXAMPLES, readExample, recordingContext, snapshotRows } from "./partnership-cli.helpers.ts";

let t: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "samverka-partnerships-"));
const clock = createManualClock("2026-11-22T08:00:00Z");
const importCommand = createImportCommand(partnershipFiles, "sv");
const exportCommand = createExportCommand(partnershipFiles, "sv");

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` as a file with its partnership id replaced by `id`, so tests do not share rows. */
function writeVariant(id: string, text: string, edit: (s: string) => string = (s) => s): string {
  const file = path.join(dir, `${id}.yaml`);
  writeFileSync(file, edit(text.replace(/^id: .*$/m, `id: ${id}`)));
  return file;
}

async function runImport(...args: string[]) {
  const ctx = recordingContext(t.db, clock);
  const code = await importCommand.run(args, ctx);
  return { code, stdout: ctx.stdout.join("\n"), stderr: ctx.stderr.join("\n") };
}

describe("samverka import", () => {
  it("says once, naming the month, when a blackout would empty a month the cadence needs, and not once the month is exempt", async () => {
    const withNotes = createImportCommand(partnershipFiles, "sv", createCadenceImportNotes("sv"));
    const run = async (file: string) => {
      const ctx = recordingContext(t.db, clock);
      return { code: await withNotes.run([file], ctx), stderr: ctx.stderr };
    };
    // The example's samverkansgrupp meets at least monthly and has the default July blackout; its styrgrupp meets every other month.
    const text = readExample("stockholm-eu-medborgare.yaml");
    const first = await run(writeVariant("notes", text));
    expect(first.code).toBe(0);
    expect(first.stderr).toEqual([
      expect.stringContaining(
        "Obs (Samverkansgrupp): gruppen ska mötas minst varje månad, men spärrperioderna tar alla arbetsdagar i juli. Där viker spärrperioden",
      ),
    ]);
    const exempt = writeVariant("notes", text, (s) =>
      s.replace(
        "      agendaSendDaysBefore: 2\n",
        "      agendaSendDaysBefore: 2\n      exemptMonths: [{ month: 7, reason: Sommaruppehåll enligt styrgruppens beslut }]\n",
      ),
    );
    const second = await run(exempt);
    expect(second).toEqual({ code: 0, stderr: [] });
    const stored = await t.db
      .selectFrom("groups")
      .select("meeting_settings")
      .where("partnership_id", "=", "notes")
      .where("key", "=", "samverkansgrupp")
      .executeTakeFirstOrThrow();
    expect(stored.meeting_settings.exemptMonths).toEqual([{ month: 7, reason: "Sommaruppehåll enligt styrgruppens beslut" }]);
  });

  it("keeps an extension recorded in chat when the unchanged file is imported again, and exports the moved period", async () => {
    const file = writeVariant("extended", readExample("stockholm-eu-medborgare.yaml"));
    await runImport(file);
    const anna = await t.db
      .selectFrom("members")
      .select("id")
      .where("partnership_id", "=", "extended")
      .where("key", "=", "eu-teamet-chef")
      .executeTakeFirstOrThrow();
    const recorded = await recordPeriodDecision(t.db, "extended", { kind: "extended" }, { memberId: anna.id, at: clock.now() });
    expect(recorded).toMatchObject({ ok: true, recorded: { decision: "extended", before: { end: "2027-04-30" }, after: { end: "2028-04-30" } } });
    expect(await runImport(file)).toMatchObject({ code: 0, stdout: "extended: Inga ändringar (no changes)." });
    expect((await findPartnership(t.db, "extended"))?.period).toEqual({
      start: "2026-05-01",
      end: "2028-04-30",
      extension: { stepMonths: 12, until: "2029-04-30", agreementDeadline: "02-01" },
    });
    const ending = await recordPeriodDecision(t.db, "extended", { kind: "ending" }, { memberId: anna.id, at: clock.now() });
    expect(ending).toMatchObject({ ok: true, recorded: { after: { end: "2028-04-30", extension: { until: "2028-04-30" } } } });
    expect(await runImport(file)).toMatchObject({ stdout: "extended: Inga ändringar (no changes)." });
    // The file moving on to a new agreement (a later end) leaves the old decisions as history.
    const renewed = writeVariant("extended", readExample("stockholm-eu-medborgare.yaml"), (s) =>
      s.replace('end: "2027-04-30"', 'end: "2029-04-30"').replace('until: "2029-04-30"', 'until: "2031-04-30"'),
    );
    await runImport(renewed);
    expect((await findPartnership(t.db, "extended"))?.period).toMatchObject({ end: "2029-04-30", extension: { until: "2031-04-30" } });
  });

  it("keeps the language a member chose in chat, for each of their partnerships, when the file is imported again", async () => {
    const text = readExample("stockholm-eu-medborgare.yaml");
    const [one, two] = [writeVariant("lang-one", text), writeVariant("lang-two", text)];
    await runImport(one);
    await runImport(two);
    const member = (partnership: string, key: string) =>
      t.db.selectFrom("members").select(["id", "locale"]).where("partnership_id", "=", partnership).where("key", "=", key).executeTakeFirstOrThrow();

    await chooseMemberLocale(t.db, (await member("lang-one", "samordningsfunktionen")).id, "en", clock.now());

    // The same person (the same chat identities) in the other partnership reads English too; nobody else does.
    expect((await member("lang-two", "samordningsfunktionen")).locale).toBe("en");
    expect((await member("lang-one", "convictus-samordnare")).locale).toBe("sv");
    expect(await runImport(one)).toMatchObject({ code: 0, stdout: "lang-one: Inga ändringar (no changes)." });
    expect((await member("lang-one", "samordningsfunktionen")).locale).toBe("en");
  });

  it("refuses an exempt month that is neither 1–12 nor YYYY-MM, naming the field", async () => {
    const file = writeVariant("badexempt", readExample("stockholm-eu-medborgare.yaml"), (s) =>
      s.replace("      agendaSendDaysBefore: 2\n", '      agendaSendDaysBefore: 2\n      exemptMonths: [{ month: "juli", reason: Sommar }]\n'),
    );
    const result = await runImport(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/groups\[1\]\.meetings\.exemptMonths\[0\]\.month: .*2027-07/);
  });

  it("says there are no changes on a second identical import and writes nothing, not even updated_at", async () => {
    const file = writeVariant("twice", readExample("stockholm-eu-medborgare.yaml"));
    const first = await runImport(file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("twice: importerad");
    expect(first.stdout).toMatch(/Medlemmar: 12 skapade/);
    const before = await snapshotRows(t.db);
    clock.advance(60_000);

    const second = await runImport(file);

    expect(second).toEqual({ code: 0, stdout: "twice: Inga ändringar (no changes).", stderr: "" });
    expect(await snapshotRows(t.db)).toEqual(before);
  });

  it("updates what changed in the file and only that", async () => {
    const text = readExample("stockholm-eu-medborgare.yaml");
    await runImport(writeVariant("changed", text));
    const file = writeVariant("changed", text, (s) =>
      s.replace("name: Ali Haddad", "name: Ali Haddad Svensson").replace("places: 35", "places: 36").replace("thresholdC: -7", "thresholdC: -10"),
    );
    clock.set("2026-11-23T09:00:00Z");

    const result = await runImport(file);

    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(1)).toEqual(["  Medlemmar: 1 ändrad", "  Verksamheter: 1 ändrad", "  Inställningar: 1 ändrad"]);
    const member = await t.db
      .selectFrom("members")
      .selectAll()
      .where("partnership_id", "=", "changed")
      .where("key", "=", "convictus-samordnare")
      .executeTakeFirstOrThrow();
    expect(member.display_name).toBe("Ali Haddad Svensson");
    const cold = await t.db.selectFrom("cold_night_settings").selectAll().where("partnership_id", "=", "changed").executeTakeFirstOrThrow();
    expect(cold.threshold_c).toBe(-10);
    const partnership = await t.db.selectFrom("partnerships").selectAll().where("id", "=", "changed").executeTakeFirstOrThrow();
    expect(partnership.updated_at).toEqual(new Date("2026-11-23T09:00:00Z"));
  });

  it("deactivates a member removed from the file, keeps its history, and releases its chat identity", async () => {
    const text = readExample("stockholm-eu-medborgare.yaml");
    await runImport(writeVariant("leaver", text));
    const leaver = await t.db
      .selectFrom("members")
      .selectAll()
      .where("partnership_id", "=", "leaver")
      .where("key", "=", "convictus-natt")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("audit_events")
      .values({
        partnership_id: "leaver",
        actor_member_id: leaver.id,
        action: "cold_night.confirmed",
        subject_type: "activity",
        subject_id: "x",
        details: "{}",
        at: clock.now(),
      })
      .execute();
    // The night worker leaves; their Slack id now belongs to the Convictus coordinator.
    const withoutLeaver = (s: string) =>
      s
        .replace(/ {2}- key: convictus-natt\n( {4}.*\n)+/, "")
        .replace("staff: [convictus-natt]", "staff: [convictus-samordnare]")
        .replace("identities: { slack: U0FAKECONV }", "identities: { slack: [U0FAKECONV, U0FAKECONVNATT] }");
    clock.set("2026-11-24T10:00:00Z");

    const result = await runImport(writeVariant("leaver", text, withoutLeaver));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Medlemmar: 1 avaktiverad");
    const row = await t.db.selectFrom("members").selectAll().where("id", "=", leaver.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ active: false, deactivated_at: new Date("2026-11-24T10:00:00Z"), display_name: "Natt Convictus" });
    const history = await t.db.selectFrom("audit_events").select("actor_member_id").where("action", "=", "cold_night.confirmed").execute();
    expect(history).toEqual([{ actor_member_id: leaver.id }]);
    const identity = await t.db
      .selectFrom("member_identities")
      .innerJoin("members", "members.id", "member_identities.member_id")
      .select(["members.key", "member_identities.position"])
      .where("member_identities.partnership_id", "=", "leaver")
      .where("platform_user_id", "=", "U0FAKECONVNATT")
      .executeTakeFirstOrThrow();
    expect(identity).toEqual({ key: "convictus-samordnare", position: 1 });

    const back = await runImport(writeVariant("leaver", text));
    expect(back.stdout.split("\n").slice(1)).toEqual([
      "  Medlemmar: 1 återaktiverad",
      "  Chattidentiteter: 2 skapade, 1 borttagen",
      "  Personal i verksamheter: 1 skapad, 1 borttagen",
    ]);
    const returned = await t.db
      .selectFrom("members")
      .selectAll()
      .where("partnership_id", "=", "leaver")
      .where("key", "=", "convictus-natt")
      .executeTakeFirstOrThrow();
    expect(returned).toMatchObject({ id: leaver.id, active: true, deactivated_at: null });
  });

  it("refuses a broken file with its name, line and field, exits non-zero and leaves the database untouched", async () => {
    const text = readExample("stockholm-eu-medborgare.yaml");
    await runImport(writeVariant("broken", text));
    const before = await snapshotRows(t.db);
    const file = writeVariant("broken", text, (s) =>
      s.replace("kind: samverkansgrupp", "kind: kaffegrupp").replace("name: Ali Haddad", "name: Ali Haddad Svensson"),
    );

    const result = await runImport(file);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const line = text.split("\n").findIndex((l) => l.includes("kind: samverkansgrupp")) + 1;
    expect(result.stderr).toContain(`${file}:${line}:11 groups[1].kind: Ogiltigt val`);
    expect(await snapshotRows(t.db)).toEqual(before);
  });

  it("refuses a reference to a member that is not in the file, naming its line", async () => {
    const file = writeVariant("dangling", readExample("bris-stodgrupper.yaml"), (s) =>
      s.replace("- { member: bris-samordnare }", "- { member: bris-ordforande }"),
    );

    const result = await runImport(file);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+ groups\\[0\\]\\.members\\[1\\]\\.member: bris-ordforande finns inte bland members`));
    expect(await t.db.selectFrom("partnerships").select("id").where("id", "=", "dangling").execute()).toEqual([]);
  });

  it("reports a dry run's changes without saving them", async () => {
    const before = await snapshotRows(t.db);

    const result = await runImport(writeVariant("dry", readExample("goteborg-ensamkommande.yaml")), "--dry-run");

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("dry: provkörning, inget sparat");
    expect(result.stdout).toContain("Grupper: 4 skapade");
    expect(await snapshotRows(t.db)).toEqual(before);
  });

  it("tells the admin how to call it and exits 2 on wrong arguments", async () => {
    expect(await runImport()).toMatchObject({ code: 2, stderr: expect.stringContaining("samverka import FIL") as string });
  });
});

describe("samverka export", () => {
  it.each(EXAMPLES.map((file) => [path.basename(file), file]))("imports %s and exports it as a file that re-imports with no changes", async (_, example) => {
    const imported = await runImport(example);
    expect(imported.code, imported.stderr).toBe(0);
    const id = /^id: (.*)$/m.exec(readFileSync(example, "utf8"))?.[1] ?? "";
    const out = path.join(dir, `export-${id}.yaml`);
    const ctx = recordingContext(t.db, clock);

    expect(await exportCommand.run([id, "--out", out], ctx)).toBe(0);
    const before = await snapshotRows(t.db);
    const again = await runImport(out);

    expect(again.stdout).toBe(`${id}: Inga ändringar (no changes).`);
    expect(await snapshotRows(t.db)).toEqual(before);
  });

  it("says so for a partnership that does not exist", async () => {
    const ctx = recordingContext(t.db, clock);
    expect(await exportCommand.run(["nowhere"], ctx)).toBe(1);
    expect(ctx.stderr).toEqual(["Partnerskapet nowhere finns inte (no such partnership)."]);
  });
});
