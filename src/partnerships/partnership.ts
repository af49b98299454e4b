import type { Locale } from "../shared/i18n.ts";

/** Roles a member can hold in a partnership (group roles live on the group membership). */
export const MEMBER_ROLES = ["admin", "coordinator", "samordning", "shelter_staff", "manager", "socialjouren"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Group kinds known from the seeds; a partnership file naming another kind is refused. */
export const GROUP_KINDS = ["styrgrupp", "samverkansgrupp", "föreståndargrupp", "referensgrupp", "arbetsgrupp", "ledningsgrupp"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Roles within a group. */
export const GROUP_ROLES = ["member", "chair", "secretary"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** "At least every N months" or "once per school term". */
export type Cadence = { kind: "months"; months: number } | { kind: "term" };

/** The partnership as the rest of the core sees it. */
export interface Partnership {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  locale: Locale;
}

/** A person in a partnership, resolved from a platform identity. */
export interface Member {
  id: string;
  partnershipId: string;
  key: string;
  displayName: string;
  organisationId: string | null;
  locale: Locale;
  roles: MemberRole[];
}

/** Whether the member holds at least one of `roles`. */
export function hasAnyRole(member: Pick<Member, "roles">, roles: readonly MemberRole[]): boolean {
  return member.roles.some((r) => roles.includes(r));
}
