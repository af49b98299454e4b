import type { Db } from "../db/database.ts";

/** A night shelter or day centre, with the members who staff it. */
export interface Activity {
  id: string;
  partnershipId: string;
  organisationId: string;
  key: string;
  name: string;
  kind: "night" | "day";
  places: number;
  placesWomen: number;
  nightsPerGrant: number | null;
  nightsPerGrantWomen: number | null;
  karenstidNights: number | null;
  /** Active members on the activity's staff. */
  staffMemberIds: string[];
}

/** The active activities of a partnership, by key. */
export async function activitiesOf(db: Db, partnershipId: string, kind?: Activity["kind"]): Promise<Activity[]> {
  let query = db.selectFrom("activities").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true);
  if (kind !== undefined) query = query.where("kind", "=", kind);
  const rows = await query.orderBy("key").execute();
  if (rows.length === 0) return [];
  const staff = await db
    .selectFrom("activity_staff")
    .innerJoin("members", "members.id", "activity_staff.member_id")
    .select(["activity_staff.activity_id", "activity_staff.member_id"])
    .where(
      "activity_staff.activity_id",
      "in",
      rows.map((r) => r.id),
    )
    .where("members.active", "=", true)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    organisationId: r.organisation_id,
    key: r.key,
    name: r.name,
    kind: r.kind,
    places: r.places,
    placesWomen: r.places_women,
    nightsPerGrant: r.nights_per_grant,
    nightsPerGrantWomen: r.nights_per_grant_women,
    karenstidNights: r.karenstid_nights,
    staffMemberIds: staff.filter((s) => s.activity_id === r.id).map((s) => s.member_id),
  }));
}
