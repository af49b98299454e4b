import type { Metrics } from "../shared/metrics.ts";
import type { Platform } from "./chat-port.ts";
import type { InboundHandler } from "./inbound.ts";

/**
 * The inbound handler one platform's adapter calls, counting what comes in: every event the core handles (recorded
 * in the inbox first, or a Slack modal submission answered at once) and every card or modal form it accepts.
 * A redelivered duplicate never reaches the handler, so it is not counted.
 */
export function countInbound(handler: InboundHandler, platform: Platform, metrics: Metrics): InboundHandler {
  return {
    async handle(event, port) {
      metrics.inboundEvent(platform, event.type);
      const result = (await handler.handle(event, port)) ?? undefined;
      // A form answered without a result was accepted (the modal or card just closes).
      if (event.type === "form" && result?.ok !== false) metrics.formCompleted(event.formId, "card");
      return result;
    },
  };
}
