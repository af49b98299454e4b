import type { Spread } from "../lib/stats.ts";
import type { Row } from "./results.ts";

function num(v: number): string {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/** "median (min–max)", or just the value when every run gave the same. */
export function formatSpread(s: Spread | undefined, unit = ""): string {
  if (s === undefined) return "";
  const u = unit === "" ? "" : ` ${unit}`;
  if (s.runs.length === 1 || s.min === s.max) return `${num(s.median)}${u}`;
  return `${num(s.median)}${u} (${num(s.min)}–${num(s.max)})`;
}

function verdict(row: Row): string {
  if (row.met === undefined) return "";
  return row.met ? "met" : "MISSED";
}

/** The rows as columns of text, grouped by scenario, for the terminal. */
export function textTable(rows: Row[]): string {
  const header = ["metric", "Samverka", "floor", "× floor", "target", ""];
  const lines: string[][] = [];
  let scenario = "";
  for (const row of rows) {
    if (row.scenario !== scenario) {
      scenario = row.scenario;
      lines.push([`${row.scenario}${row.floorName === undefined ? "" : `  [floor: ${row.floorName}]`}`]);
    }
    lines.push([`  ${row.metric}`, formatSpread(row.samverka, row.unit), formatSpread(row.floor, row.unit), formatSpread(row.ratio, "×"), row.target?.text ?? "", verdict(row)]);
  }
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.filter((l) => l.length > 1).map((l) => (l[i] ?? "").length)));
  const render = (cells: string[]) => (cells.length === 1 ? cells[0]! : cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...lines.map(render)].join("\n");
}

/** The rows as a Markdown table, for the README. */
export function markdownTable(rows: Row[]): string {
  const out = ["| scenario | metric | Samverka | floor | × floor | target | |", "|---|---|---|---|---|---|---|"];
  for (const row of rows) {
    const floor = row.floor === undefined ? "" : `${formatSpread(row.floor, row.unit)} (${row.floorName ?? ""})`;
    out.push(`| ${row.scenario} | ${row.metric} | ${formatSpread(row.samverka, row.unit)} | ${floor} | ${formatSpread(row.ratio, "×")} | ${row.target?.text ?? ""} | ${verdict(row)} |`);
  }
  return out.join("\n");
}
