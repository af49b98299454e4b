import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createChangeSummary, hasChanges, type ChangeSummary } from "./change-summary.ts";
import { hasColumns } from "./keyed-sync.ts";
import type { PartnershipFile } from "./partnership-file.schema.ts";
import type { PartnershipSection } from "./partnership-section.ts";
import { applyPeriodDecisions, listPeriodDecisions } from "./period-decision.ts";
import { syncGroups } from "./sync-groups.ts";
import { syncOperations } from "./sync-operations.ts";
import { syncPeople } from "./sync-people.ts";

/** What an import did (or, in a dry run, would do). */
export interface ImportResult {
  partnershipId: string;
  changed: boolean;
  summary: ChangeSummary;
}

// Thrown inside the transaction to roll a dry run back after the summary is known.
class DryRunRollback extends Error {
  readonly summary: ChangeSummary;
  constructor(summary: ChangeSummary) {
    super("dry run");
    this.summary = summary;
  }
}

/**
 * Upserts a validated partnership file in one transaction. An identical file writes nothing; entities removed
 * from the file are deactivated, never deleted; `dryRun` computes the summary and rolls everything back.
 */
export async function importPartnership(
  db: Db,
  file: PartnershipFile,
  sections: readonly PartnershipSection[],
  options: { clock: Clock; dryRun?: boolean },
): Promise<ImportResult> {
  try {
    const summary = await db.transaction().execute(async (trx) => {
      // Two imports of the same partnership at once would race on the same keys: serialise them.
      await sql`select pg_advisory_xact_lock(hashtext(${`samverka:partnership:${file.id}`}))`.execute(trx);
      const summary = createChangeSummary();
      await syncPartnershipRow(trx, file, options.clock, summary);
      const people = await syncPeople(trx, file, options.clock, summary);
      await syncGroups(trx, file, people.members, summary);
      await syncOperations(trx, file, people, summary);
      for (const section of sections) await section.sync(trx, file.id, file[section.key], summary.settings);
      if (hasChanges(summary)) await recordImport(trx, file.id, summary, options.clock);
      if (options.dryRun === true) throw new DryRunRollback(summary);
      return summary;
    });
    return { partnershipId: file.id, changed: hasChanges(summary), summary };
  } catch (error) {
    if (error instanceof DryRunRollback) return { partnershipId: file.id, changed: hasChanges(error.summary), summary: error.summary };
    throw error;
  }
}

async function syncPartnershipRow(trx: Db, file: PartnershipFile, clock: Clock, summary: ChangeSummary): Promise<void> {
  const extension = file.period.extension;
  // A decision recorded in chat (extended, ending) stands until the file itself moves past that period end.
  const period = applyPeriodDecisions({ end: file.period.end, extensionUntil: extension?.until ?? null }, await listPeriodDecisions(trx, file.id));
  const columns = {
    name: file.name,
    city: file.city,
    time_zone: file.timeZone,
    locale: file.locale,
    period_start: file.period.start,
    period_end: period.end,
    extension_step_months: extension?.stepMonths ?? null,
    extension_until: period.extensionUntil,
    extension_deadline: extension?.agreementDeadline ?? null,
  };
  const row = await trx.selectFrom("partnerships").selectAll().where("id", "=", file.id).executeTakeFirst();
  if (row === undefined) {
    await trx
      .insertInto("partnerships")
      .values({ id: file.id, ...columns, created_at: clock.now(), updated_at: clock.now() })
      .execute();
    summary.partnership.created++;
  } else if (!hasColumns(row, columns)) {
    await trx.updateTable("partnerships").set(columns).where("id", "=", file.id).execute();
    summary.partnership.updated++;
  }
}

// One audit event per import that changed something; `updated_at` moves only then.
async function recordImport(trx: Db, partnershipId: string, summary: ChangeSummary, clock: Clock): Promise<void> {
  const at = clock.now();
  await trx.updateTable("partnerships").set({ updated_at: at }).where("id", "=", partnershipId).execute();
  const details = Object.fromEntries(Object.entries(summary).filter(([, counts]) => Object.values(counts).some((n) => n > 0)));
  await trx
    .insertInto("audit_events")
    .values({
      partnership_id: partnershipId,
      actor_member_id: null,
      action: "partnership.imported",
      subject_type: "partnership",
      subject_id: partnershipId,
      details: JSON.stringify(details),
      at,
    })
    .execute();
}
