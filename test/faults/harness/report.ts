/** Prints a scenario's figures as a plain-text table on stdout (the fault suite's output is its report). */
export function printTable(title: string, rows: readonly Record<string, string | number | boolean>[]): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | boolean | undefined) => (v === undefined ? "" : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join(" │ ");
  const out = ["", `━━ ${title}`, line(columns), widths.map((w) => "─".repeat(w)).join("─┼─"), ...rows.map((r) => line(columns.map((c) => cell(r[c])))), ""];
  console.log(out.join("\n"));
}
