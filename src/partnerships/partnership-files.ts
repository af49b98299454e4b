import type { z } from "zod";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Locale } from "../shared/i18n.ts";
import { exportPartnership } from "./export-partnership.ts";
import { importPartnership, type ImportResult } from "./import-partnership.ts";
import { composePartnershipFileSchema, type PartnershipFile } from "./partnership-file.schema.ts";
import type { PartnershipSection } from "./partnership-section.ts";
import { parsePartnershipFile } from "./read-partnership-file.ts";

/** Partnership files with the capabilities' sections: reading, importing and exporting all see the same sections. */
export interface PartnershipFiles {
  /** The composed schema: the partnership's own keys, every section, every reference check. */
  readonly schema: z.ZodType<PartnershipFile>;
  /** Parses and validates a file; throws `partnership_file_invalid` naming the line and field of each problem, in `locale`. */
  parse(text: string, fileName: string, locale?: Locale): PartnershipFile;
  /** Upserts a validated file in one transaction, each section syncing its settings inside it. */
  import(db: Db, file: PartnershipFile, options: { clock: Clock; dryRun?: boolean }): Promise<ImportResult>;
  /** The partnership as a file that re-imports without changes; undefined if there is none. */
  export(db: Db, partnershipId: string): Promise<PartnershipFile | undefined>;
}

/** Composes `sections` (each owned by its capability, in file order) into the one way partnership files are handled. */
export function createPartnershipFiles(sections: readonly PartnershipSection[]): PartnershipFiles {
  const schema = composePartnershipFileSchema(sections);
  return {
    schema,
    parse: (text, fileName, locale) => parsePartnershipFile({ schema, sections }, text, fileName, locale),
    import: (db, file, options) => importPartnership(db, file, sections, options),
    export: (db, partnershipId) => exportPartnership(db, partnershipId, sections, schema),
  };
}
