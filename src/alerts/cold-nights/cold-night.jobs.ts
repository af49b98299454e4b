import { z } from "zod";

/** Payload of a ladder step reminder. */
export const escalationPayload = z.object({ alertId: z.uuid(), activityId: z.uuid(), step: z.int().min(1) });
/** Payload of the morning auto-close reminder. */
export const autoClosePayload = z.object({ alertId: z.uuid() });
/** Payload of a shelter's follow-up question. */
export const followUpPayload = z.object({ alertId: z.uuid(), activityId: z.uuid(), round: z.int().min(1).default(1) });
