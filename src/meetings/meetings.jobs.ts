import { z } from "zod";

/** Payload of every meeting reminder: the meeting and the start it was computed for, so a moved meeting's stale row can tell. */
export const meetingReminderPayload = z.object({
  meetingId: z.uuid(),
  startsAt: z.iso.datetime(),
});

/** Payload of an action item's due-date reminder. */
export const actionItemReminderPayload = z.object({
  actionItemId: z.uuid(),
});
