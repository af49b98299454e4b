import { formatAnswer, isNumeric, shortLabel, type Field } from "../forms/index.ts";
import { createFormatters, createTranslator, type Locale } from "../shared/i18n.ts";
import type { Compilation, CompiledOrganisation } from "./compile-report.ts";
import { reportsMessages } from "./reports.messages.ts";

/** A figure broken down by its parts, e.g. visitors by gender, with each part's share of the total. */
export interface Breakdown {
  total: Field;
  value: number;
  parts: { field: Field; value: number; share: number | undefined }[];
}

/** The breakdowns the form's sum checks define (the gender analysis of the follow-up template). */
export function breakdownsOf(compilation: Compilation): Breakdown[] {
  const field = (id: string) => compilation.definition.fields.find((f) => f.id === id)!;
  return compilation.definition.checks.flatMap((check) => {
    if (check.kind !== "sum") return [];
    const value = compilation.totals[check.total];
    if (value === undefined) return [];
    const parts = check.parts.map((id) => {
      const part = compilation.totals[id] ?? 0;
      return { field: field(id), value: part, share: value === 0 ? undefined : Math.round((part / value) * 1000) / 10 };
    });
    return [{ total: field(check.total), value, parts }];
  });
}

/** Rows of the compiled table: figures and yes/no/choice answers (free text goes to the comments). */
function tableFields(compilation: Compilation): Field[] {
  return compilation.definition.fields.filter((f) => f.type !== "text");
}

/** "inskickad", "pågår" or "saknas". */
export function stateLabel(o: CompiledOrganisation, locale: Locale): string {
  return createTranslator(reportsMessages, locale)(`state.${o.state}`);
}

/** The compilation as Markdown: the table, the breakdowns, the submissions, the comments. */
export function renderMarkdown(c: Compilation, locale: Locale): string {
  const t = createTranslator(reportsMessages, locale, c.partnership.timeZone);
  const f = createFormatters(locale, c.partnership.timeZone);
  const orgs = c.organisations;
  const submitted = orgs.filter((o) => o.state === "submitted");
  const missing = orgs.filter((o) => o.state !== "submitted").map((o) => `${o.name} (${stateLabel(o, locale)})`);
  const lines = [`# ${c.definition.title[locale]} ${c.period} – ${c.partnership.name}`, ""];
  lines.push(t("compile.done", { form: c.definition.title[locale], period: c.period, submitted: submitted.length, count: orgs.length }));
  if (missing.length > 0) lines.push("", `**${t("compile.missing", { orgs: missing.join(", ") })}**`);
  lines.push("", `| ${[t("sheet.field"), ...orgs.map((o) => o.name), t("sheet.total")].join(" | ")} |`);
  lines.push(`|---|${orgs.map(() => "---:").join("|")}|---:|`);
  for (const field of tableFields(c)) {
    const cells = orgs.map((o) => (o.answers === undefined ? "–" : formatAnswer(field, o.answers[field.id], locale)));
    const sum = c.totals[field.id];
    const total = !isNumeric(field)
      ? ""
      : sum === undefined
        ? "–"
        : `${formatAnswer(field, sum, locale)}${field.total === "average" ? ` (${t("sheet.average")})` : ""}`;
    lines.push(`| ${[shortLabel(field, locale), ...cells, total].join(" | ")} |`);
  }
  for (const b of breakdownsOf(c)) {
    lines.push("", `## ${shortLabel(b.total, locale)}: ${f.number(b.value)}`, "", `| | ${t("sheet.total")} | ${t("sheet.share")} |`, "|---|---:|---:|");
    for (const p of b.parts)
      lines.push(`| ${shortLabel(p.field, locale)} | ${f.number(p.value)} | ${p.share === undefined ? "–" : `${f.number(p.share)} %`} |`);
  }
  lines.push(
    "",
    `## ${t("sheet.submissions")}`,
    "",
    `| ${[t("sheet.organisation"), t("sheet.status"), t("sheet.version"), t("sheet.submitted_at"), t("sheet.submitted_by")].join(" | ")} |`,
    "|---|---|---:|---|---|",
  );
  for (const o of orgs) {
    lines.push(`| ${[o.name, stateLabel(o, locale), o.version ?? "", o.submittedAt ? f.dateTime(o.submittedAt) : "", o.submittedBy ?? ""].join(" | ")} |`);
  }
  const comments = commentsOf(c, locale);
  if (comments.length > 0)
    lines.push("", `## ${t("sheet.comments")}`, "", ...comments.map((x) => `- **${x.org}**, ${x.field}: ${x.text.replace(/\s*\n\s*/g, " ")}`));
  return `${lines.join("\n")}\n`;
}

/** Free-text answers of the submitted reports. */
export function commentsOf(c: Compilation, locale: Locale): { org: string; field: string; text: string }[] {
  const textFields = c.definition.fields.filter((f) => f.type === "text");
  return c.organisations.flatMap((o) =>
    textFields.flatMap((field) => {
      const value = o.answers?.[field.id];
      return typeof value === "string" && value !== "" ? [{ org: o.name, field: shortLabel(field, locale), text: value }] : [];
    }),
  );
}

/** The compilation as CSV (RFC 4180, comma-separated, plain numbers): one row per figure, one column per organisation. */
export function renderCsv(c: Compilation, locale: Locale): string {
  const t = createTranslator(reportsMessages, locale);
  const rows: (string | number)[][] = [["field", t("sheet.field"), ...c.organisations.map((o) => o.name), t("sheet.total")]];
  rows.push(["status", t("sheet.status"), ...c.organisations.map((o) => stateLabel(o, locale)), ""]);
  for (const field of c.definition.fields) {
    const cells = c.organisations.map((o) => csvValue(field, o.answers?.[field.id], locale));
    rows.push([field.id, shortLabel(field, locale), ...cells, isNumeric(field) ? (c.totals[field.id] ?? "") : ""]);
  }
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function csvValue(field: Field, value: unknown, locale: Locale): string | number {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return value;
  return formatAnswer(field, value as never, locale);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
