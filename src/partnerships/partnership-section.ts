import type { z } from "zod";
import type { Db } from "../db/database.ts";
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
 * composition root hands every section to `createPartnershipFiles`, so partnerships/ never imports a capability.
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

/** How a section's one row per partnership is written; `remove` for a section the file may leave out. */
export interface SettingsRowWrites<V> {
  insert(values: V): Promise<unknown>;
  update(values: V): Promise<unknown>;
  remove?(): Promise<unknown>;
}

/**
 * Brings a section's one row per partnership in line with `values` (undefined: the file has no such section): inserts,
 * updates only when a column differs (arrays and JSON compared by value), or removes it, and counts which.
 */
export async function syncSettingsRow<V extends Record<string, unknown>>(
  row: object | undefined,
  values: V | undefined,
  counts: ChangeCounts,
  write: SettingsRowWrites<V>,
): Promise<void> {
  if (values === undefined) {
    if (row === undefined || write.remove === undefined) return;
    await write.remove();
    counts.removed++;
  } else if (row === undefined) {
    await write.insert(values);
    counts.created++;
  } else if (!hasColumns(row, values)) {
    await write.update(values);
    counts.updated++;
  }
}
