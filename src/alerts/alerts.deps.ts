import type { CoreDeps } from "../app/feature.ts";

/** What every alerts use case works with: the core dependencies, nothing of its own. */
export type AlertsDeps = CoreDeps;
