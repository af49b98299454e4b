import type { CoreDeps } from "../app/feature.ts";
import type { LocalizedText } from "../forms/index.ts";
import type { ReportPrefillSources } from "./report-prefill.ts";

/** Puts an item on a group's agenda; idempotent by `key`. Wired to the meetings capability. */
export interface AgendaPort {
  /** Adds the item to the group's next meeting before `before`, once per key. */
  addItem(item: { partnershipId: string; groupId: string; key: string; title: LocalizedText; before: Date }): Promise<void>;
}

/** What the reports capability needs from the composition root. */
export interface ReportsDeps extends CoreDeps {
  prefill?: ReportPrefillSources;
  agenda?: AgendaPort;
}
