import type { Platform } from "../../../src/chat/chat-port.ts";
import type { Db } from "../../../src/db/database.ts";
import { insertPartnership } from "../../helpers/seed.ts";

/** Who the people of the test partnership are: name, roles and organisation (key). */
export const PROFILES = {
  sara: { name: "Sara Samordning", roles: ["samordning"], org: "stadsmissionen" },
  jour: { name: "Socialjouren", roles: ["socialjouren"], org: null },
  cConv: { name: "Cecilia Convictus", roles: ["coordinator"], org: "convictus" },
  cFa: { name: "Carl Frälsningsarmén", roles: ["coordinator"], org: "fralsningsarmen" },
  cNg: { name: "Clara Ny Gemenskap", roles: ["coordinator"], org: "nygemenskap" },
  sConv: { name: "Sam Convictus", roles: ["shelter_staff"], org: "convictus" },
  sFa: { name: "Siv Frälsningsarmén", roles: ["shelter_staff"], org: "fralsningsarmen" },
  sNg: { name: "Stig Ny Gemenskap", roles: ["shelter_staff"], org: "nygemenskap" },
  mConv: { name: "Maria Convictus", roles: ["manager"], org: "convictus" },
  dayStaff: { name: "Dag Dagverksamhet", roles: ["shelter_staff"], org: "convictus" },
} as const satisfies Record<string, { name: string; roles: string[]; org: string | null }>;
export type Person = keyof typeof PROFILES;

const ORGS = [
  { key: "convictus", name: "Convictus", org_number: "802012-1581" },
  { key: "fralsningsarmen", name: "Frälsningsarmén", org_number: "802006-1688" },
  { key: "nygemenskap", name: "Ny Gemenskap", org_number: "802006-1019" },
  { key: "stadsmissionen", name: "Stockholms stadsmission", org_number: "802003-1954" },
];
const SHELTERS = [
  { key: "natt-convictus", name: "Convictus natthärbärge", org: "convictus", staff: "sConv" },
  { key: "natt-fa", name: "Frälsningsarméns härbärge", org: "fralsningsarmen", staff: "sFa" },
  { key: "natt-ng", name: "Ny Gemenskaps nattcafé", org: "nygemenskap", staff: "sNg" },
] as const;

/**
 * Seeds the Stockholm EU-citizens partnership: four organisations, three night shelters with one staff member each,
 * a day centre, coordinators, samordning, Socialjouren, a manager, alert channels on both platforms and settings.
 * `identities` says on which platform each person is and under which platform user id (the AAD object id in Teams).
 */
export async function seedAlertsPartnership(
  db: Db,
  partnershipId: string,
  identities: Record<Person, { platform: Platform; id: string }>,
  channels: Record<Platform, string>,
): Promise<{ memberIds: Record<Person, string>; activityIds: Record<string, string> }> {
  await insertPartnership(db, {
    id: partnershipId,
    name: "Utsatta EU-medborgare",
    period_start: "2026-05-01",
    period_end: "2027-04-30",
    extension_step_months: 12,
    extension_deadline: "02-01",
  });
  const orgIds: Record<string, string> = {};
  for (const o of ORGS)
    orgIds[o.key] = (
      await db
        .insertInto("organisations")
        .values({ partnership_id: partnershipId, ...o })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const memberIds = {} as Record<Person, string>;
  for (const [key, p] of Object.entries(PROFILES) as [Person, (typeof PROFILES)[Person]][]) {
    const row = await db
      .insertInto("members")
      .values({
        partnership_id: partnershipId,
        key,
        display_name: p.name,
        organisation_id: p.org === null ? null : orgIds[p.org]!,
        city_unit_id: null,
        locale: "sv",
        roles: [...p.roles],
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    memberIds[key] = row.id;
    await db
      .insertInto("member_identities")
      .values({ partnership_id: partnershipId, member_id: row.id, platform: identities[key].platform, platform_user_id: identities[key].id, position: 0 })
      .execute();
  }
  const activityIds: Record<string, string> = {};
  for (const s of SHELTERS) {
    const row = await db
      .insertInto("activities")
      .values({
        partnership_id: partnershipId,
        organisation_id: orgIds[s.org]!,
        key: s.key,
        name: s.name,
        kind: "night",
        places: 40,
        places_women: 5,
        nights_per_grant: 5,
        nights_per_grant_women: 7,
        karenstid_nights: 2,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    activityIds[s.key] = row.id;
    await db.insertInto("activity_staff").values({ activity_id: row.id, member_id: memberIds[s.staff] }).execute();
  }
  const day = await db
    .insertInto("activities")
    .values({
      partnership_id: partnershipId,
      organisation_id: orgIds.convictus!,
      key: "dag-convictus",
      name: "Convictus dagcenter",
      kind: "day",
      places: 60,
      places_women: 0,
      nights_per_grant: null,
      nights_per_grant_women: null,
      karenstid_nights: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  activityIds["dag-convictus"] = day.id;
  await db.insertInto("activity_staff").values({ activity_id: day.id, member_id: memberIds.dayStaff }).execute();
  for (const [platform, conversation] of Object.entries(channels) as [Platform, string][]) {
    await db.insertInto("channels").values({ partnership_id: partnershipId, platform, conversation, purpose: "alerts", group_id: null }).execute();
  }
  await db
    .insertInto("cold_night_settings")
    .values({
      partnership_id: partnershipId,
      threshold_c: -7,
      season_from: "11-01",
      season_to: "03-31",
      latitude: 59.339222,
      longitude: 18.089437,
      forecast_time: "14:00",
      escalation_minutes: [15, 30, 45],
      declarer_roles: ["samordning", "coordinator", "shelter_staff"],
      close_time: "09:00",
    })
    .execute();
  await db.insertInto("incident_settings").values({ partnership_id: partnershipId, ack_minutes: 30, channel_notice: true, retention_days: 365 }).execute();
  return { memberIds, activityIds };
}
