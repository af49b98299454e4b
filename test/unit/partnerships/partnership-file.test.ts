import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import { listIdentities } from "../../../src/partnerships/member.schema.ts";

const EXAMPLES = path.resolve(import.meta.dirname, "../../../examples");
const stockholm = readFileSync(path.join(EXAMPLES, "stockholm-eu-medborgare.yaml"), "utf8");

const MINIMAL = `id: test-iop
name: Test
city: Stockholm
period: { start: "2026-01-01", end: "2026-12-31" }
organisations:
  - { key: convictus, name: Convictus, orgNumber: 802012-1581 }
members:
  - key: anna
    name: Anna
    organisation: convictus
groups:
  - key: styrgrupp
    kind: styrgrupp
    name: Styrgrupp
    cadence: { atLeastEveryMonths: 2 }
    members: [ { member: anna, role: chair } ]
channels:
  - { platform: slack, conversation: C0FAKEMAIN, purpose: group, group: styrgrupp }
activities:
  - { key: natt, name: Natt, organisation: convictus, kind: night, places: 10, placesWomen: 2, staff: [anna] }
reports:
  coordinator: anna
`;

/** The message of the error parsing `text` throws; fails the test if it does not throw a file error. */
function problemsOf(text: string, locale: "sv" | "en" = "en"): string[] {
  try {
    partnershipFiles.parse(text, "iop.yaml", locale);
  } catch (error) {
    expect(error).toBeInstanceOf(SamverkaError);
    expect((error as SamverkaError).code).toBe("partnership_file_invalid");
    return (error as Error).message.split("\n").slice(1);
  }
  throw new Error("expected the file to be refused");
}

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

/** `line:column` of `value` on the first line containing `needle` (1-based, as in the error messages). */
function at(text: string, needle: string, value = needle): string {
  const line = lineOf(text, needle);
  return `${line}:${(text.split("\n")[line - 1] ?? "").indexOf(value) + 1}`;
}

