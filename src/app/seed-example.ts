import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/database.ts";
import { importPartnership } from "../partnerships/import-partnership.ts";
import { parsePartnershipFile } from "../partnerships/read-partnership-file.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";

/** The example a fresh installation starts with: the Stockholm EU-citizens IOP (seed 001). */
const STOCKHOLM_EXAMPLE = path.resolve(import.meta.dirname, "../../examples/stockholm-eu-medborgare.yaml");

/** Imports the Stockholm example when the database has no partnership yet, so a newcomer can chat at once; true when it did. */
export async function seedExampleIfEmpty(db: Db, clock: Clock, logger: Logger): Promise<boolean> {
  const any = await db.selectFrom("partnerships").select("id").limit(1).executeTakeFirst();
  if (any !== undefined) return false;
  const file = parsePartnershipFile(await readFile(STOCKHOLM_EXAMPLE, "utf8"), STOCKHOLM_EXAMPLE);
  await importPartnership(db, file, { clock });
  logger.info({ partnership: file.id, file: path.relative(process.cwd(), STOCKHOLM_EXAMPLE) }, "no partnership yet: imported the Stockholm example");
  return true;
}
