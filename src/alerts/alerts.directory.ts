import type { Db } from "../db/database.ts";
import { activitiesOf, hasAnyRole, listOrganisations, membersWithRole, type Member, type MemberRole } from "../partnerships/index.ts";

/** A night shelter that answers cold-night alerts. */
export interface NightShelter {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  staffMemberIds: string[];
}

/** The partnership's active night shelters with their active staff, ordered by name. */
export async function findNightShelters(db: Db, partnershipId: string): Promise<NightShelter[]> {
  const [activities, organisations] = await Promise.all([activitiesOf(db, partnershipId, "night"), listOrganisations(db, partnershipId)]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return activities
    .map((a) => ({
      id: a.id,
      name: a.name,
      organisationId: a.organisationId,
      organisationName: orgName.get(a.organisationId) ?? "",
      staffMemberIds: a.staffMemberIds,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/**
 * The night shelters a member speaks for when they just write a figure (`platser 12 lediga`, or a number in reply to
 * a cold-night question): those they staff; a coordinator who staffs none, their organisation's.
 */
export function sheltersOf(shelters: readonly NightShelter[], member: Pick<Member, "id" | "roles" | "organisationId">): NightShelter[] {
  const mine = shelters.filter((s) => s.staffMemberIds.includes(member.id));
  if (mine.length > 0 || !hasAnyRole(member, ["coordinator"])) return mine;
  return shelters.filter((s) => s.organisationId === member.organisationId);
}

/** Active staff members of one night shelter (empty for an unknown or inactive one). */
export async function findStaffOf(db: Db, partnershipId: string, activityId: string): Promise<string[]> {
  return (await activitiesOf(db, partnershipId, "night")).find((a) => a.id === activityId)?.staffMemberIds ?? [];
}

/** Active members holding any of `roles`, optionally only within one organisation. */
export async function findMembersWithRole(db: Db, partnershipId: string, roles: readonly MemberRole[], organisationId?: string): Promise<string[]> {
  const members = (await Promise.all(roles.map((role) => membersWithRole(db, partnershipId, role)))).flat();
  const ids = members.filter((m) => organisationId === undefined || m.organisationId === organisationId).map((m) => m.id);
  return [...new Set(ids)];
}

/** Display names by member id, for cards that say who answered. */
export async function findDisplayNames(db: Db, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db.selectFrom("members").where("id", "in", memberIds).select(["id", "display_name"]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Who reads a personal copy of an alert card: their roles, organisation and the shelters they staff. */
export interface AlertReader {
  id: string;
  roles: MemberRole[];
  organisationId: string | null;
  staffOf: ReadonlySet<string>;
}

/** The active member `memberId` of the partnership as a reader of its alert cards, or undefined. */
export async function findReader(db: Db, partnershipId: string, memberId: string): Promise<AlertReader | undefined> {
  const member = await db
    .selectFrom("members")
    .where("id", "=", memberId)
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .select(["id", "roles", "organisation_id"])
    .executeTakeFirst();
  if (member === undefined) return undefined;
  const staff = await db.selectFrom("activity_staff").where("member_id", "=", memberId).select("activity_id").execute();
  return { id: member.id, roles: member.roles as MemberRole[], organisationId: member.organisation_id, staffOf: new Set(staff.map((s) => s.activity_id)) };
}
