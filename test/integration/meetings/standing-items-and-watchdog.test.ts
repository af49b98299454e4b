import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText } from "../../helpers/recording-chat.ts";
import { insertIncident } from "../../helpers/seed.ts";
import { createAgendaPort, createAgendaSources } from "../../../src/meetings/index.ts";
import { createMeetingsDailyTask } from "../../../src/meetings/cadence-watchdog.ts";
import { listMeetings } from "../../../src/meetings/meeting.repository.ts";
import { composeAgenda } from "../../../src/meetings/agenda.view.ts";
import { cancelMeeting } from "../../../src/meetings/change-meeting.ts";
import { createMeetingTestbed, PEOPLE, type MeetingTestbed } from "./meeting-testbed.ts";

let tb: MeetingTestbed;
beforeAll(async () => {
  tb = await createMeetingTestbed();
  await tb.db.db
    .updateTable("partnerships")
    .set({ period_end: "2027-04-30", extension_until: "2028-04-30", extension_deadline: "02-01", extension_step_months: 12 })
    .execute();
});
afterAll(async () => {
  await tb.close();
});

const allMeetings = () =>
  listMeetings(tb.db.db, tb.group.id, new Date("2026-01-01"), new Date("2030-01-01"), ["planned", "invited", "moved", "held", "cancelled"]);

