/**
 * Incident details purged everywhere (issue 13, item 4), on the REAL server with Slack and Teams: at the retention
 * deadline every delivered copy of a report's details is replaced in chat by a neutral notice (read back from the
 * fakes), deleted where the platform will not replace it, and a copy the platform will not remove at all is listed
 * for samordning; the stored messages keep no free text and the audit trail records the purge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFailureNoticeRenderer } from "../../../src/outbox/index.ts";
import { alertsFeatureOf } from "./both-platforms-server.ts";
import type { SentItem } from "../../helpers/platform-driver.ts";
import type { Person } from "../../integration/alerts/alerts-seed.ts";
import { type AlertsServer, incidentValues, openIncidentForm, shelterIds, startAlertsServer } from "./alerts-server.ts";

const FIRST = "En besökare hotade personal vid entrén med en flaska.";
const SECOND = "En besökare slog till en volontär i matsalen.";
const NEUTRAL = "Här stod en rapport om hot och våld";

describe("an incident's details at the end of the retention period, on Slack and Teams", () => {
  let w: AlertsServer;
  let shelters: Record<string, string>;
  const copies: Record<string, SentItem> = {};
  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T22:40:00Z");
    shelters = await shelterIds(w);
  });
  afterAll(async () => {
    await w?.close();
  });

  const report = async (person: Person, activity: string, description: string) => {
    const form = await openIncidentForm(w, person);
    const values = incidentValues(shelters[activity]!, description, { kind: "threat", injuries: "none", police: "none", support: "no" });
    expect(await w.driverOf(person).submitForm(w.userOf(person), form, values)).toBeUndefined();
  };

  it("sends each report's details to samordning and the employer on their own platforms", async () => {
    await report("sFa", "natt-fa", FIRST);
    copies.saraFirst = await w.nextDirect("sara", FIRST);
    copies.cFa = await w.nextDirect("cFa", FIRST);
    await report("sConv", "natt-convictus", SECOND);
    copies.saraSecond = await w.nextDirect("sara", SECOND);
    copies.mConv = await w.nextDirect("mConv", SECOND);
  });

  it("replaces every copy with a neutral notice, deletes one Teams will not replace, and lists one Slack will not remove", async () => {
    // Everything the reports caused is out first, so the failures below meet the retractions and nothing else.
    const open = () => w.db.selectFrom("outbox").select("key").where("status", "in", ["pending", "processing"]).execute();
    await expect.poll(async () => (await open()).length, { timeout: 15_000 }).toBe(0);
    w.forget();
    // Teams refuses the first update (the copy goes by delete); Slack refuses one update and then its delete too.
    w.teams.connector.failNext(403, 1);
    w.slackFake.failNext("chat.update", { error: "cant_update_message" });
    w.slackFake.failNext("chat.delete", { error: "cant_delete_message" });
    w.clock.set("2027-12-05T02:30:00Z");
    const feature = alertsFeatureOf(w);
    await feature.recurring!.find((r) => r.name === "alerts.incident-retention")!.run(w.clock.now());

    const retractions = () =>
      w.db.selectFrom("outbox").select(["key", "status", "message_ref", "last_error"]).where("key", "like", "incident:%:retracted:%").execute();
    const deadline = Date.now() + 15_000;
    while ((await retractions()).some((r) => r.status === "pending" || r.status === "processing")) {
      if (Date.now() > deadline) throw new Error(`retractions still open: ${JSON.stringify(await retractions())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = await retractions();
    expect(rows).toHaveLength(4);

    // Teams: the copy it would not update was deleted.
    const teamsCalls = w.teams.connector.calls;
    expect(teamsCalls.filter((c) => c.op === "delete").map((c) => [c.conversationId, c.activityId])).toEqual([
      [copies.cFa!.conversation, copies.cFa!.messageId],
    ]);

    // Slack: two of the three copies replaced in place by the neutral notice, the third refused twice and failed.
    const slackCopies = [copies.saraFirst!, copies.saraSecond!, copies.mConv!];
    const replaced = w.slack.sent().filter((i) => i.kind === "update" && i.text.includes(NEUTRAL));
    const replacedIds = replaced.map((i) => `${i.conversation}/${i.messageId}`);
    const kept = slackCopies.filter((c) => !replacedIds.includes(`${c.conversation}/${c.messageId}`));
    expect(replaced).toHaveLength(2);
    expect(kept).toHaveLength(1);
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(3);
    expect(rows.filter((r) => r.status === "failed").map((r) => r.last_error)).toEqual([expect.stringContaining("cant_delete_message")]);
    for (const item of replaced) expect(item.text).not.toMatch(/flaska|volontär/);

    // The refused copy is listed for samordning in the failure notice.
    const notice = await w.db.selectFrom("outbox").select(["content", "locale", "time_zone"]).where("key", "like", "outbox-failed:%").executeTakeFirstOrThrow();
    const live = notice.content as unknown as { render: string; payload: Record<string, unknown> };
    const rendered = await createFailureNoticeRenderer(w.db).render(live.payload, { locale: "sv", timeZone: notice.time_zone }, { refresh: false });
    expect(JSON.stringify(rendered)).toContain("kunde inte tas bort");
  });

  it("keeps no free text in the stored messages and records each purge with the copies taken back", async () => {
    const stored = await w.db.selectFrom("outbox").select("content").execute();
    expect(JSON.stringify(stored)).not.toContain(FIRST);
    expect(JSON.stringify(stored)).not.toContain(SECOND);
    expect((await w.db.selectFrom("incidents").select("description").execute()).map((r) => r.description)).toEqual([null, null]);
    const audit = await w.db.selectFrom("audit_events").select("details").where("action", "=", "incident.purged").execute();
    expect(audit.map((a) => a.details)).toEqual([{ copiesTakenBack: 2 }, { copiesTakenBack: 2 }]);
  });
});
