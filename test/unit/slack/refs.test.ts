import { describe, expect, it } from "vitest";
import { channelOf, decodeConversation, decodeMessage, encodeConversation, encodeMessage } from "../../../adapters/slack/refs.ts";

describe("Slack references", () => {
  it("round-trips conversation and message refs", () => {
    expect(decodeConversation(encodeConversation("C0KANAL"))).toBe("C0KANAL");
    expect(decodeMessage(encodeMessage({ channel: "D0MAJA", ts: "1769220161.503009" }))).toEqual({ channel: "D0MAJA", ts: "1769220161.503009" });
  });

  it("refuses refs of another platform or shape with invalid_input", () => {
    expect(channelOf("teams:19:abc@thread.tacv2")).toBeUndefined();
    expect(() => decodeConversation("slack:C0:1.2")).toThrow(expect.objectContaining({ code: "invalid_input" }));
    expect(() => decodeMessage("slack:C0KANAL")).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });
});