describe("the daily meetings tick", () => {
  it("keeps the group planned a year ahead within the agreement period, with reminders, and running it again changes nothing", async () => {
    const task = createMeetingsDailyTask(tb.deps);
    await task.run(tb.clock.now());
    const planned = await allMeetings();
    // A year ahead, but not past the agreement period's end (2027-04-30).
    expect(planned.map((m) => m.startsAt.toISOString().slice(0, 10))).toEqual(["2026-10-13", "2026-12-08", "2027-02-09", "2027-04-13"]);
    const reminders = await tb.db.db.selectFrom("reminders").select("key").where("status", "=", "pending").execute();
    expect(reminders.length).toBeGreaterThanOrEqual(6);
    await task.run(tb.clock.now());
    expect(await allMeetings()).toHaveLength(planned.length);
    expect(await tb.db.db.selectFrom("reminders").select("key").where("status", "=", "pending").execute()).toHaveLength(reminders.length);
  });

  it("warns the chair once per gap, not daily, when a cancelled meeting leaves the cadence broken", async () => {
    const [, december] = await allMeetings();
    await cancelMeeting(tb.deps, tb.group, december!);
    tb.chat.calls.length = 0;
    tb.clock.set("2026-11-20T07:00:00Z");
    const task = createMeetingsDailyTask(tb.deps);
    await task.run(tb.clock.now());
    await task.run(tb.clock.now());
    // The next days' ticks see the same gap: it was said once, not every morning until December.
    for (const day of ["2026-11-21T05:00:00Z", "2026-11-22T05:00:00Z", "2026-12-15T05:00:00Z"]) {
      tb.clock.set(day);
      await task.run(tb.clock.now());
    }
    await tb.outbox.deliver();
    const warnings = tb.chat.directTextsTo(PEOPLE.anna).filter((t) => t.includes("Mötesfrekvens"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("efter mötet 2026-10-13 finns inget möte planerat till och med 2026-12-31");
    expect(tb.chat.directTextsTo(PEOPLE.bo)).toEqual([]);
  });
});

describe("standing agenda items", () => {
  it("counts incidents and cold nights since the last meeting, shows report status and the extension deadline once", async () => {
    tb.clock.set("2027-01-20T07:00:00Z");
    const [october, , february] = await allMeetings();
    const org = await tb.db.db
      .insertInto("organisations")
      .values({ partnership_id: "eu-sthlm", key: "ng", name: "Ny Gemenskap", org_number: "802006-1019" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const at = (iso: string) => new Date(iso);
    await tb.db.db
      .insertInto("cold_night_alerts")
      .values([
        {
          partnership_id: "eu-sthlm",
          night: "2026-10-01",
          temperature_c: -8,
          declared_by: null,
          declared_at: at("2026-10-01T12:00:00Z"),
          closes_at: at("2026-10-02T08:00:00Z"),
          closed_by: null,
          closed_at: null,
        },
        {
          partnership_id: "eu-sthlm",
          night: "2026-12-01",
          temperature_c: -9,
          declared_by: null,
          declared_at: at("2026-12-01T12:00:00Z"),
          closes_at: at("2026-12-02T08:00:00Z"),
          closed_by: null,
          closed_at: null,
        },
        {
          partnership_id: "eu-sthlm",
          night: "2027-01-10",
          temperature_c: -12,
          declared_by: null,
          declared_at: at("2027-01-10T12:00:00Z"),
          closes_at: at("2027-01-11T08:00:00Z"),
          closed_by: null,
          closed_at: null,
        },
      ])
      .execute();
    await insertIncident(tb.db.db, {
      partnershipId: "eu-sthlm",
      organisationId: org.id,
      occurredAt: at("2026-11-02T22:00:00Z"),
      reportedAt: at("2026-11-02T23:00:00Z"),
    });
    const report = await tb.db.db
      .insertInto("reports")
      .values({
        partnership_id: "eu-sthlm",
        organisation_id: org.id,
        form: "uppfoljning",
        period: "2026H2",
        period_start: "2026-07-01",
        period_end: "2026-12-31",
        opens_at: at("2027-01-01T08:00:00Z"),
        deadline_at: at("2027-01-31T22:59:00Z"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const port = createAgendaPort(tb.deps);
    const item = {
      partnershipId: "eu-sthlm",
      groupId: tb.group.id,
      key: "extension:eu-sthlm:2027-02-01",
      title: { sv: "Förlängning av avtalet: beslut senast 2027-02-01", en: "Extension: decide by 2027-02-01" },
      before: at("2027-02-01T00:00:00Z"),
    };
    await port.addItem(item);
    await port.addItem(item);

    const deps = { ...tb.deps, agendaSources: createAgendaSources(tb.db.db, tb.clock) };
    const compose = await composeAgenda(deps, tb.group, february!);
    const sv = messageText(compose({ locale: "sv", timeZone: "Europe/Stockholm" }));
    // Since the last meeting held before February (October; December was cancelled): nights 2026-12-01 and 2027-01-10.
    expect(october!.startsAt < february!.startsAt).toBe(true);
    expect(sv).toContain("Extra kalla nätter sedan förra mötet: 2");
    expect(sv).toContain("Incidenter (hot och våld) sedan förra mötet: 1");
    expect(sv).toContain("Ny Gemenskap: uppfoljning 2026H2 inte inlämnad ännu (senast 2027-01-31)");
    expect(sv.match(/2027-02-01/g)).toHaveLength(1);
    expect(sv).toContain("Förlängning av avtalet: beslut senast 2027-02-01");
    const en = messageText(compose({ locale: "en", timeZone: "Europe/Stockholm" }));
    expect(en).toContain("Extension: decide by 2027-02-01");

    // The line follows the report: once a version is in, the next agenda says when it was submitted.
    await tb.db.db
      .insertInto("report_versions")
      .values({
        report_id: report.id,
        version: 1,
        answers: JSON.stringify({}),
        definition: JSON.stringify({}),
        submitted_by: tb.ids.bo!,
        submitted_at: at("2027-01-25T10:00:00Z"),
        via: "chat",
      })
      .execute();
    const afterSubmission = messageText((await composeAgenda(deps, tb.group, february!))({ locale: "sv", timeZone: "Europe/Stockholm" }));
    expect(afterSubmission).toContain("Ny Gemenskap: uppfoljning 2026H2 inlämnad 2027-01-25");
    expect(afterSubmission).not.toContain("inte inlämnad");
  });
});
