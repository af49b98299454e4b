import type { Selectable } from "kysely";
import type { PartnershipTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Partnership } from "./partnership.ts";

/** The agreement period and how it can be extended (dates `2019-05-01`, deadline `02-01`). */
export interface PartnershipPeriod {
  start: string;
  end: string;
  extension: { stepMonths: number; until: string; agreementDeadline: string | null } | null;
}

/** A partnership with its agreement period. */
export interface PartnershipDetails extends Partnership {
  period: PartnershipPeriod;
}

/** An organisation of a partnership; `orgNumber` is null where the decision gives none. */
export interface Organisation {
  id: string;
  partnershipId: string;
  key: string;
  name: string;
  orgNumber: string | null;
}

/** The partnership `id`, or undefined if no file with that id was imported. */
export async function findPartnership(db: Db, id: string): Promise<PartnershipDetails | undefined> {
  const row = await db.selectFrom("partnerships").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : toPartnership(row);
}

/** Every partnership of this deployment, by id. */
export async function listPartnerships(db: Db): Promise<PartnershipDetails[]> {
  const rows = await db.selectFrom("partnerships").selectAll().orderBy("id").execute();
  return rows.map(toPartnership);
}

/** The active organisations of a partnership, by name. */
export async function listOrganisations(db: Db, partnershipId: string): Promise<Organisation[]> {
  const rows = await db
    .selectFrom("organisations")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("active", "=", true)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ id: r.id, partnershipId: r.partnership_id, key: r.key, name: r.name, orgNumber: r.org_number }));
}

function toPartnership(row: Selectable<PartnershipTable>): PartnershipDetails {
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    timeZone: row.time_zone,
    locale: row.locale as Locale,
    period: {
      start: row.period_start,
      end: row.period_end,
      extension:
        row.extension_step_months === null || row.extension_until === null
          ? null
          : { stepMonths: row.extension_step_months, until: row.extension_until, agreementDeadline: row.extension_deadline },
    },
  };
}
