import { SamverkaError } from "../src/shared/errors.ts";

/**
 * Bounds a call to the queue store. During an outage BullMQ waits for the connection to come back, which
 * would hang a chat request; the caller gets a retryable error instead while the call may still land later.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SamverkaError("external_unavailable", `The job queue did not answer within ${ms} ms (${what}); check Redis or PostgreSQL.`, { retryable: true }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
