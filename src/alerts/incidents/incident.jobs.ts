import { z } from "zod";

/** Payload of every incident reminder. */
export const incidentReminderPayload = z.object({ incidentId: z.uuid() });
/** Payload of a repeated Arbetsmiljöverket reminder: which repetition it is. */
export const authorityReminderPayload = incidentReminderPayload.extend({ n: z.int().min(1) });
