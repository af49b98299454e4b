import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database, Db } from "../db/database.ts";
import type { Catalogue } from "../shared/i18n.ts";
import type { ChangeCounts } from "./change-summary.ts";
import { hasColumns } from "./keyed-sync.ts";

/** The lists of a partnership file whose keys a section may refer to. */
export type ReferenceList = "organisations" | "cityUnits" | "groups" | "members" | "activities";

/** What a section's reference check may ask of the rest of the file. */
export interface SectionReferences {
  /** Reports `key` at `path` (inside the section) as unknown unless `list` has it; undefined keys are left alone. */
  resolve(list: ReferenceList, key: string | undefined, path: readonly (string | number)[]): void;
}

/**
 * A capability's part of the partnership file (`coldNights:`, `reports:`): the key it sits under, its schema with
 * defaults, and how it is stored, exported and checked. The capability owns it and exports it from its index; the
 * composition root hands every section to `createPartnershipFiles`, so partnerships/ never imports a capability. A
 * section is a plain value beside the capability's `Feature`, not on it: importing and exporting files (the CLI, the
 * example seed) needs no notifier, queue or chat.
 */
export interface PartnershipSection<T = unknown> {
  /** The top-level key in the file, camelCase. */
  key: string;
  /** The section's schema with its defaults; `.optional()` when the file may leave it out, `.prefault({})` when it defaults. */
  schema: z.ZodType<T>;
  /** Checks what the section cannot check alone: keys it names from the rest of the file. Not called for an absent section. */
  checkReferences?(value: NonNullable<T>, refs: SectionReferences): void;
  /** Brings the stored settings in line with `value` inside the import's transaction, counting what it changed; an identical value writes nothing. */
  sync(trx: Db, partnershipId: string, value: T, counts: ChangeCounts): Promise<void>;
  /** The stored settings as the file writes them (re-importing them changes nothing); undefined leaves the key out. */
  export(db: Db, partnershipId: string): Promise<unknown>;
  /** The texts of the section's own reasons to refuse a file (`refusedBecause` in its schema), `{name}` filled from the issue. */
  messages?: Catalogue<string>;
}

/** What a section's own refusal carries: its reason, a key of the section's `messages`, and the values its text names. */
export type SectionIssueParams = { sectionReason: string } & Record<string, string | number>;

/** Refinement options for a section's own reason to refuse a value; the file's reader shows the section's text for it. */
export function refusedBecause(reason: string, extra: Record<string, string | number> = {}) {
  return { params: { sectionReason: reason, ...extra } satisfies SectionIssueParams, abort: true };
}

/** A table of one row per partnership holding a section's settings, keyed by `partnership_id`. */
export type SettingsTable = { [T in keyof Database]: Database[T] extends { partnership_id: string } ? T : never }[keyof Database];

// The section types its columns (`values`); here the table is only a name with a `partnership_id`.
type SettingsRows = Kysely<Record<string, { partnership_id: string } & Record<string, unknown>>>;

/**
 * Brings a section's one row per partnership in `table` in line with `values` (undefined: the file has no such
 * section): inserts, updates only when a column differs (arrays and JSON compared by value), or deletes the row, and
 * counts which. `encode` turns the values into what the columns take (JSON text for a jsonb column).
 */
export async function syncSettingsRow<V extends Record<string, unknown>>(
  trx: Db,
  table: SettingsTable,
  partnershipId: string,
  values: V | undefined,
  counts: ChangeCounts,
  encode: (values: V) => Record<string, unknown> = (v) => v,
): Promise<void> {
  const rows = trx as unknown as SettingsRows;
  const row = await rows.selectFrom(table).selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (values === undefined) {
    if (row === undefined) return;
    await rows.deleteFrom(table).where("partnership_id", "=", partnershipId).execute();
    counts.removed++;
  } else if (row === undefined) {
    await rows
      .insertInto(table)
      .values({ ...encode(values), partnership_id: partnershipId })
      .execute();
    counts.created++;
  } else if (!hasColumns(row, values)) {
    await rows.updateTable(table).set(encode(values)).where("partnership_id", "=", partnershipId).execute();
    counts.updated++;
  }
}
