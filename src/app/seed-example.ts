import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/database.ts";
import type { PartnershipFiles } from "../partnerships/index.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";

/** The example a fresh local installation starts with: the Stockholm EU-citizens IOP (seed 001). */
const STOCKHOLM_EXAMPLE = path.resolve(import.meta.dirname, "../../examples/stockholm-eu-medborgare.yaml");

/** What an operator with an empty production database is told: how to import their partnership. */
export const HOW_TO_IMPORT =
  "The database has no partnership yet, and Samverka does not invent one outside the embedded local database: nobody can use the bot until a partnership is imported. " +
  "Describe yours in a YAML file (examples/README.md documents every field; examples/ has three real partnerships to start from) and import it with " +
  "`npm run samverka -- import path/to/partnership.yaml` (add --dry-run first to see what it would change), with the same DATABASE_URL.";

/**
 * Imports the Stockholm example when the database has no partnership yet, so a newcomer can chat at once; only into
 * the embedded local PostgreSQL (`embedded`): a production database (DATABASE_URL) never gets made-up people, its
 * operator is told how to import instead. True when it imported.
 */
export async function seedExampleIfEmpty(db: Db, files: PartnershipFiles, clock: Clock, logger: Logger, options: { embedded: boolean }): Promise<boolean> {
  const any = await db.selectFrom("partnerships").select("id").limit(1).executeTakeFirst();
  if (any !== undefined) return false;
  if (!options.embedded) {
    logger.warn(HOW_TO_IMPORT);
    return false;
  }
  const file = files.parse(await readFile(STOCKHOLM_EXAMPLE, "utf8"), STOCKHOLM_EXAMPLE);
  await files.import(db, file, { clock });
  logger.info(
    { partnership: file.id, file: path.relative(process.cwd(), STOCKHOLM_EXAMPLE) },
    "no partnership yet: imported the Stockholm example into the embedded local database",
  );
  return true;
}
