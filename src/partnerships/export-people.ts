import type { Db } from "../db/database.ts";

type Identities = { slack?: string | string[]; teams?: string | string[] };

/** The active organisations, city units and members of a partnership in file form, ordered by key. */
export async function exportPeople(db: Db, partnershipId: string, partnershipLocale: string) {
  const organisations = await db
    .selectFrom("organisations")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .orderBy("key")
    .execute();
  const cityUnits = await db
    .selectFrom("city_units")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .orderBy("key")
    .execute();
  const members = await db.selectFrom("members").selectAll().where("partnership_id", "=", partnershipId).where("active", "=", true).orderBy("key").execute();
  const identities = await db.selectFrom("member_identities").selectAll().where("partnership_id", "=", partnershipId).orderBy("position").execute();
  const organisationKeys = new Map(organisations.map((o) => [o.id, o.key]));
  const cityUnitKeys = new Map(cityUnits.map((u) => [u.id, u.key]));

  return {
    organisationKeys,
    organisations: organisations.map((o) => ({ key: o.key, name: o.name, ...(o.org_number === null ? {} : { orgNumber: o.org_number }) })),
    cityUnits: cityUnits.map((u) => ({ key: u.key, name: u.name })),
    members: members.map((m) => ({
      key: m.key,
      name: m.display_name,
      ...(m.organisation_id === null ? {} : { organisation: organisationKeys.get(m.organisation_id) }),
      ...(m.city_unit_id === null ? {} : { cityUnit: cityUnitKeys.get(m.city_unit_id) }),
      ...(m.locale === partnershipLocale ? {} : { locale: m.locale }),
      roles: m.roles,
      identities: identitiesInFile(identities.filter((i) => i.member_id === m.id)),
      ...(m.email === null ? {} : { email: m.email }),
    })),
  };
}

// Grouped by platform in the order the platforms first appear, so the primary identity stays first.
function identitiesInFile(rows: readonly { platform: "slack" | "teams"; platform_user_id: string }[]): Identities {
  const byPlatform = new Map<"slack" | "teams", string[]>();
  for (const row of rows) byPlatform.set(row.platform, [...(byPlatform.get(row.platform) ?? []), row.platform_user_id]);
  return Object.fromEntries([...byPlatform].map(([platform, ids]) => [platform, ids.length === 1 ? ids[0] : ids]));
}
