import { describe, expect, it } from "vitest";
import { suggestCommand } from "../../../src/chat/suggest-command.ts";

const words = ["kallnatt", "cold-night", "hot", "incident", "möten", "meetings", "rapport", "report", "status", "hjälp", "help"];

describe("suggesting the command a mistyped word meant", () => {
  it("finds a missing letter, a wrong letter and two swapped letters", () => {
    expect(suggestCommand("kalnatt", words)).toBe("kallnatt");
    expect(suggestCommand("rappot", words)).toBe("rapport");
    expect(suggestCommand("stauts", words)).toBe("status");
    expect(suggestCommand("moten", words)).toBe("möten");
  });

  it("allows only one edit in short words, so everyday words are not taken for commands", () => {
    expect(suggestCommand("hott", words)).toBe("hot");
    expect(suggestCommand("hej", words)).toBeUndefined();
    expect(suggestCommand("tack", words)).toBeUndefined();
  });

  it("suggests nothing for an exact command, an unrelated word or very long text", () => {
    expect(suggestCommand("status", words)).toBeUndefined();
    expect(suggestCommand("vinter", words)).toBeUndefined();
    expect(suggestCommand("x".repeat(30), words)).toBeUndefined();
  });
});
