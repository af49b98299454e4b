import { sql } from "kysely";
import { DateTime } from "luxon";
import type { Db } from "../db/database.ts";
import { findPartnership, type PartnershipPeriod } from "./partnership.repository.ts";

/** What the styrgrupp decided about the current period: extended (to a date, or by one step) or ending with it. */
export type PeriodDecision = { kind: "extended"; until?: string } | { kind: "ending" };

/** Why a decision could not be recorded; the fields say what holds instead. */
export type PeriodDecisionRefusal =
  | { reason: "not_found" }
  | { reason: "no_extension"; end: string }
  | { reason: "already_decided"; end: string; decision: "extended" | "ending"; decidedAt: Date }
  | { reason: "not_after_end"; end: string }
  | { reason: "beyond_limit"; end: string; limit: string };

/** A recorded decision: the period as it was and as it is now. */
export interface RecordedPeriodDecision {
  decision: "extended" | "ending";
  before: PartnershipPeriod;
  after: PartnershipPeriod;
}

/** The period end one extension step after `end` (30 April stays the last day of April; 28 February becomes 29th in a leap year). */
export function endAfterStep(end: string, stepMonths: number): string {
  return DateTime.fromISO(end, { zone: "utc" }).plus({ days: 1 }).plus({ months: stepMonths }).minus({ days: 1 }).toISODate()!;
}

/**
 * The period the partnership file gives, with the decisions recorded in chat applied in order: an extension moves
 * the end, an ending closes further extension. A decision about another end (the file already moved on) is history.
 */
export function applyPeriodDecisions(
  period: { end: string; extensionUntil: string | null },
  decisions: readonly { decision: "extended" | "ending"; period_end_before: string; period_end_after: string }[],
): { end: string; extensionUntil: string | null } {
  let { end, extensionUntil } = period;
  for (const d of decisions) {
    if (d.period_end_before !== end) continue;
    end = d.period_end_after;
    if (d.decision === "ending" && extensionUntil !== null) extensionUntil = end;
  }
  return { end, extensionUntil };
}

/** The decisions recorded for a partnership, oldest first. */
export async function listPeriodDecisions(db: Db, partnershipId: string) {
  return db.selectFrom("period_decisions").selectAll().where("partnership_id", "=", partnershipId).orderBy("decided_at").orderBy("period_end_before").execute();
}

/**
 * Records the decision on the current period in one transaction (serialised with imports of the same partnership):
 * the decision row, the partnership's period columns and an audit event.
 */
export async function recordPeriodDecision(
  db: Db,
  partnershipId: string,
  decision: PeriodDecision,
  by: { memberId: string; at: Date },
): Promise<{ ok: true; recorded: RecordedPeriodDecision } | ({ ok: false } & PeriodDecisionRefusal)> {
  // Inside the caller's transaction when it has one (a unit of work that also plans and notifies), else its own.
  const inTransaction = <T>(fn: (trx: Db) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return inTransaction(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`samverka:partnership:${partnershipId}`}))`.execute(trx);
    const partnership = await findPartnership(trx, partnershipId);
    if (partnership === undefined) return { ok: false, reason: "not_found" };
    const before = partnership.period;
    const earlier = await trx
      .selectFrom("period_decisions")
      .selectAll()
      .where("partnership_id", "=", partnershipId)
      .where("period_end_before", "=", before.end)
      .executeTakeFirst();
    if (earlier !== undefined) return { ok: false, reason: "already_decided", end: before.end, decision: earlier.decision, decidedAt: earlier.decided_at };
    const refusal = checkDecision(before, decision);
    if (refusal !== undefined) return { ok: false, ...refusal };
    const extension = before.extension!;
    const newEnd =
      decision.kind === "ending" ? before.end : (decision.until ?? minDate(endAfterStep(before.end, extension?.stepMonths ?? 12), extension.until));
    const after: PartnershipPeriod = {
      ...before,
      end: newEnd,
      extension: extension === null ? null : { ...extension, until: decision.kind === "ending" ? before.end : extension.until },
    };
    await trx
      .insertInto("period_decisions")
      .values({
        partnership_id: partnershipId,
        decision: decision.kind === "ending" ? "ending" : "extended",
        period_end_before: before.end,
        period_end_after: newEnd,
        decided_by_member_id: by.memberId,
        decided_at: by.at,
      })
      .execute();
    await trx
      .updateTable("partnerships")
      .set({ period_end: after.end, extension_until: after.extension?.until ?? null, updated_at: by.at })
      .where("id", "=", partnershipId)
      .execute();
    await trx
      .insertInto("audit_events")
      .values({
        partnership_id: partnershipId,
        actor_member_id: by.memberId,
        action: `partnership.period-${decision.kind}`,
        subject_type: "partnership",
        subject_id: partnershipId,
        details: JSON.stringify({ before: before.end, after: newEnd }),
        at: by.at,
      })
      .execute();
    return { ok: true, recorded: { decision: decision.kind, before, after } };
  });
}

function checkDecision(period: PartnershipPeriod, decision: PeriodDecision): PeriodDecisionRefusal | undefined {
  if (decision.kind === "ending") return undefined;
  const extension = period.extension;
  if (extension === null || extension.until <= period.end) return { reason: "no_extension", end: period.end };
  if (decision.until !== undefined && decision.until <= period.end) return { reason: "not_after_end", end: period.end };
  if (decision.until !== undefined && decision.until > extension.until) return { reason: "beyond_limit", end: period.end, limit: extension.until };
  return undefined;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
