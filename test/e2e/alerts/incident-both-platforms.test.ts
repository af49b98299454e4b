/**
 * Threats and violence end to end on the REAL server: a report with a personnummer is refused in the Slack modal
 * and in the Teams card form with the reason and nothing stored; a valid one reaches samordning and the employer
 * at once, the channels only a neutral notice, and it escalates to Socialjouren when not acknowledged in time. The
 * same report answered in the conversation, one question at a time, on both platforms, refuses the same personnummer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../../integration/alerts/alerts-seed.ts";
import type { SentItem } from "../../helpers/platform-driver.ts";
import { type AlertsServer, incidentValues, openIncidentForm, shelterIds, startAlertsServer } from "./alerts-server.ts";

const DESCRIPTION = "En besökare hotade personal i entrén och slog sönder en stol.";

describe("a report of threats and violence end to end on Slack and Teams", () => {
  let w: AlertsServer;
  let shelters: Record<string, string>;
  beforeAll(async () => {
    // 23.40 in Stockholm.
    w = await startAlertsServer("2026-12-03T22:40:00Z");
    shelters = await shelterIds(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  const openReportForm = (person: Person) => openIncidentForm(w, person);
  const values = (activity: string, description: string) => incidentValues(shelters[activity]!, description, { severity: "serious_incident" });

  it("refuses a personnummer in the Slack modal and in the Teams form, and stores nothing", async () => {
    const slackForm = await openReportForm("sConv");
    const slackErrors = await w.slack.submitForm(w.userOf("sConv"), slackForm, values("natt-convictus", `${DESCRIPTION} Han heter 811218-9876.`));
    expect(slackErrors?.description).toContain("personnummer eller samordningsnummer (811218-****)");

    const teamsForm = await openReportForm("sFa");
    const teamsErrors = await w.teams.submitForm(w.userOf("sFa"), teamsForm, values("natt-fa", `Besökare 701063-2391 hotade.`));
    expect(teamsErrors?.description).toContain("(701063-****)");

    expect(await w.db.selectFrom("incidents").select("id").execute()).toEqual([]);
  });

  it("sends a valid report to samordning and the employer, and only a neutral notice to the channels", async () => {
    w.forget();
    const form = await openReportForm("sFa");
    expect(await w.teams.submitForm(w.userOf("sFa"), form, values("natt-fa", DESCRIPTION))).toBeUndefined();
    const toSara = await w.nextDirect("sara", "Kvittera att du tagit emot den inom 30 minuter");
    expect(toSara.text).toContain(DESCRIPTION);
    sarasDetails = toSara;
    // Frälsningsarmén has no manager in this partnership: its coordinator follows up for the employer.
    expect((await w.nextDirect("cFa", "Håll avlastningssamtal med personalen inom 24 timmar")).text).toContain(DESCRIPTION);
    for (const platform of ["slack", "teams"] as const) {
      const notice = await w.card(platform, "En händelse med hot eller våld har rapporterats.");
      expect(notice.text).not.toContain("Frälsningsarmé");
      expect(notice.text).not.toContain("stol");
    }
  });

  let sarasDetails: SentItem | undefined;

  it("escalates to Socialjouren when samordning has not acknowledged in 30 minutes, then takes the acknowledgement", async () => {
    w.forget();
    w.clock.set("2026-12-03T23:10:00Z");
    await w.deliverDue();
    const toJour = await w.nextDirect("jour", "har inte kvitterats av samordningen inom 30 minuter");
    expect(toJour.text).not.toContain(DESCRIPTION);
    const reminder = await w.nextDirect("sara", "den har nu eskalerats till Socialjouren");
    await w.slack.click(w.userOf("sara"), reminder, "Kvittera");
    await w.nextDirect("sara", "Kvitterat. Tack.");
    // Every copy of the details is redrawn in place: who acknowledged and when, and no button left to press.
    const saras = await w.nextDirect("sara", "Kvitterad av Sara Samordning");
    expect(saras).toMatchObject({ kind: "update", messageId: sarasDetails!.messageId });
    expect(saras.text).toContain(DESCRIPTION);
    expect(saras.buttons.map((b) => b.label)).not.toContain("Kvittera");
    const jours = await w.nextDirect("jour", "Kvitterad av Sara Samordning");
    expect(jours).toMatchObject({ kind: "update", messageId: toJour.messageId });
    expect(jours.text).not.toContain(DESCRIPTION);
    const incident = await w.db.selectFrom("incidents").selectAll().executeTakeFirstOrThrow();
    expect(incident.acknowledged_at).toEqual(new Date("2026-12-03T23:10:00Z"));
    expect(incident.escalated_at).toEqual(new Date("2026-12-03T23:10:00Z"));
  });

  it("takes a report in the conversation on both platforms, refusing the personnummer as the form does", async () => {
    for (const [person, shelter] of [
      ["sConv", "natt-convictus"],
      ["sFa", "natt-fa"],
    ] as const) {
      const driver = w.driverOf(person);
      const user = w.userOf(person);
      const before = (await w.db.selectFrom("incidents").select("id").execute()).length;
      // Each answer gets the next question (or the refusal) in the person's direct chat.
      const answer = async (text: string, expected: string) => {
        w.forget();
        await driver.message(user, text);
        return w.nextDirect(person, expected);
      };
      // The date, the reporter's own shelter, no injuries and no police are taken as given; the time is asked.
      await answer("hot", "Fråga 2 av 12: Klockslag");
      for (const [text, next] of [
        ["00.05", 4],
        ["1", 5],
        ["1", 8],
        ["nej", 9],
        ["hoppa över", 10],
        ["hoppa över", 11],
        ["hoppa över", 12],
      ] as const)
        await answer(text, `Fråga ${next} av 12`);
      const refused = await answer(`Besökare 811218-9876 hotade personal.`, "Det svaret gick inte att spara");
      expect(refused.text).toContain("personnummer eller samordningsnummer (811218-****)");
      expect(refused.text).toContain("Fråga 12 av 12");
      const summary = await answer(DESCRIPTION, "Skicka in");
      expect(summary.text).toContain(DESCRIPTION);
      w.forget();
      await driver.click(user, summary, "Skicka in");
      const receipt = await w.nextDirect(person, "Tack. Rapporten är sparad och skickas till Sara Samordning i samordningen");
      expect(receipt.text).not.toMatch(/\((samordningen|din arbetsgivare)\)/);
      const stored = await w.db.selectFrom("incidents").selectAll().orderBy("reported_at", "desc").orderBy("occurred_at", "desc").execute();
      expect(stored.length).toBe(before + 1);
      expect(stored.find((i) => i.activity_id === shelters[shelter] && i.description === DESCRIPTION && i.kind === "threat")).toBeDefined();
    }
  });
});