describe("partnership file", () => {
  it.each(["stockholm-eu-medborgare.yaml", "bris-stodgrupper.yaml", "goteborg-ensamkommande.yaml"])("accepts the example %s", (name) => {
    const file = partnershipFiles.parse(readFileSync(path.join(EXAMPLES, name), "utf8"), name);
    expect(file.groups.length).toBeGreaterThan(0);
  });

  it("describes the Stockholm IOP as the decision does: 115 night places, 20 for women, 5/7 nights, 2 nights' karenstid", () => {
    const file = partnershipFiles.parse(stockholm, "stockholm.yaml");
    const nights = file.activities.filter((a) => a.kind === "night");
    expect(nights).toHaveLength(3);
    expect(nights.reduce((sum, a) => sum + a.places, 0)).toBe(115);
    expect(nights.reduce((sum, a) => sum + a.placesWomen, 0)).toBe(20);
    expect(new Set(nights.map((a) => `${a.nightsPerGrant}/${a.nightsPerGrantWomen}/${a.karenstidNights}`))).toEqual(new Set(["5/7/2"]));
    expect(file.organisations.map((o) => o.orgNumber)).toEqual(["802012-1581", "802006-1688", "802006-1019", "802003-1954"]);
    // An illustrative current period with the decision's rules: a contract year from 1 May, a year at a time, by 1 February.
    expect(file.period).toEqual({ start: "2026-05-01", end: "2027-04-30", extension: { stepMonths: 12, until: "2029-04-30", agreementDeadline: "02-01" } });
    expect(stockholm).toContain("2019-05-01 – 2020-04-30, extendable a year at a time up to 2022-04-30");
    expect(file.coldNights).toMatchObject({ thresholdC: -7, season: { from: "11-01", to: "03-31" } });
  });

  it("makes the Agents Playground's default user a samordning member in the Stockholm example", () => {
    const file = partnershipFiles.parse(stockholm, "stockholm.yaml");
    const alex = file.members.find((m) => listIdentities(m.identities).some((i) => i.userId === "00000000-0000-0000-0000-0000000000020"));
    expect(alex).toMatchObject({ name: "Alex Wilber", roles: ["samordning", "coordinator"] });
  });

  it("fills in meeting defaults and keeps identities in the order written, the primary one first", () => {
    const file = partnershipFiles.parse(
      MINIMAL.replace("organisation: convictus", "organisation: convictus\n    identities: { teams: 29:fake-anna, slack: U0FAKEANNA }"),
      "iop.yaml",
    );
    expect(file.groups[0]?.meetings).toMatchObject({ pattern: { weekday: "tuesday", week: 2, time: "13:00" }, inviteDaysBefore: 14, agendaSendDaysBefore: 3 });
    expect(file.incidents).toEqual({ ackMinutes: 30, channelNotice: true, retentionDays: 730 });
    expect(listIdentities(file.members[0]!.identities).map((i) => i.platform)).toEqual(["teams", "slack"]);
  });

  it("refuses an unknown group kind, naming the line and the field", () => {
    const text = MINIMAL.replace("kind: styrgrupp", "kind: kafferep");
    expect(problemsOf(text)).toEqual([
      `iop.yaml:${at(text, "kafferep")} groups[0].kind: Invalid option: expected one of "styrgrupp"|"samverkansgrupp"|"föreståndargrupp"|"referensgrupp"|"arbetsgrupp"|"ledningsgrupp"`,
    ]);
  });

  it("refuses an organisation number whose check digit is wrong, in Swedish by default", () => {
    const text = MINIMAL.replace("802012-1581", "802012-1582");
    expect(problemsOf(text, "sv")).toEqual([
      `iop.yaml:${at(text, "802012-1582")} organisations[0].orgNumber: kontrollsiffran stämmer inte (Luhn); kontrollera organisationsnumret mot beslutet`,
    ]);
  });

  it("refuses an organisation number without the hyphen", () => {
    expect(problemsOf(MINIMAL.replace("802012-1581", '"8020121581"'))[0]).toContain(
      "organisations[0].orgNumber: an organisation number is written NNNNNN-NNNN",
    );
  });

  it("refuses a key used twice in a list, pointing at the second", () => {
    const text = MINIMAL.replace("members:\n  - key: anna", "members:\n  - { key: anna, name: Anna Första }\n  - key: anna");
    expect(problemsOf(text)).toEqual([`iop.yaml:${at(text, "  - key: anna", "anna")} members[1].key: anna appears earlier in the list`]);
  });

  it.each([
    ["a group member", "{ member: anna, role: chair }", "{ member: bertil, role: chair }", "groups[0].members[0].member: bertil is not among the members"],
    ["a member's organisation", "    organisation: convictus", "    organisation: fralsis", "members[0].organisation: fralsis is not among the organisations"],
    ["a member's city unit", "    organisation: convictus", "    cityUnit: socialjouren", "members[0].cityUnit: socialjouren is not among the cityUnits"],
    ["an activity's staff", "staff: [anna]", "staff: [bertil]", "activities[0].staff[0]: bertil is not among the members"],
    ["a channel", "group: styrgrupp }", "group: ledning }", "channels[0].group: ledning is not among the groups"],
    ["the report settings", "coordinator: anna", "coordinator: bertil", "reports.coordinator: bertil is not among the members"],
  ])("refuses a dangling reference from %s, naming its line", (_, from, to, expected) => {
    const text = MINIMAL.replace(from, to);
    expect(problemsOf(text)).toEqual([expect.stringMatching(new RegExp(`^iop\\.yaml:${lineOf(text, to)}:\\d+ `))]);
    expect(problemsOf(text)[0]).toContain(expected);
  });

  it("says in the reader's language when a cold-night ladder repeats from a step it does not have (the section's own text)", () => {
    const text = `${MINIMAL}coldNights:
  thresholdC: -7
  season: { from: "11-01", to: "03-31" }
  coordinates: { lat: 59.3, lon: 18.1 }
  escalationRepeat: { fromStep: 4 }
  bedBoard: { cityUnits: [socialjouren] }
`;
    expect(problemsOf(text, "en")).toEqual([
      `iop.yaml:${at(text, "fromStep: 4", "4")} coldNights.escalationRepeat.fromStep: the step to repeat from is not in escalationMinutes`,
    ]);
    expect(problemsOf(text, "sv")).toEqual([
      `iop.yaml:${at(text, "fromStep: 4", "4")} coldNights.escalationRepeat.fromStep: stegen att upprepa från finns inte i escalationMinutes`,
    ]);
    expect(problemsOf(text.replace("fromStep: 4", "fromStep: 3"))).toEqual([
      `iop.yaml:${at(text, "cityUnits: [socialjouren]", "socialjouren")} coldNights.bedBoard.cityUnits[0]: socialjouren is not among the cityUnits`,
    ]);
  });

  it("refuses more places for women than places", () => {
    expect(problemsOf(MINIMAL.replace("placesWomen: 2", "placesWomen: 12"))[0]).toContain(
      "activities[0].placesWomen: more places for women than places in total",
    );
  });

  it("refuses a chat identity given to two members", () => {
    const text = MINIMAL.replace(
      "    organisation: convictus",
      "    organisation: convictus\n    identities: { slack: U0FAKEANNA }\n  - { key: bo, name: Bo, identities: { slack: [U0FAKEBO, U0FAKEANNA] } }",
    );
    expect(problemsOf(text)).toEqual([
      `iop.yaml:${at(text, "key: bo", "U0FAKEANNA")} members[1].identities.slack[1]: U0FAKEANNA already belongs to member anna`,
    ]);
  });

  it("refuses chat ids of the wrong shape", () => {
    const problems = problemsOf(
      MINIMAL.replace("    organisation: convictus", "    organisation: convictus\n    identities: { slack: anna@example.se, teams: anna }"),
    );
    expect(problems.map((p) => p.replace(/^iop\.yaml:\d+:\d+ /, ""))).toEqual([
      "members[0].identities.slack: is not a Slack user id (U…)",
      "members[0].identities.teams: is not a Teams user id (AAD object id or 29:…)",
    ]);
  });

  it.each([
    ["both cadences", "{ atLeastEveryMonths: 2 }", "{ atLeastEveryMonths: 2, perTerm: true }", "groups[0].cadence: give either atLeastEveryMonths"],
    ["a cadence over twelve months", "{ atLeastEveryMonths: 2 }", "{ atLeastEveryMonths: 13 }", "groups[0].cadence.atLeastEveryMonths: Too big"],
    ["an unknown time zone", "city: Stockholm", "city: Stockholm\ntimeZone: Europe/Stokholm", "timeZone: is not a known IANA time zone"],
    ["a period ending before it starts", 'end: "2026-12-31"', 'end: "2025-12-31"', "period.end: the period ends before it starts"],
    ["a misspelt field", "    cadence:", "    cadance:", "groups[0].cadance: Unrecognized key"],
    ["a group channel without its group", ", group: styrgrupp }", " }", "channels[0].group: group is given for channels with purpose: group"],
    [
      "an impossible day of the year",
      'end: "2026-12-31" }',
      'end: "2026-12-31", extension: { stepMonths: 12, until: "2027-12-31", agreementDeadline: "02-30" } }',
      "period.extension.agreementDeadline: must be month-day MM-DD",
    ],
  ])("refuses %s", (_, from, to, expected) => {
    const problems = problemsOf(MINIMAL.replace(from, to));
    expect(problems.join("\n")).toContain(expected);
  });

  it("names the line of a YAML syntax error", () => {
    expect(problemsOf("id: x\nname: [unclosed\n")[0]).toMatch(/^iop\.yaml:\d+:\d+ /);
  });

  it("refuses a file that expands aliases without end instead of exhausting memory", () => {
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ];
    expect(problemsOf(laughs.join("\n"))[0]).toMatch(/^iop\.yaml:1:1 .*alias/i);
  });
});
