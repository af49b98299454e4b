import { formatAnswer, isNumeric, shortLabel, type AnswerValue, type Field } from "../forms/index.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Compilation } from "./compile-report.ts";
import { breakdownsOf, commentsOf, stateLabel } from "./compilation.render.ts";
import { reportsMessages } from "./reports.messages.ts";

const AMOUNT_FORMAT = '#,##0.00 "kr"';

/** The compilation as an Excel workbook: figures per organisation with totals, breakdowns, submissions, comments. */
export async function renderXlsx(c: Compilation, locale: Locale): Promise<Buffer> {
  const t = createTranslator(reportsMessages, locale, c.partnership.timeZone);
  // Loaded when a report is exported: ExcelJS is the largest library Samverka uses, and most processes never need it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samverka";

  const summary = workbook.addWorksheet(t("sheet.summary"));
  summary.addRow([`${c.definition.title[locale]} ${c.period} – ${c.partnership.name}`]).font = { bold: true, size: 13 };
  summary.addRow([t("sheet.field"), ...c.organisations.map((o) => o.name), t("sheet.total")]).font = { bold: true };
  summary.addRow([t("sheet.status"), ...c.organisations.map((o) => stateLabel(o, locale))]);
  for (const field of c.definition.fields.filter((f) => f.type !== "text")) {
    const row = summary.addRow([
      shortLabel(field, locale),
      ...c.organisations.map((o) => cellValue(field, o.answers?.[field.id], locale)),
      isNumeric(field) ? (c.totals[field.id] ?? null) : null,
    ]);
    if (field.type === "amount") row.numFmt = AMOUNT_FORMAT;
  }
  summary.getColumn(1).width = 38;
  for (let i = 2; i <= c.organisations.length + 2; i++) summary.getColumn(i).width = 18;
  summary.views = [{ state: "frozen", xSplit: 1, ySplit: 2 }];

  const breakdowns = breakdownsOf(c);
  if (breakdowns.length > 0) {
    const sheet = workbook.addWorksheet(t("sheet.share"));
    for (const b of breakdowns) {
      sheet.addRow([shortLabel(b.total, locale), b.value]).font = { bold: true };
      for (const p of b.parts) sheet.addRow([shortLabel(p.field, locale), p.value, p.share === undefined ? null : p.share / 100]).getCell(3).numFmt = "0.0 %";
      sheet.addRow([]);
    }
    sheet.getColumn(1).width = 38;
  }

  const submissions = workbook.addWorksheet(t("sheet.submissions"));
  submissions.addRow([t("sheet.organisation"), t("sheet.status"), t("sheet.version"), t("sheet.submitted_at"), t("sheet.submitted_by")]).font = { bold: true };
  for (const o of c.organisations) submissions.addRow([o.name, stateLabel(o, locale), o.version ?? null, o.submittedAt ?? null, o.submittedBy ?? null]);
  submissions.getColumn(4).numFmt = "yyyy-mm-dd hh:mm";
  submissions.columns.forEach((column) => (column.width = 22));

  const comments = commentsOf(c, locale);
  if (comments.length > 0) {
    const sheet = workbook.addWorksheet(t("sheet.comments"));
    for (const x of comments) sheet.addRow([x.org, x.field, x.text]);
    sheet.getColumn(3).width = 80;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(field: Field, value: AnswerValue | null | undefined, locale: Locale): string | number | null {
  if (value === undefined || value === null) return null;
  return typeof value === "number" ? value : formatAnswer(field, value, locale);
}
