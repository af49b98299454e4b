import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** V8's gc() (exposed by --expose-gc), with the options of one full, memory-reducing collection. */
type CollectGarbage = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * Gives the memory start-up needed back to the system, once, when a process is ready. Loading a few thousand modules
 * grows V8's young generation to the semi-space maximum (2 × 16 MB, the start script's flag), and V8 keeps those pages
 * once they are empty: only a memory-reducing collection returns them, and its own memory reducer does not run one
 * while the workers' timers allocate. gc() is the one way to ask for it, so it is exposed for this call and hidden again.
 */
export function releaseStartupMemory(): void {
  setFlagsFromString("--expose-gc");
  const collectGarbage = runInNewContext("gc") as CollectGarbage;
  setFlagsFromString("--no-expose-gc");
  collectGarbage({ type: "major", execution: "sync", flavor: "last-resort" });
}
