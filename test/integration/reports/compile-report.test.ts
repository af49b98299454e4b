import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportCompileCommand } from "../../../src/reports/index.ts";
import { createReportService } from "../../../src/reports/report-service.ts";
import { startConversation } from "../../../src/forms/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";
import { CONVICTUS_ANSWERS, createReportsHarness, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;

const fralsningsarmen = {
  unique_visitors: 80,
  visitors_women: 30,
  visitors_men: 45,
  visitors_other: 5,
  nights_provided: 700,
  occupancy_percent: 85.5,
  turned_away: 3,
  referrals: 9,
  cold_nights: 2,
  extra_places_used: 20,
  incidents: 0,
  volunteer_hours: 10,
  observations: null,
};

beforeAll(async () => {
  h = await createReportsHarness();
  for (const [key, name, orgNumber] of [
    ["nygemenskap", "Ny Gemenskap", "802006-1019"],
    ["stadsmissionen", "Stockholms stadsmission", "802003-1954"],
  ] as const) {
    const row = await h.db.db
      .insertInto("organisations")
      .values({ partnership_id: "eu", key, name, org_number: orgNumber })
      .returning("id")
      .executeTakeFirstOrThrow();
    h.organisations[key] = row.id;
  }
  const service = createReportService({ db: h.db.db, clock: h.clock, logger: silentLogger, transact: h.transact });
  const ensure = (org: string) =>
    service.reports.ensure({
      partnershipId: "eu",
      organisationId: h.organisations[org]!,
      form: "uppfoljning",
      period: "2026H2",
      periodStart: "2026-07-01",
      periodEnd: "2026-12-31",
      opensAt: new Date("2026-12-17T07:00:00Z"),
      deadlineAt: new Date("2027-01-30T22:59:00Z"),
    });
  h.clock.set("2027-01-10T10:00:00Z");
  for (const [org, answers, member] of [
    ["convictus", CONVICTUS_ANSWERS, "anna"],
    ["fralsningsarmen", fralsningsarmen, "bertil"],
  ] as const) {
    const ctx = await service.contextOf(await ensure(org));
    await service.submit(ctx, { answers, memberId: h.members[member]!, via: "form" });
  }
  // Stadsmissionen has begun answering in chat but not submitted; Ny Gemenskap has not begun.
  await ensure("nygemenskap");
  const draft = await service.contextOf(await ensure("stadsmissionen"));
  await service.conversations.open({
    partnershipId: "eu",
    memberId: h.members.david!,
    subject: `report:${draft.report.id}`,
    actionPrefix: "report.",
    definition: draft.definition,
    title: draft.title,
    state: startConversation(draft.definition, { unique_visitors: 50 }),
  });
});
afterAll(async () => {
  await h?.close();
});

async function compile(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createReportCompileCommand().run(args, {
    db: h.db.db,
    clock: h.clock,
    logger: silentLogger,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

describe("samverka report compile", () => {
  it("compiles totals and per organisation as Markdown, with the gender breakdown and missing submissions flagged", async () => {
    const { code, out } = await compile("--partnership", "eu", "--period", "2026h2", "--format", "md");
    expect(code).toBe(0);
    const md = out.join("\n");
    expect(md).toContain("# Uppföljning 2026H2 – Partnerskap eu");
    expect(md).toContain("2 av 4 organisationer har lämnat in.");
    expect(md).toContain("**Inte inlämnat: Ny Gemenskap (saknas), Stockholms stadsmission (pågår).**");
    expect(md).toContain("| Uppgift | Convictus | Frälsningsarmén | Ny Gemenskap | Stockholms stadsmission | Totalt |");
    expect(md).toContain("| Unika besökare | 120 | 80 | – | – | 200 |");
    expect(md).toContain("| Kvinnor | 40 | 30 | – | – | 70 |");
    expect(md).toContain("| Övernattningar | 950 | 700 | – | – | 1\u00a0650 |");
    expect(md).toContain("| Beläggning % | (hoppades över) | 85,5 | – | – | 85,5 (medelvärde) |");
    expect(md).toContain("| Fick nej i brist på plats | 12 | 3 | – | – | 15 |");
    expect(md).toContain("| Extra kalla nätter med extra platser | 4 | 2 | – | – | 6 |");
    expect(md).toContain("| Extra platser använda | 60 | 20 | – | – | 80 |");
    expect(md).toContain("| Hot och våld, händelser | 2 | 0 | – | – | 2 |");
    expect(md).toContain("| Volontärtimmar | 35,5 | 10 | – | – | 45,5 |");
    expect(md).toContain("| Kvinnor | 70 | 35 % |");
    expect(md).toContain("| Män | 115 | 57,5 % |");
    expect(md).toContain("| Annat/okänt kön | 15 | 7,5 % |");
    expect(md).toContain("- **Convictus**, Iakttagelser: Lugn höst, fler kvinnor än förra året.");
  });

  it("writes CSV with plain numbers, one column per organisation", async () => {
    const { out } = await compile("--partnership", "eu", "--period", "2026H2", "--format", "csv");
    expect(out[0]).toBe("field,Uppgift,Convictus,Frälsningsarmén,Ny Gemenskap,Stockholms stadsmission,Totalt");
    expect(out).toContain("status,Status,inskickad,inskickad,saknas,pågår,");
    expect(out).toContain("nights_provided,Övernattningar,950,700,,,1650");
    expect(out).toContain("volunteer_hours,Volontärtimmar,35.5,10,,,45.5");
    expect(out).toContain('observations,Iakttagelser,"Lugn höst, fler kvinnor än förra året.",,,,');
  });

  it("writes an xlsx workbook that exceljs reads back figure by figure", async () => {
    const file = path.join(tmpdir(), `${h.db.name}.xlsx`);
    const { code, out } = await compile("--partnership", "eu", "--period", "2026H2", "--format", "xlsx", "--out", file);
    expect(code).toBe(0);
    expect(out).toEqual([`${file}: 2 of 4 organisations submitted`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Sammanställning")!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]), values.slice(1));
    });
    expect(rows.get("Uppgift")).toEqual(["Convictus", "Frälsningsarmén", "Ny Gemenskap", "Stockholms stadsmission", "Totalt"]);
    expect(rows.get("Status")).toEqual(["inskickad", "inskickad", "saknas", "pågår"]);
    expect(rows.get("Unika besökare")).toEqual([120, 80, undefined, undefined, 200]);
    expect(rows.get("Kvinnor")).toEqual([40, 30, undefined, undefined, 70]);
    expect(rows.get("Män")).toEqual([70, 45, undefined, undefined, 115]);
    expect(rows.get("Annat/okänt kön")).toEqual([10, 5, undefined, undefined, 15]);
    expect(rows.get("Fick nej i brist på plats")).toEqual([12, 3, undefined, undefined, 15]);
    expect(rows.get("Extra platser använda")).toEqual([60, 20, undefined, undefined, 80]);
    expect(rows.get("Hot och våld, händelser")).toEqual([2, 0, undefined, undefined, 2]);
    expect(rows.get("Händelser följda upp")).toEqual(["ja"]);
    const shares = workbook.getWorksheet("Andel")!;
    expect((shares.getRow(2).values as unknown[]).slice(1)).toEqual(["Kvinnor", 70, 0.35]);
    const submissions = workbook.getWorksheet("Inlämningar")!;
    expect((submissions.getRow(2).values as unknown[]).slice(1, 4)).toEqual(["Convictus", "inskickad", 1]);
    await rm(file);
  });

  it("shows no total, not 0, for a period nobody has reported, in every format", async () => {
    const md = (await compile("--partnership", "eu", "--period", "2026H1", "--format", "md")).out.join("\n");
    expect(md).toContain("0 av 4 organisationer har lämnat in.");
    expect(md).toContain("| Unika besökare | – | – | – | – | – |");
    expect(md).toContain("| Beläggning % | – | – | – | – | – |");
    expect(md).not.toContain("## Unika besökare");
    const csv = (await compile("--partnership", "eu", "--period", "2026H1", "--format", "csv")).out;
    expect(csv).toContain("unique_visitors,Unika besökare,,,,,");
  });

  it("explains a wrong period or partnership instead of failing", async () => {
    expect(await compile("--partnership", "eu", "--period", "andra halvåret")).toMatchObject({ code: 2, err: [expect.stringContaining("is not a period")] });
    expect(await compile("--partnership", "nowhere", "--period", "2026H2")).toMatchObject({
      code: 1,
      err: [expect.stringContaining('no partnership "nowhere"')],
    });
  });

  it("sends an admin the compilation as a file from chat, and refuses others", async () => {
    const app = h.boot();
    // The compile command, typed in the person's direct chat with the bot on Slack.
    const compileFromChat = (userId: string) =>
      app.send({ type: "message", user: { platform: "slack", userId }, conversation: `slack:dm-${userId}`, text: "rapport sammanställ 2026H2", direct: true });
    await compileFromChat("UCECILIA");
    const slack = h.chats.get("slack")!;
    const file = slack.calls.find((c) => c.op === "file");
    expect(file?.op === "file" && file.file.filename).toBe("uppfoljning-2026H2-eu.xlsx");
    expect(slack.directTextsTo("UCECILIA").at(-1)).toContain("Inte inlämnat: Ny Gemenskap (saknas), Stockholms stadsmission (pågår).");
    await compileFromChat("UDAVID");
    expect(slack.directTextsTo("UDAVID").at(-1)).toContain("Bara partnerskapets administratörer och samordnare");
  });
});
