import { describe, expect, it } from "vitest";
import { isReportCommand } from "../../../src/reports/reports.commands.ts";

describe("telling a reports command from an answer", () => {
  it("takes the command and its subcommands in either language", () => {
    for (const text of ["rapport", "Rapport status", "report form", "rapport sammanställ 2026H2 xlsx", "report compile 2026H2", "rapport hjälp"]) {
      expect(isReportCommand(text), text).toBe(true);
    }
  });

  it("leaves free text that merely starts with the word to the conversation", () => {
    for (const text of ["Report was calm this month", "rapport status saknas för december", "rapporten kom sent", "120"]) {
      expect(isReportCommand(text), text).toBe(false);
    }
  });
});
