import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/shared/clock.ts";
import {
  activitiesOf,
  findGroup,
  findMembersByIdentity,
  findPartnership,
  groupMembers,
  listChannels,
  listGroups,
  memberIdentities,
  membersWithRole,
} from "../../../src/partnerships/index.ts";
import { loadColdNightSettings } from "../../../src/alerts/cold-nights/cold-night-settings.ts";
import { loadIncidentSettings } from "../../../src/alerts/incidents/incident-settings.ts";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import { loadReportSettings } from "../../../src/reports/report-settings.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";
import { readExample } from "./partnership-cli.helpers.ts";

let t: TestDatabase;
const clock = createManualClock("2026-11-22T08:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  for (const name of ["stockholm-eu-medborgare.yaml", "bris-stodgrupper.yaml"]) {
    await partnershipFiles.import(t.db, partnershipFiles.parse(readExample(name), name), { clock });
  }
});
afterAll(async () => {
  await t.drop();
});

describe("partnership read side", () => {
  it("finds a partnership with its period and extension rules", async () => {
    expect(await findPartnership(t.db, "stockholm-eu")).toEqual({
      id: "stockholm-eu",
      name: "IOP Utsatta EU-medborgare",
      city: "Stockholm",
      timeZone: "Europe/Stockholm",
      locale: "sv",
      period: { start: "2026-05-01", end: "2027-04-30", extension: { stepMonths: 12, until: "2029-04-30", agreementDeadline: "02-01" } },
    });
    expect((await findPartnership(t.db, "stockholm-bris-stodgrupper"))?.period.extension).toBeNull();
    expect(await findPartnership(t.db, "nowhere")).toBeUndefined();
  });

  it("lists the members holding a role, e.g. who declares a cold night", async () => {
    const samordning = await membersWithRole(t.db, "stockholm-eu", "samordning");
    expect(samordning.map((m) => m.key).sort()).toEqual(["playground-alex", "samordningsfunktionen"]);
    expect(await membersWithRole(t.db, "stockholm-bris-stodgrupper", "samordning")).toEqual([]);
  });

  it("resolves the Agents Playground user to a samordning member by its Teams identity", async () => {
    const [alex, ...others] = await findMembersByIdentity(t.db, "teams", "00000000-0000-0000-0000-0000000000020");
    expect(others).toEqual([]);
    expect(alex).toMatchObject({ partnershipId: "stockholm-eu", displayName: "Alex Wilber", roles: ["samordning", "coordinator"] });
  });

  it("gives a member's identities primary first, as written in the file", async () => {
    const [johan] = await findMembersByIdentity(t.db, "slack", "U0FAKEEUTEAM");
    expect(await memberIdentities(t.db, johan!.id)).toEqual([
      { platform: "teams", userId: "29:fake-eu-teamet-handlaggare" },
      { platform: "slack", userId: "U0FAKEEUTEAM" },
    ]);
  });

  it("gives groups their cadence, meeting settings with defaults, seats and channels", async () => {
    const groups = await listGroups(t.db, "stockholm-eu");
    expect(groups.map((g) => [g.key, g.cadence])).toEqual([
      ["samverkansgrupp", { kind: "months", months: 1 }],
      ["styrgrupp", { kind: "months", months: 2 }],
    ]);
    const samverkan = await findGroup(t.db, "stockholm-eu", "samverkansgrupp");
    // The file leaves everyMonths out: the group's cadence fills it in.
    expect(samverkan?.meetings.pattern).toEqual({ weekday: "thursday", week: 1, time: "10:00", durationMinutes: 90, everyMonths: 1 });
    expect(samverkan?.meetings.blackouts.map((b) => b.label)).toEqual(["Sommaruppehåll", "Jul och nyår"]);
    const seats = await groupMembers(t.db, samverkan!.id);
    expect(seats).toHaveLength(8);
    expect(seats.find((s) => s.role === "chair")?.member.key).toBe("eu-teamet-handlaggare");
    expect(await listChannels(t.db, "stockholm-eu", { groupId: samverkan!.id })).toEqual([
      expect.objectContaining({ platform: "teams", conversation: "19:fake-samverkansgrupp@thread.tacv2", purpose: "group" }),
    ]);
    const bris = await listGroups(t.db, "stockholm-bris-stodgrupper");
    expect(bris.map((g) => g.cadence)).toEqual([{ kind: "term" }]);
  });

  it("gives the night shelters with their places, grant rules and staff", async () => {
    const nights = await activitiesOf(t.db, "stockholm-eu", "night");
    expect(nights.map((a) => [a.key, a.places, a.placesWomen, a.nightsPerGrant, a.nightsPerGrantWomen, a.karenstidNights, a.staffMemberIds.length])).toEqual([
      ["convictus-nattverksamhet", 35, 0, 5, 7, 2, 1],
      ["fralsningsarmen-nattverksamhet", 40, 0, 5, 7, 2, 1],
      ["stadsmissionen-nattverksamhet", 40, 20, 5, 7, 2, 1],
    ]);
  });

  it("loads cold-night, incident and report settings, and says when a partnership has none", async () => {
    expect(await loadColdNightSettings(t.db, "stockholm-eu")).toEqual({
      thresholdC: -7,
      useFeelsLike: false,
      season: { from: "11-01", to: "03-31" },
      coordinates: { lat: 59.3293, lon: 18.0686 },
      forecastTime: "14:00",
      escalationMinutes: [15, 30, 45],
      escalationRepeat: { fromStep: 2, everyMinutes: 15 },
      declarerRoles: ["samordning", "coordinator", "shelter_staff"],
      closeTime: "09:00",
      bedBoard: { from: "21:00", roles: ["socialjouren"], cityUnits: ["eu-teamet"] },
    });
    expect(await loadColdNightSettings(t.db, "stockholm-bris-stodgrupper")).toBeUndefined();
    expect(await loadIncidentSettings(t.db, "stockholm-bris-stodgrupper")).toEqual({ ackMinutes: 60, channelNotice: false, retentionDays: 730 });
    expect((await loadReportSettings(t.db, "stockholm-eu")).settings.get("stockholm-eu")?.cycles.map((c) => c.form)).toEqual([
      "uppfoljning",
      "ekonomi",
      "manadsrapport",
    ]);
    expect((await loadReportSettings(t.db, "stockholm-bris-stodgrupper")).settings.size).toBe(0);
  });

  it("serialises two imports of the same new file: one creates it, the other finds nothing to change", async () => {
    const file = partnershipFiles.parse(readExample("goteborg-ensamkommande.yaml"), "goteborg.yaml");
    const results = await Promise.all([partnershipFiles.import(t.db, file, { clock }), partnershipFiles.import(t.db, file, { clock })]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
  });
});
