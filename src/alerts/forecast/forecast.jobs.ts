import { z } from "zod";

/** The reminder kind that tells samordning what the night's forecast check decided. */
export const FORECAST_NOTICE_KIND = "coldnight.forecast-notice";

/** The deterministic key of a night's forecast notice: one per partnership and night. */
export function forecastNoticeKey(partnershipId: string, night: string): string {
  return `coldnight-forecast:${partnershipId}:${night}`;
}

/** Payload of the forecast notice reminder. */
export const forecastNoticePayload = z.object({
  partnershipId: z.string().min(1),
  /** The first night of the suggested run, or the night whose forecast was unavailable. */
  night: z.iso.date(),
  kind: z.enum(["run", "unavailable"]).optional(),
});
