import type { Redis } from "ioredis";
import type { Logger } from "../src/shared/logger.ts";

/** What Redis says about keeping queued jobs: its eviction policy and whether it persists (undefined: not known). */
export interface RedisDurability {
  maxmemoryPolicy: string | undefined;
  /** RDB snapshot schedule (`save`); "" means none. */
  save: string | undefined;
  appendonly: boolean | undefined;
}

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  const [, value] = await redis.config("GET", name);
  return value;
}

/** Reads the settings; managed Redis often forbids CONFIG, so INFO answers what it can. */
export async function readRedisDurability(redis: Redis): Promise<RedisDurability> {
  try {
    const [maxmemoryPolicy, save, appendonly] = await Promise.all([
      configValue(redis, "maxmemory-policy"),
      configValue(redis, "save"),
      configValue(redis, "appendonly"),
    ]);
    return { maxmemoryPolicy, save, appendonly: appendonly === undefined ? undefined : appendonly === "yes" };
  } catch {
    const [memory, persistence] = await Promise.all([redis.info("memory"), redis.info("persistence")]);
    const aof = infoField(persistence, "aof_enabled");
    // INFO does not show the snapshot schedule, so only AOF tells persistence for certain.
    return { maxmemoryPolicy: infoField(memory, "maxmemory_policy"), save: undefined, appendonly: aof === undefined ? undefined : aof === "1" };
  }
}

/** The warnings an operator should see at start: one line each, saying what can happen and what to set. */
export function durabilityWarnings(d: RedisDurability): string[] {
  const warnings: string[] = [];
  if (d.maxmemoryPolicy !== undefined && d.maxmemoryPolicy !== "noeviction") {
    warnings.push(
      `Redis maxmemory-policy is "${d.maxmemoryPolicy}": when memory runs short Redis may evict queued jobs and recurring schedulers. Set maxmemory-policy noeviction (the sweep rebuilds what is lost from the rows, but late).`,
    );
  }
  if (d.appendonly === false && d.save === "") {
    warnings.push(
      "Redis persistence is off (no RDB snapshots, no AOF): a Redis restart loses every queued job and recurring scheduler until the sweep rebuilds them from the rows. Turn on appendonly yes, or RDB snapshots (save).",
    );
  }
  return warnings;
}

/** Logs the durability warnings for this Redis once, at start; never throws (an unreachable Redis is reported elsewhere). */
export async function warnAboutRedisDurability(redis: Redis, logger: Logger): Promise<void> {
  try {
    const durability = await readRedisDurability(redis);
    for (const warning of durabilityWarnings(durability)) logger.warn({ redis: durability }, warning);
    if (durability.appendonly === false && durability.save === undefined) {
      logger.info("Redis AOF is off and CONFIG is not allowed, so whether RDB snapshots are on is unknown; make sure Redis persists (appendonly yes or save).");
    }
  } catch (error) {
    logger.debug({ reason: error instanceof Error ? error.message : String(error) }, "could not read Redis's eviction and persistence settings");
  }
}
