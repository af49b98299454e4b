/**
 * A reporter who is among the report's recipients (samordning, or the employer's contact) is not told the report
 * "goes to" themselves: the receipt names the others, and says why the reporter's own copy came. The copy itself is
 * kept: samordning's asks to be acknowledged, and someone in samordning must.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { ALERT_CHANNELS, createAlertsWorld, type AlertsWorld, type Person } from "./alerts-world.ts";

let w: AlertsWorld;
beforeAll(async () => {
  // 23.40 in Stockholm: a night shift.
  w = await createAlertsWorld({ start: "2026-12-03T22:40:00Z" });
});
afterAll(async () => {
  await w.close();
});

const report = async (person: Person, activity: string): Promise<string> => {
  const conversation = `slack:${ALERT_CHANNELS.slack}`;
  const { forms } = await w.act(person, { type: "command", conversation, text: "hot formulär" });
  const values = {
    date: "2026-12-03",
    time: "23.35",
    activity: w.activityIds[activity]!,
    kind: "threat",
    severity: "minor",
    injuries: "none",
    police: "none",
    support: "no",
    description: "En besökare hotade personal i entrén.",
  };
  const { result } = await w.act(person, { type: "form", conversation, formId: forms[0]!.formId, state: forms[0]!.state, values });
  return result && result.ok ? messageText(result.message!) : JSON.stringify(result);
};

describe("the receipt of a reporter who gets the report themselves", () => {
  it("tells the only samordning member the report is saved and that they have it to acknowledge, not that it goes to them", async () => {
    const receipt = await report("sara", "natt-convictus");
    expect(receipt).toContain("Tack. Rapporten är sparad.\nDu är själv i samordningen, så du har fått rapporten för att kvittera den.");
    expect(receipt).not.toContain("skickas till");
    expect(receipt).not.toContain("Sara Samordning");
    expect(receipt).not.toContain("kan nås i Samverka");
    // Samordning's copy still comes, with the button to acknowledge it.
    expect(w.directTo("sara").at(-1)).toContain("Kvittera att du tagit emot den inom 30 minuter");
  });

  it("names the other samordning members and leaves the reporter out when they are samordning too", async () => {
    await w.t.db
      .updateTable("members")
      .set({ roles: ["coordinator", "samordning"] })
      .where("id", "=", w.memberIds.cNg)
      .execute();
    const receipt = await report("cNg", "natt-ng");
    expect(receipt).toContain("Tack. Rapporten är sparad och skickas till Sara Samordning i samordningen.\n");
    expect(receipt).toContain("Du är själv i samordningen, så du har fått rapporten för att kvittera den.");
    expect(receipt).not.toContain("Clara Ny Gemenskap");
    expect(w.directTo("cNg").at(-1)).toContain("Kvittera att du tagit emot den inom 30 minuter");
  });

  it("tells a manager who reports that they have the report for the follow-up, not that it goes to them", async () => {
    const receipt = await report("mConv", "natt-convictus");
    expect(receipt).toMatch(/skickas till (Sara Samordning och Clara Ny Gemenskap|Clara Ny Gemenskap och Sara Samordning) i samordningen\.\n/);
    expect(receipt).toContain("Du följer själv upp hos din arbetsgivare, så du har fått rapporten för uppföljningen.");
    expect(receipt).not.toContain("Maria Convictus");
    expect(w.directTo("mConv").at(-1)).toContain("Håll avlastningssamtal med personalen inom 24 timmar");
  });
});
