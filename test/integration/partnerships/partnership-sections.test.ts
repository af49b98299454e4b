import { isDeepStrictEqual } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { PARTNERSHIP_SECTIONS } from "../../../src/partnership-sections.ts";
import { createPartnershipFiles, keySchema, refusedBecause, type PartnershipSection } from "../../../src/partnerships/index.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { createManualClock } from "../../../src/shared/clock.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

/** A made-up capability's part of the file: a note kept by one member, reread every `days` days. */
const notesSchema = z
  .strictObject({ text: z.string().trim().min(1), keeper: keySchema, days: z.array(z.number().int().min(1)).default([7]) })
  .refine((n) => n.days.length <= 3, { ...refusedBecause("too_many_days", { most: 3 }), path: ["days"] });
type Notes = z.infer<typeof notesSchema>;

const notesSection: PartnershipSection<Notes | undefined> = {
  key: "notes",
  schema: notesSchema.optional(),
  checkReferences: (notes, refs) => refs.resolve("members", notes.keeper, ["keeper"]),
  // Its own table, outside the app's Database type: the contract asks only that the import's transaction is used.
  async sync(trx, partnershipId, notes, counts) {
    const row = (await sql<Notes>`select text, keeper, days from notes where partnership_id = ${partnershipId}`.execute(trx)).rows[0];
    if (notes === undefined) {
      if (row === undefined) return;
      await sql`delete from notes where partnership_id = ${partnershipId}`.execute(trx);
      counts.removed++;
    } else if (row === undefined) {
      await sql`insert into notes (partnership_id, text, keeper, days) values (${partnershipId}, ${notes.text}, ${notes.keeper}, ${notes.days})`.execute(trx);
      counts.created++;
    } else if (!isDeepStrictEqual(row, notes)) {
      await sql`update notes set text = ${notes.text}, keeper = ${notes.keeper}, days = ${notes.days} where partnership_id = ${partnershipId}`.execute(trx);
      counts.updated++;
    }
  },
  async export(db, partnershipId) {
    const rows = await sql<Notes>`select text, keeper, days from notes where partnership_id = ${partnershipId}`.execute(db);
    return rows.rows[0];
  },
  messages: { sv: { too_many_days: "högst {most} dagar" }, en: { too_many_days: "at most {most} days" } },
};

const files = createPartnershipFiles([...PARTNERSHIP_SECTIONS, notesSection]);

const FILE = `id: notes-iop
name: Test
city: Stockholm
period: { start: "2026-01-01", end: "2026-12-31" }
members:
  - { key: anna, name: Anna }
notes:
  text: Ring Socialjouren först
  keeper: anna
`;

let t: TestDatabase;
const clock = createManualClock("2026-11-22T08:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await sql`create table notes (partnership_id text primary key references partnerships (id), text text not null, keeper text not null, days integer[] not null)`.execute(
    t.db,
  );
});
afterAll(async () => {
  await t.drop();
});

/** The lines of the error parsing `text` with `withFiles` throws, after the first (which names the file). */
function problemsOf(text: string, locale: "sv" | "en" = "en", withFiles = files): string[] {
  try {
    withFiles.parse(text, "notes.yaml", locale);
  } catch (error) {
    expect(error).toBeInstanceOf(SamverkaError);
    return (error as Error).message.split("\n").slice(1);
  }
  throw new Error("expected the file to be refused");
}

describe("a capability's section of the partnership file", () => {
  it("is validated with its defaults, its reference checks and its own texts, and only when it is composed", () => {
    expect(files.parse(FILE, "notes.yaml").notes).toEqual({ text: "Ring Socialjouren först", keeper: "anna", days: [7] });
    expect(problemsOf(FILE.replace("keeper: anna", "keeper: bertil"))).toEqual(["notes.yaml:9:11 notes.keeper: bertil is not among the members"]);
    expect(problemsOf(`${FILE}  days: [1, 2, 3, 4]\n`, "sv")).toEqual(["notes.yaml:10:9 notes.days: högst 3 dagar"]);
    expect(problemsOf(FILE, "en", createPartnershipFiles(PARTNERSHIP_SECTIONS))).toEqual(['notes.yaml:8:3 notes: Unrecognized key: "notes"']);
  });

  it("is synced inside the import, counted in the summary, unchanged on re-import, exported, and removed with the file's section", async () => {
    const first = await files.import(t.db, files.parse(FILE, "notes.yaml"), { clock });
    expect(first.summary.settings).toMatchObject({ created: 2 }); // the notes and the incident settings every partnership has
    expect((await sql`select text, keeper, days from notes`.execute(t.db)).rows).toEqual([{ text: "Ring Socialjouren först", keeper: "anna", days: [7] }]);

    const exported = await files.export(t.db, "notes-iop");
    expect(exported?.notes).toEqual({ text: "Ring Socialjouren först", keeper: "anna", days: [7] });
    expect((await files.import(t.db, exported!, { clock })).changed).toBe(false);

    const changed = await files.import(t.db, files.parse(FILE.replace("först", "sist"), "notes.yaml"), { clock });
    expect(changed.summary.settings).toMatchObject({ created: 0, updated: 1, removed: 0 });

    const dropped = await files.import(t.db, files.parse(FILE.slice(0, FILE.indexOf("notes:")), "notes.yaml"), { clock });
    expect(dropped.summary.settings).toMatchObject({ removed: 1 });
    expect((await sql`select * from notes`.execute(t.db)).rows).toEqual([]);
    expect(await files.export(t.db, "notes-iop")).not.toHaveProperty("notes");
  });

  it("refuses a second owner of a key when the sections are composed", () => {
    expect(() => createPartnershipFiles([...PARTNERSHIP_SECTIONS, { ...notesSection, key: "members" }])).toThrow(/"members"/);
    expect(() => createPartnershipFiles([...PARTNERSHIP_SECTIONS, notesSection, notesSection])).toThrow(/"notes"/);
  });
});
