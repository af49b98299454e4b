import type { z } from "zod";
import { listIdentities } from "./member.schema.ts";
import type { FileIssueParams } from "./file-formats.schema.ts";
import type { PartnershipFile, PartnershipFileShape } from "./partnership-file.schema.ts";
import type { PartnershipSection, ReferenceList } from "./partnership-section.ts";

type Path = (string | number)[];
type Report = (path: Path, params: FileIssueParams) => void;

/** Checks what one entry cannot check alone: unique keys and references that resolve, the sections' too. */
export function checkReferences(file: PartnershipFile, ctx: z.RefinementCtx, sections: readonly PartnershipSection[]): void {
  const report: Report = (path, params) => ctx.addIssue({ code: "custom", path, params });
  const organisations = uniqueKeys(file.organisations, "organisations", report);
  const cityUnits = uniqueKeys(file.cityUnits, "cityUnits", report);
  const groups = uniqueKeys(file.groups, "groups", report);
  const members = uniqueKeys(file.members, "members", report);
  const activities = uniqueKeys(file.activities, "activities", report);
  const lists: Record<ReferenceList, Set<string>> = { organisations, cityUnits, groups, members, activities };

  const resolve = (set: Set<string>, list: string, key: string | undefined, path: Path): void => {
    if (key !== undefined && !set.has(key)) report(path, { reason: "unknown_reference", key, list });
  };

  file.members.forEach((m, i) => {
    resolve(organisations, "organisations", m.organisation, ["members", i, "organisation"]);
    resolve(cityUnits, "cityUnits", m.cityUnit, ["members", i, "cityUnit"]);
  });
  checkIdentities(file, report);
  file.groups.forEach((g, i) => {
    const seen = new Set<string>();
    g.members.forEach((gm, j) => {
      const path = ["groups", i, "members", j, "member"];
      resolve(members, "members", gm.member, path);
      if (seen.has(gm.member)) report(path, { reason: "duplicate", key: gm.member });
      seen.add(gm.member);
    });
  });
  file.activities.forEach((a, i) => {
    resolve(organisations, "organisations", a.organisation, ["activities", i, "organisation"]);
    const seen = new Set<string>();
    a.staff.forEach((s, j) => {
      resolve(members, "members", s, ["activities", i, "staff", j]);
      if (seen.has(s)) report(["activities", i, "staff", j], { reason: "duplicate", key: s });
      seen.add(s);
    });
  });
  const channels = new Set<string>();
  file.channels.forEach((c, i) => {
    resolve(groups, "groups", c.group, ["channels", i, "group"]);
    const id = `${c.platform} ${c.conversation} ${c.purpose}`;
    if (channels.has(id)) report(["channels", i, "conversation"], { reason: "duplicate", key: c.conversation });
    channels.add(id);
  });
  for (const section of sections) {
    const value = file[section.key];
    if (value === undefined || value === null) continue;
    section.checkReferences?.(value, { resolve: (list, key, path) => resolve(lists[list], list, key, [section.key, ...path]) });
  }
}

function uniqueKeys(list: readonly { key: string }[], name: string, report: Report): Set<string> {
  const keys = new Set<string>();
  list.forEach((entry, i) => {
    if (keys.has(entry.key)) report([name, i, "key"], { reason: "duplicate", key: entry.key });
    keys.add(entry.key);
  });
  return keys;
}

// A chat user is one person: the same id on two members (or twice on one) would make sender lookup ambiguous.
function checkIdentities(file: PartnershipFileShape, report: Report): void {
  const owners = new Map<string, string>();
  file.members.forEach((m, i) => {
    const positions = new Map<string, number>();
    for (const { platform, userId } of listIdentities(m.identities)) {
      const index = positions.get(platform) ?? 0;
      positions.set(platform, index + 1);
      const id = `${platform}:${userId}`;
      const owner = owners.get(id);
      if (owner !== undefined) {
        const multiple = Array.isArray(m.identities[platform]);
        report(["members", i, "identities", platform, ...(multiple ? [index] : [])], { reason: "identity_taken", key: userId, member: owner });
      }
      owners.set(id, m.key);
    }
  });
}
