import type { Db } from "../db/database.ts";
import type { ChangeSummary } from "./change-summary.ts";
import { deactivateRows, planLinks, syncKeyed } from "./keyed-sync.ts";
import type { ActivityInFile } from "./operations.schema.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PeopleIds } from "./sync-people.ts";

/** Brings activities and their staff in line with the file. */
export async function syncOperations(trx: Db, file: PartnershipFile, ids: PeopleIds, summary: ChangeSummary): Promise<void> {
  const columns = (a: ActivityInFile) => ({
    organisation_id: ids.organisations.get(a.organisation) ?? "",
    name: a.name,
    kind: a.kind,
    places: a.places,
    places_women: a.placesWomen,
    nights_per_grant: a.nightsPerGrant ?? null,
    nights_per_grant_women: a.nightsPerGrantWomen ?? null,
    karenstid_nights: a.karenstidNights ?? null,
    active: true,
  });
  const activities = await syncKeyed(
    await trx.selectFrom("activities").selectAll().where("partnership_id", "=", file.id).execute(),
    file.activities,
    {
      columns,
      insert: async (a) =>
        (
          await trx
            .insertInto("activities")
            .values({ partnership_id: file.id, key: a.key, ...columns(a) })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      update: async (row, a) => {
        await trx.updateTable("activities").set(columns(a)).where("id", "=", row.id).execute();
      },
      deactivate: (rows) => deactivateRows(trx, "activities", rows),
    },
    summary.activities,
  );

  const activityIds = [...activities.values()];
  if (activityIds.length > 0) {
    const existing = await trx.selectFrom("activity_staff").selectAll().where("activity_id", "in", activityIds).execute();
    const wanted = file.activities.flatMap((a) => a.staff.map((s) => ({ activity_id: activities.get(a.key) ?? "", member_id: ids.members.get(s) ?? "" })));
    const { remove, add } = planLinks(existing, wanted, (s) => `${s.activity_id} ${s.member_id}`);
    for (const s of remove) {
      await trx.deleteFrom("activity_staff").where("activity_id", "=", s.activity_id).where("member_id", "=", s.member_id).execute();
    }
    if (add.length > 0) await trx.insertInto("activity_staff").values(add).execute();
    summary.activityStaff.removed += remove.length;
    summary.activityStaff.created += add.length;
  }
}
