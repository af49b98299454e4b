import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";

/** A partnership as reporting needs it: names, time zone, agreement period and extension terms. */
export interface ReportingPartnership {
  id: string;
  name: string;
  timeZone: string;
  locale: Locale;
  periodStart: string;
  periodEnd: string;
  extensionUntil: string | null;
  extensionDeadline: string | null;
}

/** An organisation that reports. */
export interface ReportingOrganisation {
  id: string;
  key: string;
  name: string;
}

/** Who is who for reporting: organisations, their coordinators, the partnership coordinator, the styrgrupp. */
export function createReportDirectory(db: Db) {
  return {
    async partnership(id: string): Promise<ReportingPartnership | undefined> {
      const row = await db.selectFrom("partnerships").selectAll().where("id", "=", id).executeTakeFirst();
      return (
        row && {
          id: row.id,
          name: row.name,
          timeZone: row.time_zone,
          locale: row.locale as Locale,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          extensionUntil: row.extension_until,
          extensionDeadline: row.extension_deadline,
        }
      );
    },
    async organisations(partnershipId: string): Promise<ReportingOrganisation[]> {
      return db
        .selectFrom("organisations")
        .select(["id", "key", "name"])
        .where("partnership_id", "=", partnershipId)
        .where("active", "=", true)
        .orderBy("name")
        .execute();
    },
    async organisation(id: string): Promise<ReportingOrganisation | undefined> {
      return db.selectFrom("organisations").select(["id", "key", "name"]).where("id", "=", id).executeTakeFirst();
    },
    /** Active members with the coordinator role in the organisation. */
    async coordinatorsOf(organisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom("members")
        .select("id")
        .where("organisation_id", "=", organisationId)
        .where("active", "=", true)
        .where((eb) => eb(eb.val("coordinator"), "=", eb.fn.any("roles")))
        .orderBy("key")
        .execute();
      return rows.map((r) => r.id);
    },
    async memberByKey(partnershipId: string, key: string): Promise<{ id: string; displayName: string } | undefined> {
      return db
        .selectFrom("members")
        .select(["id", "display_name as displayName"])
        .where("partnership_id", "=", partnershipId)
        .where("key", "=", key)
        .where("active", "=", true)
        .executeTakeFirst();
    },
    async displayName(memberId: string): Promise<string> {
      const row = await db.selectFrom("members").select("display_name").where("id", "=", memberId).executeTakeFirst();
      return row?.display_name ?? "?";
    },
    /** The partnership's active steering groups and their active members. */
    async styrgrupper(partnershipId: string): Promise<{ id: string; name: string; memberIds: string[] }[]> {
      const groups = await db
        .selectFrom("groups")
        .select(["id", "name"])
        .where("partnership_id", "=", partnershipId)
        .where("kind", "=", "styrgrupp")
        .where("active", "=", true)
        .execute();
      const result = [];
      for (const group of groups) {
        const members = await db
          .selectFrom("group_members as gm")
          .innerJoin("members as m", "m.id", "gm.member_id")
          .select("m.id")
          .where("gm.group_id", "=", group.id)
          .where("m.active", "=", true)
          .execute();
        result.push({ ...group, memberIds: members.map((m) => m.id) });
      }
      return result;
    },
  };
}
