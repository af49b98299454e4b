import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { ChangeSummary } from "./change-summary.ts";
import { deactivateRows, planLinks, syncKeyed } from "./keyed-sync.ts";
import { listIdentities, type CityUnitInFile, type MemberInFile, type OrganisationInFile } from "./member.schema.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";

/** Key → id of the file's organisations, city units and members after the sync. */
export interface PeopleIds {
  organisations: Map<string, string>;
  cityUnits: Map<string, string>;
  members: Map<string, string>;
}

/** Brings organisations, city units, members and their chat identities in line with the file. */
export async function syncPeople(trx: Db, file: PartnershipFile, clock: Clock, summary: ChangeSummary): Promise<PeopleIds> {
  const partnershipId = file.id;
  const organisationColumns = (o: OrganisationInFile) => ({ name: o.name, org_number: o.orgNumber ?? null, active: true });
  const organisations = await syncKeyed(
    await trx.selectFrom("organisations").selectAll().where("partnership_id", "=", partnershipId).execute(),
    file.organisations,
    {
      columns: organisationColumns,
      insert: async (o) =>
        (
          await trx
            .insertInto("organisations")
            .values({ partnership_id: partnershipId, key: o.key, ...organisationColumns(o) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, o) => {
        await trx.updateTable("organisations").set(organisationColumns(o)).where("id", "=", row.id).execute();
      },
      deactivate: (rows) => deactivateRows(trx, "organisations", rows),
    },
    summary.organisations,
  );

  const cityUnitColumns = (u: CityUnitInFile) => ({ name: u.name, active: true });
  const cityUnits = await syncKeyed(
    await trx.selectFrom("city_units").selectAll().where("partnership_id", "=", partnershipId).execute(),
    file.cityUnits,
    {
      columns: cityUnitColumns,
      insert: async (u) =>
        (
          await trx
            .insertInto("city_units")
            .values({ partnership_id: partnershipId, key: u.key, ...cityUnitColumns(u) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, u) => {
        await trx.updateTable("city_units").set(cityUnitColumns(u)).where("id", "=", row.id).execute();
      },
      deactivate: (rows) => deactivateRows(trx, "city_units", rows),
    },
    summary.cityUnits,
  );

  const memberRows = await trx.selectFrom("members").selectAll().where("partnership_id", "=", partnershipId).execute();
  // A language the member chose in chat outranks the file's: the file says what a newcomer gets.
  const chosenLocales = new Map(memberRows.filter((r) => r.locale_chosen_at !== null).map((r) => [r.key, r.locale]));
  const memberColumns = (m: MemberInFile) => ({
    display_name: m.name,
    organisation_id: m.organisation === undefined ? null : (organisations.get(m.organisation) ?? null),
    city_unit_id: m.cityUnit === undefined ? null : (cityUnits.get(m.cityUnit) ?? null),
    locale: chosenLocales.get(m.key) ?? m.locale ?? file.locale,
    roles: m.roles,
    email: m.email ?? null,
    active: true,
    deactivated_at: null,
  });
  const members = await syncKeyed(
    memberRows,
    file.members,
    {
      columns: memberColumns,
      insert: async (m) =>
        (
          await trx
            .insertInto("members")
            .values({ partnership_id: partnershipId, key: m.key, ...memberColumns(m) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, m) => {
        await trx.updateTable("members").set(memberColumns(m)).where("id", "=", row.id).execute();
      },
      // Deactivated, never deleted: meetings, alerts and reports keep pointing at who did what.
      deactivate: async (rows) => {
        await trx
          .updateTable("members")
          .set({ active: false, deactivated_at: clock.now() })
          .where(
            "id",
            "in",
            rows.map((r) => r.id),
          )
          .execute();
      },
    },
    summary.members,
  );

  await syncIdentities(trx, file, members, summary);
  return { organisations, cityUnits, members };
}

// Only the file's (active) members keep identities: a deactivated member's ids are released for someone else.
async function syncIdentities(trx: Db, file: PartnershipFile, members: Map<string, string>, summary: ChangeSummary): Promise<void> {
  const existing = await trx
    .selectFrom("member_identities")
    .select(["id", "member_id", "platform", "platform_user_id", "position"])
    .where("partnership_id", "=", file.id)
    .execute();
  const wanted = file.members.flatMap((m) =>
    listIdentities(m.identities).map(({ platform, userId }, position) => ({
      id: "",
      member_id: members.get(m.key) ?? "",
      platform,
      platform_user_id: userId,
      position,
    })),
  );
  const { remove, add } = planLinks(existing, wanted, (i) => `${i.member_id} ${i.platform} ${i.platform_user_id} ${i.position}`);
  // Removed first, so an id moving from one member to another never meets the uniqueness constraint twice.
  if (remove.length > 0)
    await trx
      .deleteFrom("member_identities")
      .where(
        "id",
        "in",
        remove.map((i) => i.id),
      )
      .execute();
  if (add.length > 0) {
    await trx
      .insertInto("member_identities")
      .values(add.map(({ id: _id, ...i }) => ({ ...i, partnership_id: file.id })))
      .execute();
  }
  summary.identities.removed += remove.length;
  summary.identities.created += add.length;
}
