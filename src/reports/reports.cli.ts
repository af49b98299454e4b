import { promises as fs } from "node:fs";
import { parseArgs } from "node:util";
import type { CliCommand } from "../app/cli-command.ts";
import { compileReports } from "./compile-report.ts";
import { contractStartOf } from "./report-cycle.ts";
import { parsePeriodLabel } from "./report-period.ts";
import { createReportReader } from "./report-service.ts";
import { compilationFile } from "./reports.commands.ts";

const USAGE = "samverka report compile --partnership ID --period 2026H2 [--form uppfoljning] [--format md|csv|xlsx] [--out FILE] [--locale sv|en]";

/** `samverka report compile`: the compilation of one form and period, to stdout (md, csv) or a file. */
export function createReportCompileCommand(): CliCommand {
  return {
    name: ["report", "compile"],
    usage: USAGE,
    summary: "Compile every organisation's report for a period: totals, per organisation, missing submissions flagged.",
    async run(args, ctx) {
      let values;
      try {
        ({ values } = parseArgs({
          args,
          options: {
            partnership: { type: "string" },
            period: { type: "string" },
            form: { type: "string" },
            format: { type: "string", default: "md" },
            out: { type: "string" },
            locale: { type: "string", default: "sv" },
          },
        }));
      } catch (error) {
        ctx.err(`${(error as Error).message}\nUsage: ${USAGE}`);
        return 2;
      }
      const format = values.format;
      const locale = values.locale;
      if (values.partnership === undefined || values.period === undefined || !["md", "csv", "xlsx"].includes(format) || (locale !== "sv" && locale !== "en")) {
        ctx.err(`Usage: ${USAGE}`);
        return 2;
      }
      // The command only reads: no chat, no reminders are touched.
      const service = createReportReader({ db: ctx.db, clock: ctx.clock });
      const partnership = await service.directory.partnership(values.partnership);
      if (partnership === undefined) {
        ctx.err(`There is no partnership "${values.partnership}". Import its partnership file first (samverka import FILE).`);
        return 1;
      }
      const period = parsePeriodLabel(values.period, contractStartOf(partnership));
      if (period === undefined) {
        ctx.err(`"${values.period}" is not a period: write 2026H2, 2026Q4, 2026-11, 2026 or 2019/20.`);
        return 2;
      }
      const compilation = await compileReports(service, { partnershipId: partnership.id, form: values.form ?? "uppfoljning", period: period.label });
      const file = await compilationFile(compilation, format as "md" | "csv" | "xlsx", locale);
      if (values.out !== undefined) {
        await fs.writeFile(values.out, file.content);
        ctx.out(
          `${values.out}: ${compilation.organisations.filter((o) => o.state === "submitted").length} of ${compilation.organisations.length} organisations submitted`,
        );
      } else if (format === "xlsx") {
        ctx.err("An xlsx workbook is binary: give --out FILE.xlsx.");
        return 2;
      } else {
        for (const line of file.content.toString("utf8").trimEnd().split(/\r?\n/)) ctx.out(line);
      }
      return 0;
    },
  };
}
