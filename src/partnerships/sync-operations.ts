import type { Db } from "../db/database.ts";
import type { ChangeCounts, ChangeSummary } from "./change-summary.ts";
import { deactivateRows, hasColumns, planLinks, syncKeyed } from "./keyed-sync.ts";
import type { ActivityInFile } from "./operations.schema.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PeopleIds } from "./sync-people.ts";

/** Brings activities, their staff and the partnership's settings in line with the file. */
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
  await syncSettings(trx, file, summary.settings);
}

async function syncSettings(trx: Db, file: PartnershipFile, counts: ChangeCounts): Promise<void> {
  const partnershipId = file.id;
  const cold = file.coldNights;
  const coldRow = await trx.selectFrom("cold_night_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (cold === undefined) {
    if (coldRow !== undefined) {
      await trx.deleteFrom("cold_night_settings").where("partnership_id", "=", partnershipId).execute();
      counts.removed++;
    }
  } else {
    const values = {
      threshold_c: cold.thresholdC,
      use_feels_like: cold.useFeelsLike,
      season_from: cold.season.from,
      season_to: cold.season.to,
      latitude: cold.coordinates.lat,
      longitude: cold.coordinates.lon,
      forecast_time: cold.forecastTime,
      escalation_minutes: cold.escalationMinutes,
      escalation_repeat_from: cold.escalationRepeat.fromStep,
      escalation_repeat_minutes: cold.escalationRepeat.everyMinutes,
      bed_board_from: cold.bedBoard.from,
      bed_board_roles: cold.bedBoard.roles,
      bed_board_city_units: cold.bedBoard.cityUnits,
      declarer_roles: cold.declarerRoles,
      close_time: cold.closeTime,
    };
    await upsert(coldRow, values, counts, {
      insert: () =>
        trx
          .insertInto("cold_night_settings")
          .values({ partnership_id: partnershipId, ...values })
          .execute(),
      update: () => trx.updateTable("cold_night_settings").set(values).where("partnership_id", "=", partnershipId).execute(),
    });
  }

  const incidents = { ack_minutes: file.incidents.ackMinutes, channel_notice: file.incidents.channelNotice, retention_days: file.incidents.retentionDays };
  await upsert(await trx.selectFrom("incident_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst(), incidents, counts, {
    insert: () =>
      trx
        .insertInto("incident_settings")
        .values({ partnership_id: partnershipId, ...incidents })
        .execute(),
    update: () => trx.updateTable("incident_settings").set(incidents).where("partnership_id", "=", partnershipId).execute(),
  });

  const reportRow = await trx.selectFrom("report_settings").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (file.reports === undefined) {
    if (reportRow !== undefined) {
      await trx.deleteFrom("report_settings").where("partnership_id", "=", partnershipId).execute();
      counts.removed++;
    }
    return;
  }
  const settings = JSON.stringify(file.reports);
  await upsert(reportRow, { settings: file.reports }, counts, {
    insert: () => trx.insertInto("report_settings").values({ partnership_id: partnershipId, settings }).execute(),
    update: () => trx.updateTable("report_settings").set({ settings }).where("partnership_id", "=", partnershipId).execute(),
  });
}

async function upsert(
  row: object | undefined,
  values: Record<string, unknown>,
  counts: ChangeCounts,
  write: { insert(): Promise<unknown>; update(): Promise<unknown> },
): Promise<void> {
  if (row === undefined) {
    await write.insert();
    counts.created++;
  } else if (!hasColumns(row, values)) {
    await write.update();
    counts.updated++;
  }
}
