/** The protocol between the bench and a process it measures: "ready" with the URL over IPC; SIGTERM to stop. */

/** Tells the bench the process is ready, at `url` when it serves HTTP. */
export function announce(url: string | undefined): void {
  process.send?.({ type: "ready", url });
}

/** Runs `close` once on SIGTERM or SIGINT (or when the bench goes away), then exits. */
export function onStop(close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.once("disconnect", stop);
}
