import type { Actor } from "../app/feature.ts";
import { roleNames } from "../chat/index.ts";
import { hasAnyRole, type Member, type MemberRole } from "../partnerships/index.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { findMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type GroupSeat, type MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import type { CadenceBreach } from "./change-meeting.ts";
import { createWorkingDays } from "./working-days.ts";

/** Who organises a group's meetings besides its chair when the partnership file does not say. */
const DEFAULT_ORGANISER_ROLES: readonly MemberRole[] = ["admin", "coordinator", "samordning"];

/** The roles that may organise the group's meetings besides its chair (the partnership file's `organiserRoles`). */
export function organiserRolesOf(group: MeetingGroup): readonly MemberRole[] {
  return group.meetings.organiserRoles ?? DEFAULT_ORGANISER_ROLES;
}

/** The group's chair, or a member holding one of its organiser roles, may move, cancel and call its meetings and run date polls. */
export function canChangeMeetings(member: Member, group: MeetingGroup, seats: readonly GroupSeat[]): boolean {
  return hasAnyRole(member, organiserRolesOf(group)) || seats.some((s) => s.memberId === member.id && s.role === "chair");
}

/** Who sees the comments to the answers where the answers are tallied: the chair, the secretary and the organisers. */
export function seesRsvpComments(seat: GroupSeat, group: MeetingGroup): boolean {
  return seat.role === "chair" || seat.role === "secretary" || organiserRolesOf(group).some((r) => seat.roles.includes(r));
}

/** Why the actor may not change the group's meetings, naming who may. */
export function notAllowedText(t: Translate<MeetingMessageKey>, locale: Locale, group: MeetingGroup): string {
  const role = createTranslator(roleNames, locale);
  return t("notAllowed.change", { group: group.name, roles: createFormatters(locale, group.timeZone).list(organiserRolesOf(group).map((r) => role(r))) });
}

/** A meeting that can still change, with its group and seats, loaded for an actor of its partnership. */
export interface OpenMeeting {
  meeting: Meeting;
  group: MeetingGroup;
  seats: GroupSeat[];
  t: Translate<MeetingMessageKey>;
}

/** Loads a meeting for an actor; undefined when it is gone, in another partnership, or already held or cancelled. */
export async function loadOpenMeeting(
  deps: MeetingsDeps,
  actor: Actor,
  meetingId: string,
  options: { allowHeld?: boolean } = {},
): Promise<OpenMeeting | undefined> {
  const meeting = await findMeeting(deps.db, meetingId);
  if (meeting === undefined || meeting.partnershipId !== actor.partnership.id || meeting.status === "cancelled") return undefined;
  if (meeting.status === "held" && options.allowHeld !== true) return undefined;
  const group = await getGroup(deps.db, meeting.groupId);
  return { meeting, group, seats: await listSeats(deps.db, group.id), t: translatorFor({ locale: actor.locale, timeZone: group.timeZone }) };
}

/** The frame of a form about one meeting (carried as its state), introduced with the group and the time (and `introParams`). */
export function meetingFormFrame(
  o: OpenMeeting,
  formId: string,
  keys: { title: MeetingMessageKey; submit: MeetingMessageKey; intro: MeetingMessageKey },
  introParams: Record<string, string | number> = {},
) {
  return {
    formId,
    title: o.t(keys.title),
    submitLabel: o.t(keys.submit),
    state: o.meeting.id,
    intro: o.t(keys.intro, { group: o.group.name, at: o.meeting.startsAt, ...introParams }),
  };
}

/** The warning text of a cadence breach. */
export function breachText(o: OpenMeeting, breach: CadenceBreach): string {
  return breach.kind === "gap"
    ? o.t("move.warnGap", { months: String(breach.months), from: breach.from, to: breach.to })
    : o.t("move.warnTerm", { from: breach.from, to: breach.to });
}

/** Why a meeting cannot be moved to `date` (weekend, holiday, blackout), in the reader's language. */
export function blockedText(o: OpenMeeting, date: string): string | undefined {
  const blocked = createWorkingDays(o.group.meetings.blackouts).blockedReason(date);
  if (blocked === undefined) return undefined;
  if (blocked.kind === "holiday") return o.t("move.blocked.holiday", { name: blocked.name });
  if (blocked.kind === "blackout") return o.t("move.blocked.blackout", { label: blocked.label });
  return o.t("move.blocked.weekend");
}
