import { describe, expect, it } from "vitest";
import { parsePeriodArgs } from "../../../src/meetings/period-command.ts";
import { endAfterStep } from "../../../src/partnerships/index.ts";

describe("reading a decision on the agreement period", () => {
  it.each([
    ["beviljad till 2028-04-30", { kind: "decision", decision: { kind: "extended", until: "2028-04-30" } }],
    ["Beviljad t.o.m. 2028-04-30.", { kind: "decision", decision: { kind: "extended", until: "2028-04-30" } }],
    ["granted until 2028-04-30", { kind: "decision", decision: { kind: "extended", until: "2028-04-30" } }],
    ["beviljad", { kind: "decision", decision: { kind: "extended" } }],
    ["avslutas", { kind: "decision", decision: { kind: "ending" } }],
    ["ends", { kind: "decision", decision: { kind: "ending" } }],
    ["", { kind: "status" }],
    ["beviljad till 2028-02-30", { kind: "bad-date", value: "2028-02-30" }],
    ["beviljad till 30 april", { kind: "bad-date", value: "30 april" }],
    ["kanske", { kind: "usage" }],
  ])("%s", (args, expected) => {
    expect(parsePeriodArgs(args)).toEqual(expected);
  });

  it("moves a period one step to the same day of the month, keeping month ends", () => {
    expect(endAfterStep("2027-04-30", 12)).toBe("2028-04-30");
    expect(endAfterStep("2027-02-28", 12)).toBe("2028-02-29");
    expect(endAfterStep("2026-12-31", 6)).toBe("2027-06-30");
  });
});
