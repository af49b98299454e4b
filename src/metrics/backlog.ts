import { sql } from "kysely";
import type { Db } from "../db/database.ts";

/** The tables that hold work waiting to be done. */
export type BacklogTable = "outbox" | "reminders" | "inbox";

/** Work waiting in one table: rows due and not yet taken, and how long the oldest of them has been due. */
export interface BacklogFigure {
  table: BacklogTable;
  due: number;
  oldestDueSeconds: number;
}

/**
 * Reads the backlog from the rows, the truth the queues are rebuilt from: pending outbox rows and reminders whose
 * time has come, and inbox deliveries not yet handled. A healthy system keeps these near zero and a few seconds old.
 */
export async function measureBacklog(db: Db, now: Date): Promise<BacklogFigure[]> {
  const [outbox, reminders, inbox] = await Promise.all([
    db
      .selectFrom("outbox")
      .where("status", "=", "pending")
      .where("due_at", "<=", now)
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.min("due_at").as("oldest")])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("reminders")
      .where("status", "=", "pending")
      .where("due_at", "<=", now)
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.min("due_at").as("oldest")])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("inbox")
      .where("status", "=", "pending")
      .select((eb) => [eb.fn.countAll<string>().as("n"), sql<Date | null>`min(received_at)`.as("oldest")])
      .executeTakeFirstOrThrow(),
  ]);
  const figure = (table: BacklogTable, row: { n: string | number; oldest: Date | string | null }): BacklogFigure => ({
    table,
    due: Number(row.n),
    oldestDueSeconds: row.oldest === null ? 0 : Math.max(0, now.getTime() - new Date(row.oldest).getTime()) / 1000,
  });
  return [figure("outbox", outbox), figure("reminders", reminders), figure("inbox", inbox)];
}
