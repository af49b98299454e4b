import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { partnershipFiles } from "../../../src/partnership-sections.ts";
import { listIdentities } from "../../../src/partnerships/index.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const example = partnershipFiles.parse(readFileSync(path.join(root, "examples/stockholm-eu-medborgare.yaml"), "utf8"), "stockholm-eu-medborgare.yaml");
const playground = parse(readFileSync(path.join(root, ".m365agentsplayground.yml"), "utf8")) as { users: { id: string; name: string }[]; team: { id: string } };

describe("the playground's cast for a cold night", () => {
  const memberOf = (teamsId: string) => example.members.find((m) => listIdentities(m.identities).some((i) => i.platform === "teams" && i.userId === teamsId));

  it("makes every playground user a member of the Stockholm example: each night shelter's staff, Socialjouren and EU-teamet", () => {
    const members = playground.users.map((u) => memberOf(u.id));
    expect(members.every((m) => m !== undefined)).toBe(true);
    const staffed = example.activities.filter((a) => a.kind === "night").map((a) => a.staff.filter((s) => members.some((m) => m?.key === s)).length);
    expect(staffed).toEqual([1, 1, 1]);
    expect(members.some((m) => m?.roles.includes("socialjouren"))).toBe(true);
    expect(members.some((m) => m?.cityUnit === "eu-teamet")).toBe(true);
  });

  it("has the team's General channel as the example's Teams alerts channel, so the card is posted where the playground shows it", () => {
    expect(example.channels).toContainEqual({ platform: "teams", conversation: playground.team.id, purpose: "alerts" });
  });
});
