import type { Db } from "../../src/db/database.ts";
import type { PlatformDriver, SentItem } from "./platform-driver.ts";

/** An item by its content: a driver may rebuild items on every read and order them its own way. */
export function keyOf(item: SentItem): string {
  return `${item.kind}|${item.conversation}|${item.messageId ?? ""}|${item.text}`;
}

/** What a driver was sent after a mark, so a step looks only at what it caused. */
export interface SentMarks {
  /** What was sent so far, to look past later. */
  snapshot: () => Set<string>;
  /** What was sent since `mark`. */
  since: (mark: Set<string>) => SentItem[];
  /** Waits for an item sent since `mark` that `matches`, and returns the first. */
  after: (mark: Set<string>, matches: (item: SentItem) => boolean) => Promise<SentItem>;
}

/** Marks over `driver()` (read at each call: the server starts after the marks are made). */
export function sentMarks(driver: () => PlatformDriver, timeoutMs = 15_000): SentMarks {
  const since = (mark: Set<string>) =>
    driver()
      .sent()
      .filter((i) => !mark.has(keyOf(i)));
  return {
    snapshot: () => new Set(driver().sent().map(keyOf)),
    since,
    after: async (mark, matches) => {
      await driver().waitFor(() => since(mark).some(matches), timeoutMs);
      return since(mark).find(matches)!;
    },
  };
}

/** How many outbox rows are still to be sent (pending, or being sent). */
export async function unsentCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "in", ["pending", "processing"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
