import type { Compose } from "../chat/notifier.ts";
import type { AlertsDeps } from "./alerts.deps.ts";

/** Sends one message to each member; a member who cannot be reached is logged and the rest still get it. */
export async function tellMembers(deps: AlertsDeps, memberIds: readonly string[], compose: Compose, what: string): Promise<number> {
  let reached = 0;
  for (const memberId of new Set(memberIds)) {
    try {
      const deliveries = await deps.notifier.toMember(memberId, compose);
      if (deliveries.length > 0) reached += 1;
    } catch (error) {
      deps.logger.warn({ err: error, memberId }, `${what}: could not reach the member`);
    }
  }
  return reached;
}
