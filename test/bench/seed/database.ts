import pg from "pg";
import { ADMIN_URL, uniqueName } from "../../helpers/test-database.ts";

/** A fresh, empty database on the machine's PostgreSQL for one measured process; the process migrates it. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = uniqueName("samverka_bench");
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** Runs SQL against a bench database (seeding what no admin command creates, and reading outcomes). */
export async function withDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Samverka's queue prefix (fixed in the job runtime). */
export const SAMVERKA_QUEUE_PREFIX = "samverka_jobs";

/** Transactions the database has committed or rolled back so far (every statement outside a transaction is one). */
export async function transactionCount(url: string): Promise<number> {
  // The statistics are reported by each connection at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return withDatabase(url, async (client) => {
    const { rows } = await client.query<{ n: string }>("select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()");
    return Number(rows[0]?.n ?? Number.NaN);
  });
}
