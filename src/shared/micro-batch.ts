/** Runs one item of a batch; resolves with that item's own result. */
export type Batched<I, O> = (item: I) => Promise<O>;

/**
 * Turns a statement over many items into a call per item. The first call runs at once; calls that arrive while a
 * batch is running wait for it and then run together as the next one (at most `maxBatch` at a time). An idle process
 * waits for nothing, and a busy one pays one round trip and one commit for many jobs instead of one each.
 * `run` answers the items in order; when it fails, every item of that batch gets the error.
 */
export function createMicroBatch<I, O>(run: (items: readonly I[]) => Promise<readonly O[]>, maxBatch = 100): Batched<I, O> {
  let waiting: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let running = false;

  const next = (): void => {
    if (running || waiting.length === 0) return;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(batch.length);
    running = true;
    run(batch.map((w) => w.item))
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        running = false;
        next();
      });
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      next();
    });
}
